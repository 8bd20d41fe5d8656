"""After validation: checks that read the `Project` and report `Problem`s, never change it.

`completeness` (is each item's every element there), `consistency` (do published figures
agree), `dates` (dates against the fiscal year), `readiness` (what an assessor would find
as of a date), `external` (links to other sites, on request) and `summary` (the readiness
summary of a pull request). Their problems are warnings: a site with gaps still builds.

May import: `generator.model`, `generator.schema`, `generator.format` and the shared leaves.
"""
