"""The data model, declared once: pydantic models for every kind of data file.

These models are the single source of validation, of the error messages' field names,
of the JSON Schema editors use, and of the data-format reference.

May import: the shared leaves (errors, urls, labels, caches) only.
"""
