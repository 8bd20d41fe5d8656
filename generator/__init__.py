"""OIT site generator: an agency's OIT disclosure data -> a bilingual MkDocs site."""

__version__ = "0.1.0"
