/*
 * Material for MkDocs' storage helpers (partials/javascripts/base.html of Material 9.8),
 * moved out of the page so that the site runs under a Content-Security-Policy without
 * inline scripts. The scope, which differs with each page's depth, comes from the script
 * element's data-scope attribute (theme/partials/javascripts/base.html).
 */
__md_scope=new URL(document.currentScript.dataset.scope,location),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}}
