"""The directory on a phone (390x844), with and without JavaScript: the results come
first, the facets open from a "Filter (n)" disclosure, and after a filter is
ticked the count and the first result are on the screen and announced. On a wide
screen the facets stay beside the results, open, whatever JavaScript does."""

import re

import pytest

from tests.browser.accessibility import blocking_violations
from tests.browser.conftest import PageWatch, save_screenshot

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture(params=[True, False], ids=["javascript", "no-javascript"])
def javascript(request):
    return request.param


def open_page(browser, live_server_url, viewport, javascript, path="/members/"):
    context = browser.new_context(viewport=viewport, java_script_enabled=javascript)
    page = context.new_page()
    page.watch = PageWatch(page, live_server_url)
    page.goto(f"{live_server_url}{path}")
    page.wait_for_load_state("networkidle")
    return context, page


def within_the_screen(page, locator):
    box = locator.bounding_box()
    height = page.viewport_size["height"]
    return (
        box is not None
        and box["y"] >= 0
        and box["y"] + min(box["height"], 60) <= height
    )


def filter_label(page):
    """What the disclosure says, as a screen reader hears it."""
    return " ".join(page.locator(".directory__filters-toggle").text_content().split())


def test_on_a_phone_a_ticked_filter_brings_the_count_and_first_result_into_view(
    browser, live_server_url, javascript
):
    context, page = open_page(browser, live_server_url, PHONE, javascript)
    try:
        facets = page.locator("#directory-facets")
        toggle = page.locator(".directory__filters-toggle")
        count = page.locator("#directory-count")
        # Results first: the facets wait behind the disclosure.
        assert toggle.is_visible() and not facets.is_visible()
        assert filter_label(page) == "Filter (0 chosen)"
        assert toggle.bounding_box()["y"] < count.bounding_box()["y"]
        save_screenshot(page, f"directory-phone-{'js' if javascript else 'nojs'}")

        toggle.click()
        assert facets.is_visible()
        box = facets.locator("input[name=issue]").first
        area = box.get_attribute("value")
        box.check()
        if javascript:
            page.wait_for_url(f"**issue={area}**")
            page.wait_for_load_state("networkidle")
            page.wait_for_function(
                "() => document.querySelector('[data-directory-status]')"
                ".textContent !== ''"
            )
        else:
            page.get_by_role("button", name="Apply filters").click()
            page.wait_for_load_state()
            assert page.url.endswith("#directory-count")

        assert f"issue={area}" in page.url
        first = page.locator("#directory-results .org-card").first
        assert within_the_screen(page, count), count.bounding_box()
        assert within_the_screen(page, first.locator(".org-card__name")), (
            first.bounding_box()
        )
        assert filter_label(page) == "Filter (1 chosen)"
        assert not facets.is_visible()
        found = " ".join(count.inner_text().split())
        assert re.match(r"\d+ organizations? of \d+", found)
        if javascript:
            # Announced, and focus on the count (the ticked box was hidden).
            status = page.locator("[data-directory-status]").text_content()
            assert status == found
        else:
            # A new page: its title says what was found.
            assert page.title().startswith(found.split(" of ")[0])
        assert page.evaluate("document.activeElement.id") == "directory-count"
        save_screenshot(
            page, f"directory-phone-filtered-{'js' if javascript else 'nojs'}"
        )
        assert page.watch.console_errors == []
        if javascript:  # axe runs as a script in the page
            assert blocking_violations(page) == []
    finally:
        context.close()


def test_a_long_facet_shows_its_top_values_and_opens_to_all_of_them(
    browser, live_server_url
):
    context, page = open_page(browser, live_server_url, PHONE, False)
    try:
        page.locator(".directory__filters-toggle").click()
        issues = page.locator(".facet--issue")
        visible = issues.locator("input[name=issue]:visible")
        everything = issues.locator("input[name=issue]")
        shown = visible.count()
        assert 0 < shown < everything.count()

        issues.get_by_text(f"Show all {everything.count()}").click()
        assert visible.count() == everything.count()
        assert issues.get_by_text("Show fewer").is_visible()
    finally:
        context.close()


def test_the_skip_link_takes_keyboard_users_to_the_results(browser, live_server_url):
    context, page = open_page(browser, live_server_url, PHONE, True)
    try:
        skip = page.get_by_role("link", name="Skip to results")
        skip.focus()
        assert skip.is_visible()
        page.keyboard.press("Enter")
        # Focus moves and the page may scroll smoothly after the jump: wait for both
        # (up to 5 s each) before checking where the count is.
        page.wait_for_function(
            "() => document.activeElement?.id === 'directory-count'", timeout=5000
        )
        assert page.evaluate("document.activeElement.id") == "directory-count"
        page.wait_for_function(COUNT_IN_VIEW, timeout=5000)
        assert within_the_screen(page, page.locator("#directory-count"))
    finally:
        context.close()


COUNT_IN_VIEW = """() => {
    const box = document.getElementById("directory-count").getBoundingClientRect();
    return box.top >= 0 && box.top + Math.min(box.height, 60) <= window.innerHeight;
}"""


def test_on_a_wide_screen_the_facets_stay_beside_the_results(
    browser, live_server_url, javascript
):
    context, page = open_page(browser, live_server_url, DESKTOP, javascript)
    try:
        facets = page.locator("#directory-facets")
        results = page.locator("#directory-results")
        assert facets.is_visible()
        assert not page.locator(".directory__filters-toggle").is_visible()
        assert facets.bounding_box()["x"] < results.bounding_box()["x"]
        assert abs(facets.bounding_box()["y"] - results.bounding_box()["y"]) < 5
        save_screenshot(page, f"directory-wide-{'js' if javascript else 'nojs'}")
    finally:
        context.close()
