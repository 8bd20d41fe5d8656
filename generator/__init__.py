"""OIT site generator: an agency's OIT disclosure data -> a bilingual MkDocs site.

The subpackages are the pipeline's stages, in order: `schema` (the data model), `model`
(load and validate into a Project), `checks` (completeness, consistency, readiness),
`site` (render Markdown pages), `mkdocs_plugin` (build them with MkDocs), and beside
them `tools` (new-year, JSON Schema, help page). `cli` is the `oit` command. The shared
leaves are `errors` (problems and how they are reported), `urls` (the URL contract),
`labels` (the site's fixed words), `format` (dates, numbers, money per language) and
`caches`. A stage imports only earlier stages (pyproject.toml, [tool.importlinter]).
"""

__version__ = "0.1.0"
