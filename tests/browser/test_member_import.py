"""The coordinators' member import in the browser, on a wide screen and a phone: a
coordinator signs in with two-factor, uploads a CSV, changes one column's mapping,
decides a value that matches nothing, sees the preview, confirms and sees the done
report; every page axe-clean, without console errors or requests to other hosts."""

import csv
import io
import re

import pytest
from django.utils.text import slugify
from django_otp.oath import TOTP

from tests.browser.accessibility import blocking_violations
from tests.browser.conftest import (
    DEMO_PASSWORD,
    PROJECT_DIR,
    PageWatch,
    save_screenshot,
    sign_in,
)

SAMPLE = PROJECT_DIR / "docs" / "sample-members.csv"
VIEWPORTS = {
    "desktop": {"width": 1280, "height": 900},
    "phone": {"width": 390, "height": 844},
}
# Each run decides its own value: the first run's alias makes "Tenant organizing"
# a name of Housing for every later file.
UNMATCHED = {"desktop": "Tenant organizing", "phone": "Renters unions"}


def spreadsheet(tmp_path, screen):
    """The sample file with this run's own organizations (names and websites),
    so the two runs do not meet as duplicates, and its own unmatched value."""
    rows = list(csv.reader(io.StringIO(SAMPLE.read_text(encoding="utf-8"))))
    header, body = rows[0], rows[1:]
    name, focus, website = (
        header.index(h) for h in ("Organisation", "Focus areas", "Web site")
    )
    for row in body:
        row[name] = f"{row[name]} ({screen})"
        row[website] = f"https://{slugify(row[name])}.example.org"
        row[focus] = row[focus].replace("Tenant organizing", UNMATCHED[screen])
    path = tmp_path / f"members-{screen}.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows([header, *body])
    return path


def coordinator_with_authenticator(screen):
    """A coordinator of the demo's group with a confirmed authenticator app (its
    own per run: a code is taken once)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from tests.factories import CoordinatorFactory

    user = CoordinatorFactory(username=f"importer-{screen}")
    user.set_password(DEMO_PASSWORD)
    user.save()
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    return user, device


# Wait for the admin's running animations (a message sliding in) to end: axe
# measures colours as they are drawn, so a message half faded in reads as low
# contrast. At most a few seconds: an animation can also be held by the page.
SETTLED = """() => Promise.race([
    Promise.all(document.getAnimations()
        .filter((animation) => animation.playState === "running"
            && animation.effect.getComputedTiming().endTime !== Infinity)
        .map((animation) => animation.finished.catch(() => null))),
    new Promise((resolve) => setTimeout(resolve, 3000)),
])"""


# The admin scrolls its content inside the page, so a full-page screenshot is
# the viewport only: the screenshot is taken as tall as the content.
CONTENT_HEIGHT = """() => Math.max(...Array.from(
    document.querySelectorAll("main, main *"), (element) => element.scrollHeight))"""


def full_screenshot(page, name):
    viewport = page.viewport_size
    height = max(viewport["height"], min(page.evaluate(CONTENT_HEIGHT) + 200, 12000))
    page.set_viewport_size({"width": viewport["width"], "height": height})
    try:
        save_screenshot(page, name)
    finally:
        page.set_viewport_size(viewport)


def check(page, name):
    page.evaluate(SETTLED)
    full_screenshot(page, f"member-import-{name}")
    assert page.watch.console_errors == [], name
    assert page.watch.foreign_requests == [], name
    assert blocking_violations(page) == [], name


@pytest.mark.parametrize("screen", list(VIEWPORTS))
def test_a_coordinator_imports_a_spreadsheet_from_the_admin(
    browser, live_server_url, tmp_path, screen
):
    from members.models import IssueArea, MemberImport, MemberOrganizationPage

    user, device = coordinator_with_authenticator(screen)
    context = browser.new_context(viewport=VIEWPORTS[screen])
    page = context.new_page()
    page.watch = PageWatch(page, live_server_url)
    try:
        sign_in(page, live_server_url, user.username, DEMO_PASSWORD)
        page.goto(
            f"{live_server_url}/accounts/two-factor/?next=/admin/members/imports/"
        )
        code = TOTP(device.bin_key, device.step, device.t0, device.digits).token()
        page.get_by_label("Code", exact=True).fill(f"{code:06d}")
        page.get_by_role("button", name="Confirm").click()
        # Passed: someone without recovery codes is offered them before going on.
        page.wait_for_url(
            re.compile(r"/(admin/members/imports|accounts/two-factor/recovery-codes)/")
        )
        page.goto(f"{live_server_url}/admin/members/imports/")
        page.watch.console_errors.clear()  # pages before the admin are not ours
        assert page.get_by_role("heading", name="Import members").is_visible()

        # 1. Upload.
        page.get_by_role("link", name="Import a spreadsheet").click()
        page.wait_for_load_state()
        check(page, f"{screen}-1-upload")
        page.get_by_label("Spreadsheet").set_input_files(spreadsheet(tmp_path, screen))
        page.get_by_role("button", name="Upload and check the columns").click()
        page.wait_for_load_state()

        # 2. Columns: leave the "E-mail" column out (row 11's is no address).
        assert page.get_by_text("Column A: Organisation").is_visible()
        email = page.get_by_label("Column H: E-mail")
        assert email.input_value() == "public_email"
        email.select_option(label="— leave out —")
        check(page, f"{screen}-2-columns")
        page.get_by_role("button", name="Save the columns and check the values").click()
        page.wait_for_load_state()

        # 3. The value that matches nothing: another name of Housing.
        value = page.locator("fieldset", has_text=f"“{UNMATCHED[screen]}”")
        assert value.get_by_text("1 row (9)").is_visible()
        value.get_by_label("Decision").select_option(
            label="Add as another name of a term"
        )
        value.get_by_label("Which one").select_option(label="Housing and homelessness")
        check(page, f"{screen}-3-values")
        page.get_by_role(
            "button", name="Save the decisions and see the preview"
        ).click()
        page.wait_for_load_state()

        # 4. The preview, row by row, with the totals.
        assert page.get_by_role("heading", name="What the import will do").is_visible()
        totals = page.locator(".member-import-totals")
        assert "Will create\n11" in totals.inner_text()
        assert "Will skip\n1" in totals.inner_text()
        assert page.get_by_text("the same organization as row 2.").is_visible()
        assert page.get_by_role("link", name="Download the mapping file").is_visible()
        check(page, f"{screen}-4-preview")

        # 5. Confirm: the run starts, and 6. its report.
        page.get_by_role("button", name="Confirm and import").click()
        page.wait_for_load_state()
        page.get_by_role("heading", name="What the import did").wait_for(timeout=15000)
        assert "Created\n11" in page.locator(".member-import-totals").inner_text()
        assert page.get_by_text(
            f"Added “{UNMATCHED[screen]}” as another name of the issue area"
        ).is_visible()
        check(page, f"{screen}-6-report")

        member_import = MemberImport.objects.get(original_name=f"members-{screen}.csv")
        assert member_import.status == MemberImport.Status.DONE
        assert member_import.created_by_id == user.pk
        assert (
            MemberOrganizationPage.objects.filter(title__endswith=f"({screen})").count()
            == 11
        )
        assert UNMATCHED[screen] in IssueArea.objects.get(slug="housing").alias_list

        # The list of imports names it first.
        page.get_by_role("link", name="Back to the imports").click()
        page.wait_for_load_state()
        first = page.locator("table.listing tbody tr").first
        assert f"members-{screen}.csv" in first.inner_text()
        check(page, f"{screen}-7-list")
    finally:
        context.close()
