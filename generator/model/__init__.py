"""Stages 1-3: the agency's files -> one validated `Project`.

`load` reads YAML with the line and column of every value; `validate` checks a file
against its pydantic model (`generator.schema`) and words the errors; `project` reads the
whole project and checks what no single file can, with `plans` (plans, progress rounds,
ITA results), `units` (the unit registry), `tables` (CSV/XLSX tables), `compose`
(checklist elements made from plans and results) and `files` (what data/ and content/ may hold).

May import: `generator.schema` and the shared leaves (errors, urls, labels, caches).
"""
