"""Every public page: loads with no console error, asks no other host for anything,
and has no serious or critical accessibility violation. Later issues add their
pages to PAGES."""

import pytest

from tests.browser.accessibility import blocking_violations
from tests.browser.conftest import save_screenshot

PAGES = [
    ("home", "/"),
    ("directory", "/members/"),
    ("directory-searched", "/members/?q=rights&scope=local&sort=name"),
    ("profile", "/members/anchorage-workers-dignity-center/"),
    ("issues", "/issues/"),
    ("hub", "/issues/housing/"),
    ("graph", "/members/graph/"),
    ("campaigns", "/campaigns/"),
    ("campaign", "/campaigns/us-upr-coalition-report/"),
    ("calendar", "/calendar/"),
    ("join", "/join/"),
    ("sign-in", "/accounts/login/"),
    ("password-reset", "/accounts/password/reset/"),
    ("board-visitor", "/board/"),
    ("resources", "/resources/"),
    ("resources-filtered", "/resources/?kind=un-submission&q=submission"),
    ("resource", "/resources/us-upr-joint-submission/"),
    ("news", "/news/"),
    ("news-item", "/news/joint-upr-submission-sent-to-geneva/"),
]
# The same pages in Spanish (issue 16): the interface is translated, the content
# keeps the language it was written in.
PAGES += [
    (f"es-{name}", f"/es{path}")
    for name, path in PAGES
    if name
    in {
        "home",
        "directory-searched",
        "profile",
        "campaign",
        "join",
        "sign-in",
        "board-visitor",
        "resources",
        "calendar",
    }
]


@pytest.mark.parametrize(("name", "path"), PAGES)
def test_page_is_clean_self_contained_and_accessible(page, live_server_url, name, path):
    response = page.goto(f"{live_server_url}{path}")
    page.wait_for_load_state("networkidle")

    assert response.status == 200
    save_screenshot(page, name)
    assert page.watch.console_errors == []
    assert page.watch.foreign_requests == []
    assert blocking_violations(page) == []


def test_home_page_shows_the_network_and_its_principles(page, live_server_url):
    page.goto(live_server_url)

    assert "Common Ground Human Rights Network" in page.title()
    assert page.get_by_role("heading", name="What we stand for").is_visible()
    assert (
        page.get_by_role("navigation", name="Main")
        .get_by_role("link", name="Members")
        .is_visible()
    )


def test_skip_link_moves_focus_to_the_main_content(page, live_server_url):
    page.goto(live_server_url)
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    assert skip.evaluate("element => element === document.activeElement")
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"


def test_the_language_switcher_keeps_the_page_and_its_search(page, live_server_url):
    page.goto(f"{live_server_url}/members/?q=housing")
    page.get_by_role("button", name="Español").click()
    page.wait_for_load_state()

    assert page.url == f"{live_server_url}/es/members/?q=housing"
    assert page.locator("html").get_attribute("lang") == "es"
    assert page.get_by_role("link", name="Iniciar sesión").is_visible()
    save_screenshot(page, "es-directory-switched")

    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()
    assert page.url == f"{live_server_url}/members/?q=housing"
    # Chosen: an English address now stays English.
    page.goto(f"{live_server_url}/members/")
    assert page.locator("html").get_attribute("lang") == "en"
