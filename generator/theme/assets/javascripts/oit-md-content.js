/*
 * Material for MkDocs' content state restore (partials/javascripts/content.html of
 * Material 9.8: the linked content tabs, and the tab an address points at), moved out of
 * the page for the Content-Security-Policy (no inline scripts). The first part does
 * nothing unless the content.tabs.link feature has stored a tab.
 */
var tabs=__md_get("__tabs");if(Array.isArray(tabs))e:for(var set of document.querySelectorAll(".tabbed-set")){var labels=set.querySelector(".tabbed-labels");for(var tab of tabs)for(var label of labels.getElementsByTagName("label"))if(label.innerText.trim()===tab){var input=document.getElementById(label.htmlFor);input.checked=!0;continue e}}
var target=document.getElementById(location.hash.slice(1));target&&target.name&&(target.checked=target.name.startsWith("__tabbed_"))
