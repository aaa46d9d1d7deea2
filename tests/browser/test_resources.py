"""A member contributes a resource, a coordinator approves it, a visitor finds it."""

from tests.browser.accessibility import blocking_violations
from tests.browser.conftest import DEMO_PASSWORD, save_screenshot, sign_in


def approve_as_coordinator(title):
    from campaigns.models import ResourcePage
    from members.models import User

    page = ResourcePage.objects.get(title=title)
    coordinator = User.objects.get(username="coordinator")
    task_state = page.current_workflow_state.current_task_state
    task_state.task.specific.on_action(task_state, coordinator, "approve")
    page.refresh_from_db()
    assert page.live
    return page


def test_member_contributes_coordinator_approves_visitor_finds_by_issue_area(
    page, context, live_server_url, tmp_path
):
    from members.models import IssueArea

    title = "Language Access at Tenant Meetings"
    issue_area = IssueArea.objects.get(slug="language-and-culture")
    leaflet = tmp_path / "language-access.txt"
    leaflet.write_text("Interpreters at every meeting.\n", encoding="utf-8")

    sign_in(page, live_server_url, "maria", DEMO_PASSWORD)
    page.goto(f"{live_server_url}/account/resources/new/")
    # First a mistake: no summary. The form says so and keeps what was typed.
    page.get_by_label("Title", exact=True).fill(title)
    page.get_by_role("button", name="Send for review").click()
    assert page.get_by_text("Please correct the problems below.").is_visible()
    assert page.get_by_label("Title", exact=True).input_value() == title
    assert blocking_violations(page) == []
    save_screenshot(page, "resource-form-errors")

    page.get_by_label("Summary").fill(
        "How to run tenant meetings in several languages."
    )
    page.get_by_label("Kind").select_option("toolkit")
    page.get_by_label("Publication date").fill("2026-10-01")
    page.get_by_label("Language", exact=True).select_option("en")
    page.get_by_label(issue_area.name).check()
    page.get_by_label("Attach a file").set_input_files(str(leaflet))
    page.get_by_role("button", name="Send for review").click()
    page.wait_for_load_state()
    assert page.get_by_text("was sent to the coordinators for review").is_visible()
    row = page.get_by_role("row").filter(has_text=title)
    assert "Waiting for a coordinator" in row.inner_text()
    save_screenshot(page, "my-resources")

    approve_as_coordinator(title)

    visitor = context.browser.new_context()
    try:
        visitor_page = visitor.new_page()
        visitor_page.goto(f"{live_server_url}/resources/")
        visitor_page.get_by_label("Issue area", exact=True).select_option(
            issue_area.slug
        )
        visitor_page.get_by_role("button", name="Show resources").click()
        visitor_page.wait_for_load_state()
        assert f"issue={issue_area.slug}" in visitor_page.url
        visitor_page.get_by_role("link", name=title).click()
        visitor_page.wait_for_load_state()
        assert visitor_page.get_by_role("heading", name=title).is_visible()
        assert visitor_page.get_by_role("link", name=title).count() == 1
        save_screenshot(visitor_page, "contributed-resource")
        assert blocking_violations(visitor_page) == []
    finally:
        visitor.close()


def test_members_only_resources_are_absent_for_visitors(page, live_server_url):
    from campaigns.models import ResourcePage

    private = ResourcePage.objects.live().filter(visibility="members").first()
    assert private is not None  # the demo has some

    response = page.goto(f"{live_server_url}{private.url_path[len('/home') :]}")
    assert response.status == 404
    page.goto(f"{live_server_url}/resources/")
    assert f">{private.title}</a>" not in page.content()
