"""The directory's "Download as CSV" link, in the browser: after a filter is ticked
(the script redraws the results in place) it downloads the search on the screen,
on a wide screen and on a phone."""

import csv
import io
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.browser.accessibility import blocking_violations
from tests.browser.conftest import ARTIFACTS_DIR, PageWatch, save_screenshot

VIEWPORTS = {
    "desktop": {"width": 1280, "height": 900},
    "phone": {"width": 390, "height": 844},
}


@pytest.mark.parametrize("screen", list(VIEWPORTS))
def test_the_download_link_carries_the_filters_on_the_screen(
    browser, live_server_url, screen
):
    context = browser.new_context(viewport=VIEWPORTS[screen], accept_downloads=True)
    page = context.new_page()
    page.watch = PageWatch(page, live_server_url)
    try:
        page.goto(f"{live_server_url}/members/")
        page.wait_for_load_state("networkidle")
        if screen == "phone":
            page.locator(".directory__filters-toggle").click()
        box = page.locator("#directory-facets input[name=issue]").first
        area = box.get_attribute("value")
        box.check()
        page.wait_for_url(f"**issue={area}**")
        page.wait_for_load_state("networkidle")

        link = page.get_by_role("link", name="Download as CSV")
        assert link.is_visible()
        assert parse_qs(urlsplit(link.get_attribute("href")).query)["issue"] == [area]
        count = int(page.locator("#directory-count").inner_text().split()[0])
        link.scroll_into_view_if_needed()
        save_screenshot(page, f"directory-download-{screen}")
        page.locator(".directory__download").screenshot(
            path=str(ARTIFACTS_DIR / f"directory-download-{screen}-link.png")
        )

        with page.expect_download() as downloading:
            link.click()
        download = downloading.value
        content = open(download.path(), encoding="utf-8-sig").read()
        rows = list(csv.DictReader(io.StringIO(content)))
        assert download.suggested_filename == "member-directory.csv"
        assert len(rows) == count
        assert "Contact email" not in rows[0]  # a visitor: public details only
        assert page.watch.console_errors == []
        assert blocking_violations(page) == []
    finally:
        context.close()
