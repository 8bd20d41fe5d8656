"""The Content-Security-Policy of a built site: only the site itself, no inline script or
style.

Where it sits: the plugin writes the policy into every published page as a `<meta
http-equiv>` element (generator/theme/main.html), so that it protects readers even where the web
server sends no header; `oit csp` prints it for the server's header too (the help page
"Publishing the site" shows it in an nginx example), which adds what a meta element cannot
say (`frame-ancestors`). The policy trusts nothing in the pages: Material's inline scripts
are files of the site (generator/theme/partials/javascripts/), progress bars are drawn with SVG
attributes, so no hash of page content is needed, and a script that data or content
managed to put into a page would not run.
"""

from __future__ import annotations

#: Everything from the site itself; images may also be `data:` URLs, which Material's
#: stylesheet uses for its icons; scripts may compile WebAssembly (`'wasm-unsafe-eval'`,
#: which allows no `eval` of script), which the search's engine (Pagefind) is.
_DIRECTIVES = (
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
)
#: Directives a `<meta>` element cannot carry (the browser ignores them there).
_HEADER_ONLY = ("frame-ancestors 'none'",)


def content_security_policy(*, header: bool = True) -> str:
    """The policy's value: for the server's header, or (`header=False`) for the pages'
    `<meta http-equiv="Content-Security-Policy">`."""
    return "; ".join(_DIRECTIVES + (_HEADER_ONLY if header else ()))
