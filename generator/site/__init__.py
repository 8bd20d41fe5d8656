"""Stage 4: the validated `Project` -> the site's Markdown pages and data files.

`render` runs the Jinja templates (`templates/`, macros in `templates/macros/`) with a
`context.PageContext` per page and language, which escapes every text from data; `views`
lays out item pages; `dashboards` and `charts` work out and draw plan and results figures;
`exports` writes tables as CSV and JSON; `itas` and `workbook` make the ITAS sheet.
Nothing here knows MkDocs.

May import: `generator.checks`, `generator.model`, `generator.schema`, `generator.format`
and the shared leaves.
"""
