"""The search box in the header, on a phone: a member types a word and gets the
site's results grouped by kind, the board's among them; a visitor gets no board."""

from tests.browser.accessibility import blocking_violations
from tests.browser.conftest import DEMO_PASSWORD, save_screenshot, sign_in

PHONE = {"width": 390, "height": 844}


def search_from_the_header(page, words):
    box = page.get_by_role("search", name="Site").get_by_label("Search the site")
    box.fill(words)
    box.press("Enter")
    page.wait_for_load_state()


def group_headings(page):
    return [
        heading.split(" (")[0]
        for heading in page.locator(".search-group h2").all_inner_texts()
    ]


def assert_fits_the_phone(page):
    box = page.get_by_label("Search the site").bounding_box()
    button = (
        page.get_by_role("search", name="Site").get_by_role("button").bounding_box()
    )
    assert box["x"] >= 0 and button["x"] + button["width"] <= PHONE["width"]
    assert box["width"] >= 200  # room to see what was typed
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_a_member_searches_from_the_header_on_a_phone(browser, live_server_url):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    try:
        sign_in(page, live_server_url, "maria", DEMO_PASSWORD)
        page.goto(f"{live_server_url}/")
        assert_fits_the_phone(page)

        search_from_the_header(page, "immigration")

        assert "/search/?q=immigration" in page.url
        headings = group_headings(page)
        assert headings[0] == "Organizations"
        assert "Board threads" in headings
        organizations = page.locator("#results-organizations")
        assert 1 <= organizations.locator(".search-result").count() <= 5
        see_all = organizations.get_by_role("link", name="in the directory")
        assert "organizations in the directory" in see_all.inner_text()
        threads = page.locator("#results-threads")
        assert threads.get_by_role("link", name="immigration detainees").is_visible()
        assert_fits_the_phone(page)
        assert blocking_violations(page) == []
        save_screenshot(page, "site-search-phone")

        see_all.click()
        page.wait_for_load_state()
        assert "q=immigration" in page.url
        assert page.get_by_label("Search organizations", exact=True).input_value() == (
            "immigration"
        )
    finally:
        context.close()


def test_a_visitor_searches_without_the_board(browser, live_server_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        page.goto(f"{live_server_url}/resources/")
        search_from_the_header(page, "immigration")

        headings = group_headings(page)
        assert "Organizations" in headings
        assert "Board threads" not in headings
        assert "detainees" not in page.content()
        assert blocking_violations(page) == []
        save_screenshot(page, "site-search-desktop")
    finally:
        context.close()
