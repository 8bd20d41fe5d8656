"""The Content-Security-Policy for a built site: only the site itself, plus the hashes of the
few inline scripts mkdocs-material writes into every page.

Where it sits: after the build, for whoever hosts the site (`oit csp` prints the header
value; the help page "Publishing the site" shows it in an nginx example). Material 9.x
writes small inline scripts (the storage scope `__md_scope`, which differs with each page's
depth and with the 404 page's absolute path, the colour palette, and an anchor fix); a CSP
without 'unsafe-inline' must list their SHA-256 hashes, so they are read from the built
HTML rather than copied by hand. Material internals: if an upgrade changes these scripts,
run `oit csp` again (a test compares the documented policy with the sample's).
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.DOTALL)


def inline_script_hashes(site_dir: Path) -> list[str]:
    """`'sha256-…'` of every inline script the site's pages execute, sorted."""
    hashes: set[str] = set()
    for page in sorted(site_dir.rglob("*.html")):
        for match in _SCRIPT.finditer(page.read_text(encoding="utf-8")):
            attrs = match.group("attrs")
            if "src=" in attrs or "application/json" in attrs:
                continue  # a file of the site, or data a script reads (never executed)
            digest = hashlib.sha256(match.group("body").encode("utf-8")).digest()
            hashes.add(f"'sha256-{base64.b64encode(digest).decode()}'")
    return sorted(hashes)


def content_security_policy(site_dir: Path) -> str:
    """The header value: everything from the site itself; images may also be `data:` URLs,
    which Material's stylesheet uses for its icons; scripts may compile WebAssembly
    (`'wasm-unsafe-eval'`, not `eval`), which the search's engine (Pagefind) is."""
    scripts = " ".join(["'self'", "'wasm-unsafe-eval'", *inline_script_hashes(site_dir)])
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src {scripts}",
            "style-src 'self'",
            "img-src 'self' data:",
            "font-src 'self'",
            "connect-src 'self'",
            "worker-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        ]
    )
