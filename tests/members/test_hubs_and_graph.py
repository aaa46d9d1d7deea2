"""Issue-area hubs (/issues/, /issues/<slug>/), the network graph and its JSON, the
home page's newest members and the sitemap."""

import datetime

import pytest

from members.models import IssueArea, RightsCategory
from tests.factories import CoordinatorFactory, build_organization

pytestmark = pytest.mark.django_db


@pytest.fixture
def network(directory, issues_index):
    build_organization(
        directory,
        title="Borderlands Detention Watch",
        issue_areas=["detention", "immigration"],
        region="Texas",
        member_since=datetime.date(2024, 1, 1),
    )
    build_organization(
        directory,
        title="Gulf Tenants Union",
        issue_areas=["housing"],
        region="Louisiana",
        member_since=datetime.date(2025, 6, 1),
    )
    build_organization(
        directory,
        title="Quiet Sanctuary Circle",
        issue_areas=["detention"],
        region="Texas",
        visibility="members",
        member_since=datetime.date(2026, 1, 1),
    )


def test_issue_areas_are_grouped_by_rights_category_with_member_counts(client, network):
    response = client.get("/issues/")
    html = response.content.decode()
    categories = response.context["categories"]

    assert [c["value"] for c in categories] == list(RightsCategory.values)
    counts = {a.slug: a.member_count for c in categories for a in c["areas"]}
    assert counts["detention"] == 1  # the members-only one is not counted
    assert counts["housing"] == 1
    assert counts["torture"] == 0
    assert "Civil and political rights" in html
    assert 'href="/issues/detention/"' in html


def test_members_count_members_only_organizations_in_the_hubs(client, network):
    client.force_login(CoordinatorFactory())
    categories = client.get("/issues/").context["categories"]
    counts = {a.slug: a.member_count for c in categories for a in c["areas"]}
    assert counts["detention"] == 2


def test_a_hub_lists_its_organizations_and_links_to_finding_partners(client, network):
    response = client.get("/issues/detention/")
    html = response.content.decode()

    assert response.status_code == 200
    assert "<h1>Detention</h1>" in html
    assert IssueArea.objects.get(slug="detention").description in html
    assert "Borderlands Detention Watch" in html
    assert "Quiet Sanctuary Circle" not in html
    assert "Gulf Tenants Union" not in html
    assert 'href="/members/?issue=detention"' in html


def test_an_unknown_hub_is_not_found(client, network):
    assert client.get("/issues/no-such-area/").status_code == 404


def test_graph_page_offers_filters_and_points_at_its_data(client, network):
    html = client.get("/members/graph/?issue=housing").content.decode()

    assert 'data-graph-endpoint="/members/graph/data/"' in html
    assert '<option value="housing" selected>' in html
    assert "Louisiana" in html and "Texas" in html
    assert 'href="/members/?issue=housing"' in html  # the list view
    assert "/static/vendor/d3-force/d3-force.min.js" in html


def test_graph_data_links_organizations_to_their_issue_areas(client, network):
    data = client.get("/members/graph/data/").json()

    organizations = {
        n["label"]: n for n in data["nodes"] if n["kind"] == "organization"
    }
    issues = {n["slug"]: n for n in data["nodes"] if n["kind"] == "issue"}
    assert set(organizations) == {"Borderlands Detention Watch", "Gulf Tenants Union"}
    assert set(issues) == {"detention", "immigration", "housing"}
    assert issues["detention"]["size"] == 1
    border = organizations["Borderlands Detention Watch"]
    assert border["url"] == "/members/borderlands-detention-watch/"
    linked = {
        link["target"] for link in data["links"] if link["source"] == border["id"]
    }
    assert linked == {issues["detention"]["id"], issues["immigration"]["id"]}
    assert data["total"] == 2 and data["truncated"] is False


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?issue=housing", {"Gulf Tenants Union"}),
        ("?state=Texas", {"Borderlands Detention Watch"}),
        ("?issue=housing&state=Texas", set()),
        ("?issue=not-an-area", {"Borderlands Detention Watch", "Gulf Tenants Union"}),
    ],
)
def test_graph_data_filters_by_issue_area_or_state(client, network, query, expected):
    data = client.get(f"/members/graph/data/{query}").json()
    assert {
        n["label"] for n in data["nodes"] if n["kind"] == "organization"
    } == expected


def test_members_get_members_only_organizations_in_the_graph_privately(client, network):
    client.force_login(CoordinatorFactory())
    response = client.get("/members/graph/data/")
    labels = {n["label"] for n in response.json()["nodes"]}
    assert "Quiet Sanctuary Circle" in labels
    assert "no-store" in response["Cache-Control"]


def test_home_page_shows_the_newest_members_the_viewer_may_see(client, network):
    html = client.get("/").content.decode()

    assert "Newest members" in html
    assert html.index("Gulf Tenants Union") < html.index("Borderlands Detention Watch")
    assert "Quiet Sanctuary Circle" not in html


def test_sitemap_lists_public_profiles_hubs_and_the_graph_only(client, network):
    xml = client.get("/sitemap.xml").content.decode()

    assert "/members/gulf-tenants-union/" in xml
    assert "/members/quiet-sanctuary-circle/" not in xml
    assert "/issues/detention/" in xml
    assert "/members/graph/" in xml


def test_the_sitemaps_instance_check_agrees_with_publicly_listed(directory):
    """The sitemap asks each page; the queryset verb is the rule. Every
    combination of visibility, standing and publication must agree."""
    from members.models import MemberOrganizationPage
    from members.viewer import ANONYMOUS

    pages = organization_matrix(directory)
    listed = set(MemberOrganizationPage.objects.publicly_listed())
    anonymous_sees = set(MemberOrganizationPage.objects.visible_to(ANONYMOUS))

    for page in MemberOrganizationPage.objects.all():
        assert page.is_publicly_listed == (page in listed), page.title
        # What anyone may see is exactly what is publicly listed.
        assert (page in anonymous_sees) == (page in listed), page.title
    assert any(page in listed for page in pages)
    assert any(page not in listed for page in pages)


def organization_matrix(directory):
    """One organization for each visibility × membership status × live."""
    from tests.factories import build_organization

    pages = []
    for visibility in ("public", "members", "hidden"):
        for status in ("active", "lapsed", "suspended"):
            for live in (True, False):
                page = build_organization(
                    directory,
                    title=f"{visibility} {status} {'live' if live else 'draft'}",
                    visibility=visibility,
                    membership_status=status,
                )
                if not live:
                    page.unpublish()
                pages.append(page)
    return pages


def expected_visible(kind, page):
    """DESIGN.md section 4, written out: drafts for nobody; everything live for
    coordinators; the own team of an organization in good standing sees it
    whatever its visibility; other network members see public and members-only
    organizations in good standing; everyone else, the publicly listed ones."""
    from tests.members.viewer_kinds import NETWORK_MEMBER_KINDS

    in_good_standing = page.membership_status != "suspended"
    if not page.live:
        return False
    if kind == "coordinator":
        return True
    if kind == "own staff" and in_good_standing:
        return True
    if kind in NETWORK_MEMBER_KINDS:
        return in_good_standing and page.visibility in ("public", "members")
    return in_good_standing and page.visibility == "public"


def test_who_sees_an_organization_agrees_in_every_form_for_every_kind_of_person(
    directory, settings
):
    """visible_to (the rule), is_visible_to (the profile's check) and the rule as
    DESIGN.md states it agree for every visibility × membership status × live ×
    kind of person, own team included."""
    from members.models import MemberOrganizationPage
    from tests.members.viewer_kinds import own_viewers, shared_viewers

    shared = shared_viewers(directory, settings)
    pages = organization_matrix(directory)
    checked = 0
    for page in pages:
        page.refresh_from_db()
        for kind, viewer in {**shared, **own_viewers(page)}.items():
            visible = set(MemberOrganizationPage.objects.visible_to(viewer))
            expected = expected_visible(kind, page)
            assert (page in visible) == expected, (kind, page.title)
            assert page.is_visible_to(viewer) == expected, (kind, page.title)
            checked += 1
    assert checked == 18 * 8
