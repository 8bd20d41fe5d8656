"""Beside the pipeline: commands that write files for editors, not the site.

`newyear` scaffolds a new fiscal year from the one before; `json_schema` writes the JSON
Schema of each kind of data file (for editors' autocompletion); `reference` writes the
data-format help page from the same models.

May import: `generator.site`, `generator.checks`, `generator.model`, `generator.schema`,
`generator.format` and the shared leaves; not `generator.mkdocs_plugin`.
"""
