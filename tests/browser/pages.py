"""What the browser tests visit and keep: the page kinds, and screenshots as artifacts."""

from __future__ import annotations

from playwright.sync_api import Page

from conftest import REPO

ARTIFACTS = REPO / "tests" / "artifacts"

# One page of each kind the site has, by site path (Thai; English under en/).
PAGE_KINDS = {
    "home": "",
    "years": "years/",
    "year": "2569/",
    "checklist": "2569/oit/",
    "item-text-documents-table": "2569/oit/o1/",
    "item-people": "2569/oit/o2/",
    "item-contact-links": "2569/oit/o3/",
    "item-tables-money-dates": "2569/oit/o11/",
    "item-composed-from-plans": "2569/oit/o25/",
    "archive-checklist-with-unpublished-items": "2568/oit/",
    "measures-dashboard": "2569/measures/",
    "measure": "2569/measures/1/",
    "ita-results": "2569/ita/",
    "itas-sheet": "2569/itas/",
    "about": "about/",
}


def screenshot(page: Page, name: str) -> None:
    """Save what the page shows to tests/artifacts/<name>.png (kept out of git)."""
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))
