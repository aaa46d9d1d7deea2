"""The membership lifecycle end to end in a real browser: an organization applies,
a coordinator approves it in the admin (after two-factor), the invited contact sets
a password, edits the profile and sees it waiting for review."""

import os
import re
from pathlib import Path

from django_otp.oath import TOTP

from tests.browser.accessibility import blocking_violations
from tests.browser.conftest import DEMO_PASSWORD, PageWatch, save_screenshot, sign_in

EMAIL_DIR = Path(os.environ["DJANGO_EMAIL_FILE_PATH"])


def totp_code(secret):
    import base64

    key = base64.b32decode(secret)
    return f"{TOTP(key).token():06d}"


def invitation_path(address):
    """The invitation link from the newest email sent to `address`."""
    for message in sorted(EMAIL_DIR.glob("*.log"), key=lambda p: p.stat().st_mtime)[
        ::-1
    ]:
        text = message.read_text()
        if f"To: {address}" in text:
            found = re.search(r"(/accounts/invitations/[\w-]+/)", text)
            if found:
                return found.group(1)
    raise AssertionError(f"no invitation emailed to {address}")


def test_apply_approve_accept_edit_and_see_the_review_state(browser, live_server_url):
    # 1. An organization applies at /join/.
    visitor = browser.new_context(viewport={"width": 1280, "height": 900})
    page = visitor.new_page()
    page.goto(f"{live_server_url}/join/")
    page.get_by_label("Organization name").fill("Lakeshore Water Defenders")
    page.get_by_label("In one or two sentences").fill(
        "Residents defending safe, affordable water for every household."
    )
    page.locator("input[name=issue_areas]").first.check()
    page.get_by_label("An issue area missing from the list").fill("Water rights")
    page.get_by_label("City or town").fill("Duluth")
    page.get_by_label("State or region").select_option(label="Minnesota")
    page.get_by_label("Public: anyone can see our profile").check()
    page.get_by_label("Your name").fill("Ada Lindqvist")
    page.get_by_label("Your email address").fill("ada@lakeshore.example.org")
    page.get_by_label("We agree to the network's principles.").check()
    page.get_by_role("button", name="Send our application").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="Thank you").is_visible()
    save_screenshot(page, "membership-join-thanks")
    visitor.close()

    # 2. The coordinator sets up two-factor and approves it in the admin.
    staff = browser.new_context(viewport={"width": 1280, "height": 900})
    page = staff.new_page()
    sign_in(page, live_server_url, "coordinator", DEMO_PASSWORD)
    # The test settings leave two-factor optional (other suites use the admin);
    # production redirects /admin/ here. The set-up screen works the same.
    page.goto(f"{live_server_url}/accounts/two-factor/?next=/admin/")
    assert page.get_by_role("heading", name="Set up two-factor sign-in").is_visible()
    assert blocking_violations(page) == []
    save_screenshot(page, "membership-two-factor-setup")
    secret = page.locator("#otp-secret").inner_text().strip()
    # Exactly "Code": the QR code's text alternative names a code too.
    page.get_by_label("Code", exact=True).fill(totp_code(secret))
    page.get_by_role("button", name="Confirm").click()
    page.wait_for_load_state()
    # Ten recovery codes, shown this once, before going on to the admin.
    assert page.get_by_role("heading", name="Recovery codes").is_visible()
    assert page.locator("#recovery-codes li").count() == 10
    assert blocking_violations(page) == []
    save_screenshot(page, "membership-two-factor-recovery-codes")
    page.get_by_role("link", name="I have saved them: continue").click()
    page.wait_for_load_state()
    assert page.url.rstrip("/").endswith("/admin")
    assert page.get_by_text("Network desk").is_visible()
    save_screenshot(page, "membership-admin-dashboard")
    page.goto(f"{live_server_url}/admin/applications/?status=submitted")
    page.get_by_role("link", name="Lakeshore Water Defenders").first.click()
    page.wait_for_load_state()
    page.get_by_label("Approve: create the profile and invite the contact").check()
    save_screenshot(page, "membership-admin-decision")
    page.get_by_role("button", name="Save").click()
    page.wait_for_load_state()
    assert "recorded" in page.content()

    # ... and adds the issue area the applicant typed to the shared list.
    page.goto(f"{live_server_url}/admin/issue-area-suggestions/?status=pending")
    page.get_by_role("link", name="Water rights").first.click()
    page.wait_for_load_state()
    assert page.get_by_text("in its application to join").is_visible()
    page.get_by_label("Add it to the list as a new issue area").check()
    page.get_by_label("What it covers").fill("Safe, affordable water for all.")
    save_screenshot(page, "membership-admin-suggestion")
    page.get_by_role("button", name="Save").click()
    page.wait_for_load_state()
    assert "recorded" in page.content()
    staff.close()

    # 3. The invited contact sets a password from the emailed link.
    contact = browser.new_context(viewport={"width": 1280, "height": 900})
    page = contact.new_page()
    watch = PageWatch(page, live_server_url)
    page.goto(live_server_url + invitation_path("ada@lakeshore.example.org"))
    assert page.get_by_role(
        "heading", name="Join Lakeshore Water Defenders"
    ).is_visible()
    page.get_by_label("First name").fill("Ada")
    page.get_by_label("Choose a password").fill("clean-water-for-all")
    page.get_by_label("Type the password again").fill("clean-water-for-all")
    page.get_by_role("button", name="Set my password and join").click()
    page.wait_for_load_state()
    assert page.url.endswith("/account/")
    assert page.get_by_role("heading", name="My account").is_visible()
    assert blocking_violations(page) == []
    save_screenshot(page, "membership-account")

    # 4. They edit the profile; the network reviews member edits, so it waits.
    page.get_by_role("link", name="Edit the profile").first.click()
    page.wait_for_load_state()
    assert blocking_violations(page) == []
    page.get_by_label("Summary").fill(
        "We test tap water and take results to the council."
    )
    # One empty link row comes with the page; the button adds a second.
    link_rows = page.locator("fieldset[data-social-link]")
    assert link_rows.count() == 1
    link_rows.nth(0).get_by_label("Name").fill("Bluesky")
    link_rows.nth(0).get_by_label("Address").fill("https://bsky.example/lakeshore")
    page.get_by_role("button", name="Add another link").click()
    assert link_rows.count() == 2
    assert page.get_by_role("group", name="Link 2").is_visible()
    link_rows.nth(1).get_by_label("Address").fill("ftp://files.example/lakeshore")
    page.get_by_role("button", name="Save and send for review").click()
    page.wait_for_load_state()
    # A bad address is refused and the typed links stay on the page.
    assert page.get_by_text("Enter a full web address").is_visible()
    assert blocking_violations(page) == []
    save_screenshot(page, "membership-profile-links-refused")
    assert link_rows.nth(0).get_by_label("Address").input_value() == (
        "https://bsky.example/lakeshore"
    )
    assert page.get_by_label("Summary").input_value().startswith("We test tap water")
    link_rows.nth(1).get_by_label("Address").fill("https://video.example/lakeshore")
    page.get_by_role("button", name="Save and send for review").click()
    page.wait_for_load_state()
    assert page.get_by_text("Waiting for review").first.is_visible()
    assert blocking_violations(page) == []
    save_screenshot(page, "membership-organization-in-review")
    page.get_by_role("link", name=re.compile("^Version of")).first.click()
    page.wait_for_load_state()
    assert page.get_by_text(
        "We test tap water and take results to the council."
    ).is_visible()
    assert page.get_by_text("Bluesky (https://bsky.example/lakeshore)").is_visible()
    # The area the coordinator added from the application came with the profile.
    assert page.locator(".tag", has_text="Water rights").is_visible()
    assert page.get_by_text(
        "video.example (https://video.example/lakeshore)"
    ).is_visible()
    # The refused save answered 400 on purpose; Chromium logs that, nothing else.
    assert [
        error for error in watch.console_errors if "(Bad Request)" not in error
    ] == []
    assert watch.foreign_requests == []
    contact.close()


def test_a_member_is_refused_the_admin(page, live_server_url):
    sign_in(page, live_server_url, "maria", DEMO_PASSWORD)

    response = page.goto(f"{live_server_url}/admin/")

    assert response.status == 403
    assert page.get_by_role(
        "heading", name="The admin is for the network's coordinators"
    ).is_visible()
    save_screenshot(page, "membership-admin-refused")


def test_an_org_admin_sees_the_team_and_can_invite(page, live_server_url):
    sign_in(page, live_server_url, "maria", DEMO_PASSWORD)
    page.goto(f"{live_server_url}/account/")
    page.get_by_role("heading", name="My organizations").wait_for()
    page.locator(".card h3 a").first.click()
    page.wait_for_load_state()

    assert page.get_by_role("heading", name="Our team").is_visible()
    assert page.get_by_text("devon@members.example").is_visible()
    assert blocking_violations(page) == []
    assert page.watch.console_errors == []
    save_screenshot(page, "membership-team")
