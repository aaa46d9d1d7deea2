"""Coordinators download the whole directory from the admin (/admin/members/export/):
every organization, hidden ones too, with every column of members.columns in its
order and cell formats, as CSV and XLSX; each download is in the audit log, and
nobody else may have it."""

import csv
import datetime
import io

import pytest
from openpyxl import load_workbook
from wagtail.models import PageLogEntry

from home.spreadsheets import BYTE_ORDER_MARK, EXPORT_ACTION
from members.columns import IMPORTED_COLUMNS, ORGANIZATION_COLUMNS
from members.models import Visibility
from tests.factories import (
    IssueAreaFactory,
    MembershipFactory,
    SiteImageFactory,
    UserFactory,
    build_organization,
)

pytestmark = pytest.mark.django_db

URL = "/admin/members/export/"
HEADINGS = [str(column.heading) for column in ORGANIZATION_COLUMNS]


@pytest.fixture
def organizations(directory):
    housing = IssueAreaFactory(name="Housing", slug="housing")
    torture = IssueAreaFactory(name="Torture", slug="torture")
    open_door = build_organization(
        directory,
        title="Open Door Tenants",
        summary="Tenants organizing for safe homes.",
        mission="We organize.\n\nWe win.",
        issue_areas=[torture, housing],
        approaches=["litigation", "direct-services"],
        populations=["workers"],
        city="El Paso",
        subdivision="US-TX",
        scope="state",
        founded_year=1998,
        founding_member=True,
        member_since=datetime.date(2015, 12, 10),
        website="https://opendoor.example.org",
        public_email="hello@opendoor.example.org",
        contact_name="Rosa Álvarez",
        contact_email="rosa@opendoor.example.org",
        contact_phone="+1 915 555 0100",
        looking_for_partners_on="-Eviction defence",
        led_by_directly_affected=True,
        visibility=Visibility.PUBLIC,
        social_links=[
            ("Bluesky", "https://bsky.app/profile/opendoor.example.org"),
            ("Mastodon", "https://mastodon.social/@opendoor"),
        ],
        logo=SiteImageFactory(title="Open Door logo"),
    )
    hidden = build_organization(
        directory,
        title="Safe Passage Collective",
        country="MX",
        subdivision="MX-JAL",
        visibility=Visibility.HIDDEN,
        membership_status="lapsed",
    )
    members_only = build_organization(
        directory, title="=Quiet Harbor Network", visibility=Visibility.MEMBERS
    )
    suspended = build_organization(
        directory, title="Suspended Sanctuary", membership_status="suspended"
    )
    return {
        "open_door": open_door,
        "hidden": hidden,
        "members_only": members_only,
        "suspended": suspended,
        "issue_areas": "; ".join(
            sorted([torture.name, housing.name], key=str.casefold)
        ),
    }


def csv_rows(response):
    content = b"".join(response.streaming_content).decode("utf-8")
    assert content.startswith(BYTE_ORDER_MARK)
    reader = csv.reader(io.StringIO(content[len(BYTE_ORDER_MARK) :]))
    rows = list(reader)
    return rows[0], [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def xlsx_sheet(response):
    return load_workbook(io.BytesIO(b"".join(response.streaming_content))).active


EXPECTED_OPEN_DOOR = {
    "Name": "Open Door Tenants",
    "Summary": "Tenants organizing for safe homes.",
    "Mission": "We organize.\n\nWe win.",
    "Approaches": "Direct services; Litigation",
    "Populations served": "Workers",
    "City": "El Paso",
    "State or region": "US-TX",
    "Country": "US",
    "Scope": "State",
    "Founded": "1998",
    "Founding member": "yes",
    "Member since": "2015-12-10",
    "Membership status": "Active",
    "Website": "https://opendoor.example.org",
    "Public email": "hello@opendoor.example.org",
    "Contact name": "Rosa Álvarez",
    "Contact email": "rosa@opendoor.example.org",
    "Contact phone": "'+1 915 555 0100",
    "Looking for partners on": "'-Eviction defence",
    "Led by directly affected people": "yes",
    "Visibility": str(Visibility.PUBLIC.label),
    "Links elsewhere": (
        "Bluesky: https://bsky.app/profile/opendoor.example.org\n"
        "Mastodon: https://mastodon.social/@opendoor"
    ),
}


def test_a_coordinator_downloads_every_organization_with_every_column_as_csv(
    client, coordinator, organizations, settings
):
    settings.WAGTAILADMIN_BASE_URL = "https://network.example.org"
    client.force_login(coordinator)

    response = client.get(URL, {"format": "csv"})

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith(
        'attachment; filename="member-directory-'
    )
    headings, rows = csv_rows(response)
    assert headings == HEADINGS
    by_name = {row["Name"]: row for row in rows}
    assert set(by_name) == {
        "Open Door Tenants",
        "Safe Passage Collective",
        "'=Quiet Harbor Network",
        "Suspended Sanctuary",
    }
    open_door = by_name["Open Door Tenants"]
    assert open_door["Issue areas"] == organizations["issue_areas"]
    assert {key: open_door[key] for key in EXPECTED_OPEN_DOOR} == EXPECTED_OPEN_DOOR
    logo = organizations["open_door"].logo.file.name
    assert open_door["Logo"] == f"https://network.example.org/media/{logo}"
    hidden = by_name["Safe Passage Collective"]
    assert hidden["Visibility"] == str(Visibility.HIDDEN.label)
    assert hidden["Membership status"] == "Lapsed"
    assert (hidden["Country"], hidden["State or region"]) == ("MX", "MX-JAL")
    assert (hidden["Founded"], hidden["Member since"], hidden["Issue areas"]) == (
        "",
        "",
        "",
    )
    assert hidden["Founding member"] == "no"
    assert (hidden["Links elsewhere"], hidden["Logo"]) == ("", "")
    assert by_name["Suspended Sanctuary"]["Membership status"] == "Suspended"


def test_the_xlsx_file_holds_the_same_cells_with_dates_as_dates_and_text_as_text(
    client, coordinator, organizations
):
    client.force_login(coordinator)

    response = client.get(URL, {"format": "xlsx"})

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith(
        'attachment; filename="member-directory-'
    )
    sheet = xlsx_sheet(response)
    rows = list(sheet.iter_rows())
    assert [cell.value for cell in rows[0]] == HEADINGS
    by_name = {row[0].value: dict(zip(HEADINGS, row, strict=True)) for row in rows[1:]}
    open_door = by_name["Open Door Tenants"]
    since = open_door["Member since"]
    assert since.value == datetime.date(2015, 12, 10)
    assert since.number_format == "yyyy-mm-dd"
    assert open_door["Founded"].value == 1998
    assert open_door["Contact phone"].value == "+1 915 555 0100"
    assert open_door["Contact phone"].quotePrefix
    harbor = by_name["=Quiet Harbor Network"]["Name"]
    assert harbor.data_type == "s"
    assert harbor.quotePrefix


def test_every_download_is_in_the_audit_log_on_the_directory(
    client, coordinator, organizations, directory
):
    client.force_login(coordinator)

    for spreadsheet_format in ("csv", "xlsx"):
        b"".join(client.get(URL, {"format": spreadsheet_format}).streaming_content)

    entries = PageLogEntry.objects.filter(action=EXPORT_ACTION).order_by("pk")
    assert [(entry.page_id, entry.user, entry.data) for entry in entries] == [
        (directory.pk, coordinator, {"what": "organizations", "rows": 4})
    ] * 2
    assert entries[0].message == "Exported 4 organizations"


def test_the_export_page_offers_both_files_and_logs_nothing(
    client, coordinator, organizations
):
    client.force_login(coordinator)

    response = client.get(URL)

    html = response.content.decode()
    assert response.status_code == 200
    assert '?format=csv"' in html and '?format=xlsx"' in html
    assert "Looking for partners on" in html
    assert not PageLogEntry.objects.filter(action=EXPORT_ACTION).exists()


def test_an_unknown_format_is_refused_by_name(client, coordinator, organizations):
    client.force_login(coordinator)

    response = client.get(URL, {"format": "pdf"})

    assert response.status_code == 400
    assert "There is no “pdf” download" in response.content.decode()
    assert not PageLogEntry.objects.filter(action=EXPORT_ACTION).exists()


def test_the_menu_offers_the_export_to_coordinators(client, coordinator, directory):
    client.force_login(coordinator)

    assert URL in client.get("/admin/").content.decode()


@pytest.mark.parametrize("who", ["visitor", "member", "hidden organization's admin"])
def test_nobody_but_coordinators_may_download_the_directory(client, organizations, who):
    from django.contrib.auth.models import Permission

    if who != "visitor":
        user = UserFactory()
        user.user_permissions.add(Permission.objects.get(codename="access_admin"))
        organization = organizations["open_door" if who == "member" else "hidden"]
        MembershipFactory(user=user, organization=organization, role="admin")
        client.force_login(user)

    for params in ({}, {"format": "csv"}, {"format": "xlsx"}):
        response = client.get(URL, params)
        assert response.status_code in (302, 403), (who, params)
        assert not response.streaming
    assert not PageLogEntry.objects.filter(action=EXPORT_ACTION).exists()


def test_a_coordinator_awaiting_two_factor_may_not_download(
    client, coordinator, organizations, two_factor_required
):
    client.force_login(coordinator)

    response = client.get(URL, {"format": "csv"})

    assert response.status_code in (302, 403)
    assert not PageLogEntry.objects.filter(action=EXPORT_ACTION).exists()


def grow(directory, start, stop):
    logo = SiteImageFactory()
    for number in range(start, stop):
        build_organization(
            directory,
            title=f"Grown Organization {number}",
            visibility=["public", "members", "hidden"][number % 3],
            issue_areas=["housing"],
            approaches=["litigation"],
            populations=["workers"],
            social_links=[("Bluesky", f"https://bsky.app/profile/grown{number}")],
            logo=logo,
        )


# The session and the user; the admin's permission, profile and the coordinator's
# role and organizations (5); the directory page, the organizations, the
# vocabulary, their terms and their links (5); the audit log's entry (its three
# references checked, then written: 4).
EXPORT_QUERIES = 16


@pytest.mark.parametrize("spreadsheet_format", ["csv", "xlsx"])
def test_the_export_takes_the_same_queries_at_any_size(
    client,
    coordinator,
    organizations,
    directory,
    spreadsheet_format,
    django_assert_max_num_queries,
):
    client.force_login(coordinator)
    counted = []
    for start, stop in ((0, 5), (5, 60)):
        grow(directory, start, stop)
        with django_assert_max_num_queries(EXPORT_QUERIES) as captured:
            response = client.get(URL, {"format": spreadsheet_format})
            b"".join(response.streaming_content)
        counted.append(len(captured))
    assert counted[0] == counted[1]


# --- The round trip: export, then import into an empty directory ------------------


def snapshot(organization):
    """Every field of an organization the import reads back, its terms by slug and
    its links in order."""
    fields = {
        column.field: str(getattr(organization, column.field))
        for column in IMPORTED_COLUMNS
        if column.kind not in ("terms", "links")
    }
    terms = {
        column.field: sorted(
            getattr(organization, column.field).values_list("slug", flat=True)
        )
        for column in IMPORTED_COLUMNS
        if column.kind == "terms"
    }
    links = list(organization.social_links.values_list("label", "url"))
    return {**fields, **terms, "social_links": links}


@pytest.mark.parametrize("spreadsheet_format", ["csv", "xlsx"])
def test_a_coordinators_export_re_imports_into_an_empty_directory_as_it_was(
    client, coordinator, organizations, spreadsheet_format
):
    from members.imports import guess_columns, open_table, run_import
    from members.imports.report import CREATE
    from members.models import MemberOrganizationPage

    client.force_login(coordinator)
    exported = MemberOrganizationPage.objects.order_by("title")
    before = {organization.title: snapshot(organization) for organization in exported}
    response = client.get(URL, {"format": spreadsheet_format})
    data = b"".join(response.streaming_content)
    for organization in list(exported):
        organization.delete()
    assert not MemberOrganizationPage.objects.exists()

    table = open_table(io.BytesIO(data), f"directory.{spreadsheet_format}")
    report = run_import(table, guess_columns(table.headers), strict=True)

    assert [(row.name, row.action, row.reason) for row in report.rows] == [
        (row.name, CREATE, row.reason) for row in report.rows
    ]
    assert report.unmatched == []
    imported = MemberOrganizationPage.objects.order_by("title")
    assert {
        organization.title: snapshot(organization) for organization in imported
    } == (before)
