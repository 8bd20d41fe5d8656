"""The charts of the ITA results and measures pages render in Chromium (screenshots kept)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from browser.pages import screenshot


# Results: three charts; measures: a timeline per plan (integrity, anti-corruption, risk).
@pytest.mark.parametrize(
    ("path", "charts"),
    [("2569/ita/", 3), ("en/2569/ita/", 3), ("2569/measures/", 3), ("en/2569/measures/", 3)],
)
def test_charts_render_in_chromium(site: str, page: Page, path: str, charts: int) -> None:
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(site + path)
    page.wait_for_load_state("networkidle")
    svgs = page.locator("svg.oit-chart-svg")
    assert svgs.count() == charts
    for i in range(charts):
        svg = svgs.nth(i)
        box = svg.bounding_box()
        assert box is not None and box["width"] > 300 and box["height"] > 100, box
        assert svg.get_attribute("role") == "img"
        assert svg.locator(":scope > title").text_content()
        assert svg.locator(":scope > desc").text_content()
        # The bars are drawn: the first rect of the chart has a size too.
        rect = svg.locator("rect").first.bounding_box()
        assert rect is not None and rect["width"] > 0 and rect["height"] > 0
    screenshot(page, "charts-" + path.strip("/").replace("/", "-"))
    # Everything the page needs comes from the site itself.
    assert all(url.startswith(site.removesuffix("ita/")) for url in requests), requests
