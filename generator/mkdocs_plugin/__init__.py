"""Stage 5: the MkDocs plugin that runs the pipeline inside `mkdocs build` and `serve`.

`plugin` is the glue (one method per MkDocs event); `staging` writes content/ and the
generated pages into the folder MkDocs builds from; `nav` scopes navigation to a fiscal
year; `hreflang` completes the language alternates; `search` prepares the search index
for Thai; after the build, `redirects`, `manifest` (the URL contract) and `links` check
and finish the site; `csp` derives its Content-Security-Policy.

May import: `generator.site`, `generator.checks`, `generator.model`, `generator.schema`,
`generator.format` and the shared leaves; not `generator.tools`.
"""
