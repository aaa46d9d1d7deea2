"""Anyone downloads the directory they are looking at as CSV (/members/export/):
the organizations the page shows for the same address, through the same privacy
verb, with the fields the viewer may see; an address the directory could not use
as given gets the directory's own answer and no file."""

import csv
import datetime
import io
import re
from html import unescape
from urllib.parse import urlsplit

import pytest

from home.spreadsheets import BYTE_ORDER_MARK
from members.columns import ORGANIZATION_COLUMNS
from members.directory import DirectoryResults
from tests.factories import (
    CoordinatorFactory,
    IssueAreaFactory,
    MembershipFactory,
    SiteImageFactory,
    UserFactory,
    build_organization,
)

pytestmark = pytest.mark.django_db

HEADINGS = {column.field: str(column.heading) for column in ORGANIZATION_COLUMNS}
CONTACT_HEADINGS = [
    HEADINGS[f] for f in ("contact_name", "contact_email", "contact_phone")
]
NEVER_DOWNLOADED = [HEADINGS["membership_status"], HEADINGS["visibility"]]


@pytest.fixture
def network(directory):
    housing = IssueAreaFactory(name="Housing", slug="housing")
    migration = IssueAreaFactory(name="Immigration", slug="immigration")

    def organization(title, visibility, **fields):
        return build_organization(
            directory,
            title=title,
            visibility=visibility,
            contact_name=f"{title} contact",
            contact_email=f"{title.split()[0].lower()}@example.org",
            contact_phone="+1 505 555 0100",
            **fields,
        )

    public = organization(
        "Open Door Tenants",
        "public",
        issue_areas=[housing, migration],
        approaches=["litigation"],
        subdivision="US-TX",
        founded_year=1998,
        founding_member=True,
        member_since=datetime.date(2015, 12, 10),
        website="https://opendoor.example.org",
        mission='=HYPERLINK("http://evil.example/","Click")',
        social_links=[("Mastodon", "https://mastodon.social/@opendoor")],
        logo=SiteImageFactory(),
    )
    border = organization("Border Rights Clinic", "public", issue_areas=[migration])
    members_only = organization(
        "Quiet Harbor Network", "members", issue_areas=[housing]
    )
    hidden = organization("Safe Passage Collective", "hidden", issue_areas=[housing])
    other_hidden = organization("Second Hidden House", "hidden", issue_areas=[housing])
    suspended = organization(
        "Suspended Sanctuary", "public", membership_status="suspended"
    )
    member = UserFactory(username="open-door-staff")
    MembershipFactory(user=member, organization=public)
    hidden_staff = UserFactory(username="safe-passage-staff")
    MembershipFactory(user=hidden_staff, organization=hidden)
    return {
        "public": public,
        "border": border,
        "members_only": members_only,
        "hidden": hidden,
        "other_hidden": other_hidden,
        "suspended": suspended,
        "issue_areas": sorted([housing.name, migration.name]),
        "people": {
            "visitor": None,
            "member": member,
            "hidden organization's staff": hidden_staff,
            "coordinator": CoordinatorFactory(),
        },
    }


def sign_in(client, network, who):
    user = network["people"][who]
    if user is not None:
        client.force_login(user)


def downloaded(client, params=""):
    """(headings, rows as dicts) of the file /members/export/ answers."""
    response = client.get(f"/members/export/{params}")
    assert response.status_code == 200, response.content.decode()[:500]
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith("attachment;")
    content = b"".join(response.streaming_content).decode("utf-8")
    assert content.startswith(BYTE_ORDER_MARK)
    reader = csv.DictReader(io.StringIO(content[len(BYTE_ORDER_MARK) :]))
    rows = list(reader)
    return reader.fieldnames, rows


def names(rows):
    return {row[HEADINGS["title"]] for row in rows}


# Who downloads which organizations: the directory's own rule (visible_to).
SEES = {
    "visitor": {"public", "border"},
    "member": {"public", "border", "members_only"},
    "hidden organization's staff": {"public", "border", "members_only", "hidden"},
    "coordinator": {
        "public",
        "border",
        "members_only",
        "hidden",
        "other_hidden",
        "suspended",
    },
}


@pytest.mark.parametrize("who", list(SEES))
def test_each_person_downloads_the_organizations_the_directory_shows_them(
    client, network, who
):
    sign_in(client, network, who)

    _headings, rows = downloaded(client)
    shown = client.get("/members/").context["results"]

    expected = {network[key].title for key in SEES[who]}
    assert names(rows) == expected
    assert [row[HEADINGS["title"]] for row in rows] == [
        org.title for org in shown.page.object_list
    ]


@pytest.mark.parametrize("who", list(SEES))
def test_contacts_only_for_members_and_never_status_or_visibility(client, network, who):
    sign_in(client, network, who)

    headings, rows = downloaded(client)

    open_door = next(
        row for row in rows if row[HEADINGS["title"]] == "Open Door Tenants"
    )
    for heading in NEVER_DOWNLOADED:
        assert heading not in headings
    text = " ".join(" ".join(row.values()) for row in rows)
    if who == "visitor":
        assert not set(CONTACT_HEADINGS) & set(headings)
        assert "open@example.org" not in text
        assert "Open Door Tenants contact" not in text
        assert "555 0100" not in text
    else:
        assert open_door[HEADINGS["contact_name"]] == "Open Door Tenants contact"
        assert open_door[HEADINGS["contact_email"]] == "open@example.org"
        # A leading "+" is written as text.
        assert open_door[HEADINGS["contact_phone"]] == "'+1 505 555 0100"


def test_the_cells_are_written_as_the_member_columns_say(client, network, settings):
    settings.WAGTAILADMIN_BASE_URL = "https://network.example.org"
    headings, rows = downloaded(client)

    open_door = next(
        row for row in rows if row[HEADINGS["title"]] == "Open Door Tenants"
    )
    assert headings[-1] == "Profile page"
    assert headings[:-1] == [
        HEADINGS[column.field]
        for column in ORGANIZATION_COLUMNS
        if column.field
        not in {
            "contact_name",
            "contact_email",
            "contact_phone",
            "membership_status",
            "visibility",
        }
    ]
    assert open_door[HEADINGS["issue_areas"]] == "; ".join(network["issue_areas"])
    assert open_door[HEADINGS["approaches"]] == "Litigation"
    assert open_door[HEADINGS["country"]] == "US"
    assert open_door[HEADINGS["subdivision"]] == "US-TX"
    assert open_door[HEADINGS["scope"]] == "Local"
    assert open_door[HEADINGS["founded_year"]] == "1998"
    assert open_door[HEADINGS["founding_member"]] == "yes"
    assert open_door[HEADINGS["led_by_directly_affected"]] == "no"
    assert open_door[HEADINGS["member_since"]] == "2015-12-10"
    assert open_door[HEADINGS["mission"]].startswith("'=HYPERLINK(")
    assert open_door["Profile page"] == "http://localhost/members/open-door-tenants/"
    # What the profile shows everyone who may see it: its links and its logo.
    assert open_door[HEADINGS["social_links"]] == (
        "Mastodon: https://mastodon.social/@opendoor"
    )
    logo = network["public"].logo.file.url
    assert open_door[HEADINGS["logo"]] == f"https://network.example.org{logo}"


@pytest.mark.parametrize(
    "params",
    [
        "?issue=housing",
        "?issue=housing&issue=immigration&match=all",
        "?q=tenants",
        "?q=clinic&sort=name",
        "?state=US-TX",
        "?state=Texas",
        "?sort=newest",
        "?founding=1",
        "?q=nothing+matches+this",
    ],
)
def test_filters_and_words_are_carried_into_the_file(client, network, params):
    sign_in(client, network, "member")

    _headings, rows = downloaded(client, params)

    shown = client.get(f"/members/{params}").context["results"]
    assert [row[HEADINGS["title"]] for row in rows] == [
        org.title for org in shown.page.object_list
    ]


def download_link(html):
    found = re.search(r'<a href="([^"]*/members/export/[^"]*)" rel="nofollow">', html)
    assert found, "no download link on the page"
    return unescape(found.group(1))


def test_the_directory_links_to_the_download_of_what_it_shows(client, network):
    sign_in(client, network, "member")

    page = client.get("/members/?issue=housing&q=harbor&sort=name")

    link = urlsplit(download_link(page.content.decode()))
    assert link.path == "/members/export/"
    _headings, rows = downloaded(client, f"?{link.query}")
    assert names(rows) == {"Quiet Harbor Network"}
    assert "With members-only contacts" in page.content.decode()


def test_a_visitor_is_told_the_download_holds_public_details_only(client, network):
    html = client.get("/members/").content.decode()

    assert "Download as CSV" in html
    assert "Public details only." in html


def test_nothing_to_download_offers_no_link(client, network):
    html = client.get("/members/?q=nothing+matches+this").content.decode()

    assert "/members/export/" not in html


@pytest.mark.parametrize(
    ("params", "notice"),
    [
        ("?issue=no-such-issue", "Some filters in the address are not ones"),
        ("?state=Atlantis", "Some filters in the address are not ones"),
        ("?sort=sideways", "Some filters in the address are not ones"),
        ("?match=some", "Some filters in the address are not ones"),
        ("?page=first", "is not a page number"),
        ("?q=" + "tenants+" * 30, "only its first 200 characters were used"),
        ("?q=tenants%07", "Control characters in your search were taken out"),
        ("?q=%21%21%21", "has no letters or digits to search for"),
    ],
)
def test_an_address_the_directory_cannot_use_gets_its_answer_and_no_file(
    client, network, params, notice
):
    response = client.get(f"/members/export/{params}")

    assert response.status_code == 400
    assert not response.streaming
    html = response.content.decode()
    assert notice in unescape(html)
    if "q=%21" not in params:  # words that find something
        # What could be used can still be downloaded from there.
        link = download_link(html)
        assert "no-such-issue" not in link and "Atlantis" not in link
        assert downloaded(client, f"?{urlsplit(link).query}")[1]


def test_a_page_number_is_no_reason_to_refuse_the_file_holds_every_page(
    client, network
):
    _headings, rows = downloaded(client, "?page=2")

    assert names(rows) == {"Open Door Tenants", "Border Rights Clinic"}


def test_a_search_too_large_for_one_file_is_refused_with_a_message(
    client, network, monkeypatch
):
    monkeypatch.setattr(DirectoryResults, "download_limit", 1)

    response = client.get("/members/export/")
    page = client.get("/members/?issue=immigration").content.decode()

    assert response.status_code == 400
    assert "A download holds at most 1 organizations" in response.content.decode()
    assert "/members/export/" not in page
    assert "narrow your search with the filters" in page


def grow(directory, start, stop, housing):
    logo = SiteImageFactory()
    for number in range(start, stop):
        build_organization(
            directory,
            title=f"Grown Organization {number}",
            visibility="members" if number % 3 else "public",
            issue_areas=[housing],
            approaches=["litigation"],
            populations=["workers"],
            member_since=datetime.date(2012, 1, 1) + datetime.timedelta(days=number),
            social_links=[("Bluesky", f"https://bsky.app/profile/grown{number}")],
            logo=logo,
        )


# Wagtail's routing to the directory (6), the vocabulary, the total, the
# organizations (with their logos), their terms and their links; a signed-in
# person's session, user, role and organizations (4).
DOWNLOAD_QUERIES = {"visitor": 11, "member": 15}


@pytest.mark.parametrize("who", list(DOWNLOAD_QUERIES))
def test_the_download_takes_the_same_queries_at_any_size(
    client, network, who, django_assert_max_num_queries
):
    sign_in(client, network, who)
    housing = network["public"].issue_areas.get(slug="housing")
    counted = []
    for start, stop in ((0, 5), (5, 60)):
        grow(network["public"].get_parent(), start, stop, housing)
        client.get("/members/export/?issue=housing")  # warm the site's root paths
        with django_assert_max_num_queries(DOWNLOAD_QUERIES[who]) as captured:
            _headings, rows = downloaded(client, "?issue=housing")
        counted.append(len(captured))
        assert len(rows) > stop // 3
    assert counted[0] == counted[1]
