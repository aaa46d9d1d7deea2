"""Finding a partner in the browser: search for an issue, narrow to a state with a
facet (updated in place by JavaScript), open a profile, follow a related
organization; and the network graph draws and links to profiles."""

from tests.browser.conftest import save_screenshot


def a_public_organization_with_related_partners():
    from members.models import MemberOrganizationPage

    for organization in MemberOrganizationPage.objects.publicly_listed().order_by(
        "title"
    ):
        areas = list(organization.issue_areas.all())
        if organization.subdivision and areas and organization.country == "US":
            return organization, areas[0]
    raise AssertionError("the demo network has no public organization to find")


def test_a_person_finds_a_partner_by_issue_and_state_and_follows_a_related_one(
    page, live_server_url
):
    from members.geography import subdivision_name

    organization, area = a_public_organization_with_related_partners()
    word = area.name.split()[0]
    state = str(subdivision_name(organization.subdivision))

    page.goto(f"{live_server_url}/members/")
    page.get_by_label("Search organizations").fill(word)
    page.locator("#main").get_by_role("button", name="Search", exact=True).click()
    page.wait_for_url(f"**/members/?q={word}**")
    page.wait_for_load_state("networkidle")
    page.evaluate("window.stillTheSamePage = true")

    # Narrow with the state facet: JavaScript swaps the results in place.
    facets = page.locator("#directory-facets")
    facets.get_by_role("checkbox", name=state, exact=False).first.check()
    page.wait_for_url("**state=**")
    page.wait_for_load_state("networkidle")
    assert page.evaluate("window.stillTheSamePage") is True
    results = page.locator("#directory-results")
    assert results.get_by_role("link", name=organization.title).is_visible()
    assert facets.get_by_role("checkbox", name=state).first.is_checked()
    save_screenshot(page, "members-directory-narrowed")

    results.get_by_role("link", name=organization.title).click()
    page.wait_for_url(f"**{organization.url}")
    assert page.get_by_role("heading", level=1).inner_text() == organization.title
    related = page.locator(".related__item a").first
    related_name = related.inner_text()
    assert (
        page.locator(".related__reason").first.inner_text().startswith("Also works on")
    )
    save_screenshot(page, "members-profile")

    related.click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == related_name
    assert page.watch.console_errors == []
    assert page.watch.foreign_requests == []


def test_directory_works_without_javascript(browser, live_server_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"{live_server_url}/members/")
        page.locator("#directory-facets input[name=scope]").first.check()
        page.get_by_role("button", name="Apply filters").click()
        page.wait_for_load_state()
        assert "scope=" in page.url
        assert page.locator("#directory-results .org-card").count() > 0
    finally:
        context.close()


def test_network_graph_draws_issue_areas_and_links_to_profiles(page, live_server_url):
    page.goto(f"{live_server_url}/members/graph/")
    page.wait_for_selector("#network-graph svg")
    page.wait_for_load_state("networkidle")

    assert page.locator(".graph-node--issue").count() > 5
    assert page.locator(".graph-node--organization").count() > 10
    save_screenshot(page, "members-graph")

    page.get_by_label("Issue area", exact=True).select_option("housing")
    page.wait_for_url("**issue=housing**")
    page.wait_for_load_state("networkidle")
    assert page.locator(".graph-node--issue").count() >= 1
    href = page.locator(".graph-node--organization a").first.get_attribute("href")
    assert href.startswith("/members/")
    page.goto(f"{live_server_url}{href}")
    assert page.get_by_role("heading", level=1).is_visible()
    assert page.watch.console_errors == []
