"""The resource library's listing: facets, search, order, privacy and query counts."""

import datetime

import pytest
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from campaigns.models import (
    NewsIndexPage,
    NewsPage,
    ResourceIndexPage,
    ResourcePage,
)
from home.models import HomePage
from members.viewer import Viewer
from tests.campaigns.library.bulk import bulk_resources
from tests.factories import DocumentFactory, ResourcePageFactory

pytestmark = pytest.mark.django_db


class LibraryPageTreeTests(WagtailPageTestCase):
    def test_library_and_news_live_under_the_home_page_once(self):
        for section in (ResourceIndexPage, NewsIndexPage):
            with self.subTest(section=section.__name__):
                self.assertAllowedParentPageTypes(section, {HomePage})
                self.assertEqual(section.max_count, 1)

    def test_resources_live_only_in_the_library_and_news_only_in_news(self):
        self.assertAllowedSubpageTypes(ResourceIndexPage, {ResourcePage})
        self.assertAllowedParentPageTypes(ResourcePage, {ResourceIndexPage})
        self.assertAllowedSubpageTypes(ResourcePage, set())
        self.assertAllowedSubpageTypes(NewsIndexPage, {NewsPage})
        self.assertAllowedParentPageTypes(NewsPage, {NewsIndexPage})
        self.assertAllowedSubpageTypes(NewsPage, set())

    def test_a_library_and_a_resource_can_be_created_in_the_admin(self):
        self.client.force_login(self.create_test_user())  # a superuser
        root = Page.get_first_root_node()
        home = HomePage(title="Home", slug="home-test")
        root.add_child(instance=home)
        self.assertCanCreate(
            home,
            ResourceIndexPage,
            {"title": "Resources", "slug": "resources", "introduction": ""},
        )
        library = ResourceIndexPage.objects.get()
        self.assertCanCreateAt(ResourceIndexPage, ResourcePage)
        self.assertCanNotCreateAt(HomePage, ResourcePage)
        del library


def html_of(response):
    assert response.status_code == 200
    return response.content.decode()


def results_section(html):
    start = html.index('id="library-results-heading"')
    return html[start:]


def test_library_lists_newest_first(client, library):
    ResourcePageFactory(
        parent=library, title="Older guide", publication_date=datetime.date(2019, 5, 1)
    )
    ResourcePageFactory(
        parent=library, title="Newer guide", publication_date=datetime.date(2025, 5, 1)
    )

    html = results_section(html_of(client.get("/resources/")))

    assert html.index("Newer guide") < html.index("Older guide")


def test_facets_filter_by_kind_issue_area_organization_language_and_year(
    client, library, areas, orgs
):
    ResourcePageFactory(
        parent=library,
        title="Eviction toolkit",
        kind="toolkit",
        language="es",
        publication_date=datetime.date(2024, 3, 1),
        issue_areas=[areas["housing"]],
        organizations=[orgs["public"]],
    )
    ResourcePageFactory(
        parent=library,
        title="Detention report",
        kind="report",
        language="en",
        publication_date=datetime.date(2022, 3, 1),
        issue_areas=[areas["detention"]],
    )

    for query in (
        "kind=toolkit",
        "issue=housing",
        f"org={orgs['public'].slug}",
        "language=es",
        "year=2024",
        "kind=toolkit&issue=housing&language=es&year=2024",
    ):
        html = results_section(html_of(client.get(f"/resources/?{query}")))
        assert "Eviction toolkit" in html, query
        assert "Detention report" not in html, query


def test_facet_counts_reflect_the_other_choices(client, library, areas):
    for index in range(3):
        ResourcePageFactory(
            parent=library,
            title=f"Toolkit {index}",
            kind="toolkit",
            issue_areas=[areas["housing"]],
        )
    ResourcePageFactory(
        parent=library, title="Report", kind="report", issue_areas=[areas["health"]]
    )

    html = html_of(client.get("/resources/?issue=housing"))

    assert ">Toolkit (3)</option>" in html
    assert "Report (" not in html  # no report is about housing
    # The issue-area facet itself still offers the other areas, with counts.
    assert f">{areas['health'].name} (1)</option>" in html
    assert "3 resources" in html


def test_search_finds_titles_summaries_and_attached_document_titles(client, library):
    checklist = DocumentFactory(title="Eviction defense checklist")
    ResourcePageFactory(parent=library, title="Tenant toolkit", documents=[checklist])
    ResourcePageFactory(
        parent=library, title="Something else", summary="About water shutoffs."
    )

    by_document = results_section(html_of(client.get("/resources/?q=checklist")))
    by_summary = results_section(html_of(client.get("/resources/?q=shutoffs")))

    assert "Tenant toolkit" in by_document
    assert "Something else" not in by_document
    assert "Something else" in by_summary
    assert "Tenant toolkit" not in by_summary


def test_search_and_facets_combine_in_a_shareable_url(client, library, areas):
    ResourcePageFactory(
        parent=library,
        title="Housing rights guide",
        kind="toolkit",
        issue_areas=[areas["housing"]],
    )
    ResourcePageFactory(parent=library, title="Housing rights report", kind="report")

    html = html_of(client.get("/resources/?q=housing&kind=toolkit"))

    results = results_section(html)
    assert "Housing rights guide" in results
    assert "Housing rights report" not in results
    # The page can be rebuilt from its URL: the form shows the choices made.
    assert 'value="housing"' in html
    assert '<option value="toolkit" selected>' in html
    assert "q=housing" in html  # remove-filter links keep the search


@pytest.mark.parametrize(
    "query", ["housing-rights", "HOUSING_RIGHTS", "housing/rights", '"housing rights']
)
def test_search_finds_words_joined_by_punctuation_as_the_directory_does(
    client, library, query
):
    # Each word counts, wherever it stands, not a phrase the punctuation made.
    ResourcePageFactory(parent=library, title="Rights in housing, a guide")
    ResourcePageFactory(parent=library, title="Water rights guide")

    html = results_section(html_of(client.get("/resources/", {"q": query})))

    assert "Rights in housing, a guide" in html, query
    assert "Water rights guide" not in html, query


def test_searching_and_choosing_facets_add_one_query_at_most(
    client, library, areas, django_assert_max_num_queries
):
    ResourcePageFactory(
        parent=library,
        title="Housing rights guide",
        kind="toolkit",
        language="en",
        publication_date=datetime.date(2024, 3, 1),
        issue_areas=[areas["housing"]],
    )
    client.get("/")  # the site chrome is cached after the first page
    client.get("/resources/")

    with django_assert_max_num_queries(100) as plain:
        client.get("/resources/")
    narrowed = "/resources/?q=housing&kind=toolkit&issue=housing&language=en&year=2024"
    with django_assert_max_num_queries(len(plain) + 1) as searched:
        response = client.get(narrowed)

    # Every count and the total come in one query, the search inside it; the one
    # more checks that the chosen issue area exists (an unknown one is refused).
    assert "Housing rights guide" in results_section(html_of(response))
    assert len(searched) == len(plain) + 1


@pytest.mark.parametrize(
    ("page", "shown"),
    [("2", 2), ("3", 3), ("999", 3), ("0", 1), ("-1", 1), ("99999999999999999999", 1)],
)
def test_page_numbers_are_read_as_the_directory_reads_them(
    client, library, page, shown
):
    for number in range(45):
        ResourcePageFactory(parent=library, title=f"Guide {number:02d}")

    html = html_of(client.get("/resources/", {"page": page}))

    # Below 1, or more than an id can hold: the first page; past the end: the last.
    assert f"Page {shown} of 3" in html


def test_nonsense_parameters_are_ignored_not_errors(client, library):
    ResourcePageFactory(parent=library, title="Any guide")

    for query in (
        "kind=<script>",
        "year=abcd",
        "year=99999",
        "language=zz",
        "page=-1",
        "page=9999",
        "issue=no-such-area",
        "q=" + "x" * 5000,
        "q=%00%27%22",
    ):
        response = client.get(f"/resources/?{query}")
        assert response.status_code == 200, query
        assert b"<script>" not in response.content.split(b"<main")[1]


def test_visitors_never_see_members_only_resources_in_the_library(
    client, library, member
):
    ResourcePageFactory(parent=library, title="Open guide")
    ResourcePageFactory(parent=library, title="Internal strategy", visibility="members")

    visitor_html = html_of(client.get("/resources/"))
    client.force_login(member)
    member_html = html_of(client.get("/resources/"))

    assert "Internal strategy" not in visitor_html
    assert "1 resource" in visitor_html
    assert "Internal strategy" in member_html
    assert "Members only" in member_html


def test_search_never_reveals_members_only_resources_to_visitors(client, library):
    ResourcePageFactory(
        parent=library, title="Internal strategy memo", visibility="members"
    )

    html = html_of(client.get("/resources/?q=strategy"))

    assert "Internal strategy memo" not in html
    assert "0 resources" in html


def test_hidden_credited_organization_is_never_named(client, library, orgs, member):
    ResourcePageFactory(
        parent=library,
        title="Joint guide",
        organizations=[orgs["public"], orgs["hidden"], orgs["members"]],
    )

    visitor = html_of(client.get("/resources/"))
    visitor_page = html_of(client.get("/resources/joint-guide/"))
    client.force_login(member)
    member_view = html_of(client.get("/resources/"))

    for html in (visitor, visitor_page):
        assert "Riverside Tenants Union" in html
        assert "Nightjar Defenders Collective" not in html
        assert "Quiet Harbor Legal Aid" not in html
        assert "a member organization" in html
    assert "Quiet Harbor Legal Aid" in member_view
    assert "Nightjar Defenders Collective" not in member_view
    # Nor in the organization facet.
    assert orgs["hidden"].slug not in visitor + member_view


def test_organization_facet_for_a_hidden_org_reveals_nothing(client, library, orgs):
    ResourcePageFactory(
        parent=library, title="Joint guide", organizations=[orgs["hidden"]]
    )
    ResourcePageFactory(parent=library, title="Unrelated guide")

    html = html_of(client.get(f"/resources/?org={orgs['hidden'].slug}"))

    assert "Nightjar Defenders Collective" not in html
    # The choice is ignored, so the list cannot tell which guide is theirs.
    assert "Joint guide" in html and "Unrelated guide" in html
    assert orgs["hidden"].slug not in html


@pytest.mark.parametrize("size", [20, 2000])
def test_library_renders_in_constant_queries(
    client, library, areas, orgs, member, django_assert_max_num_queries, size
):
    bulk_resources(library, size, list(areas.values()), list(orgs.values()))
    client.get("/")  # the site chrome is cached after the first page

    with django_assert_max_num_queries(21):
        visitor = client.get("/resources/?kind=toolkit")
    client.force_login(member)
    with django_assert_max_num_queries(26):
        signed_in = client.get("/resources/?issue=housing&language=en")

    assert visitor.status_code == 200
    assert signed_in.status_code == 200
    assert b"Bulk resource" in visitor.content


def test_renaming_a_document_updates_what_finds_its_resource(client, library):
    document = DocumentFactory(title="Draft annex")
    ResourcePageFactory(parent=library, title="Tenant toolkit", documents=[document])

    document.title = "Rent stabilization annex"
    document.save()

    html = results_section(html_of(client.get("/resources/?q=stabilization")))
    assert "Tenant toolkit" in html


class AdminEditingTests(WagtailPageTestCase):
    def test_a_coordinator_can_create_a_un_submission_in_the_admin(self):
        from wagtail.test.utils.form_data import (
            inline_formset,
            nested_form_data,
            streamfield,
        )

        self.client.force_login(self.create_test_user())  # a superuser
        root = Page.get_first_root_node()
        home = HomePage(title="Home", slug="home-admin")
        root.add_child(instance=home)
        library = ResourceIndexPage(title="Resources", slug="resources")
        home.add_child(instance=library)

        self.assertCanCreate(
            library,
            ResourcePage,
            nested_form_data(
                {
                    "title": "CAT submission",
                    "slug": "cat-submission",
                    "summary": "Solitary confinement.",
                    "kind": "un-submission",
                    "language": "en",
                    "publication_date": "2025-04-01",
                    "visibility": "public",
                    "issue_areas": "",
                    "body": streamfield([]),
                    "document_items": inline_formset([]),
                    "links": inline_formset([]),
                    "contributors": inline_formset([]),
                    "cosigners": inline_formset([]),
                    "un_mechanism": "treaty-body",
                    "treaty_body": "cat",
                    "session": "82nd session",
                    "reviewed_state": "US",
                }
            ),
        )
        page = ResourcePage.objects.get(slug="cat-submission")
        self.assertEqual(page.mechanism_label, "Committee against Torture")


@pytest.mark.parametrize("size", [20, 2000])
def test_a_resource_page_renders_in_constant_queries(
    client, library, areas, orgs, member, django_assert_max_num_queries, size
):
    bulk_resources(library, size, list(areas.values()), list(orgs.values()))
    resource = ResourcePageFactory(
        parent=library,
        title="Joint submission",
        kind="un-submission",
        un_mechanism="upr",
        organizations=list(orgs.values()),
        cosigners=list(orgs.values()),
        documents=[DocumentFactory(), DocumentFactory()],
        issue_areas=list(areas.values()),
    )

    client.get("/")  # the site chrome is cached after the first page

    with django_assert_max_num_queries(18):
        visitor = client.get(resource.url)
    client.force_login(member)
    with django_assert_max_num_queries(22):
        signed_in = client.get(resource.url)

    assert visitor.status_code == signed_in.status_code == 200


def test_the_instance_check_agrees_with_the_queryset_verb(
    library, member, other_member, coordinator
):
    from django.contrib.auth.models import AnonymousUser

    public = ResourcePageFactory(parent=library, title="Open")
    private = ResourcePageFactory(parent=library, title="Closed", visibility="members")
    draft = ResourcePageFactory(parent=library, title="Draft")
    draft.unpublish()

    for user in (AnonymousUser(), member, other_member, coordinator):
        viewer = Viewer.for_user(user)
        visible = set(ResourcePage.objects.visible_to(viewer))
        for page in (public, private, draft):
            page.refresh_from_db()
            assert page.is_visible_to(viewer) == (page in visible), (user, page)


def test_who_sees_a_resource_agrees_in_both_forms_for_every_kind_of_person(
    library, directory, settings
):
    """ResourceQuerySet.visible_to (the rule) and ResourcePage.is_visible_to (its
    instance twin, no query) agree, and follow DESIGN.md, for every visibility ×
    live × standing of the submitting organization × kind of person, the
    submitting organization's own team included."""
    from tests.factories import build_organization
    from tests.members.viewer_kinds import (
        NETWORK_MEMBER_KINDS,
        own_viewers,
        shared_viewers,
    )

    shared = shared_viewers(directory, settings)
    checked = 0
    for status in ("active", "lapsed", "suspended"):
        submitter = build_organization(
            directory, title=f"Submitter {status}", membership_status=status
        )
        team = own_viewers(submitter)
        for visibility in ("public", "members"):
            for live in (True, False):
                page = ResourcePageFactory(
                    parent=library,
                    title=f"{visibility} {status} {live}",
                    visibility=visibility,
                    submitting_organization=submitter,
                )
                if not live:
                    page.unpublish()
                page.refresh_from_db()
                for kind, viewer in {**shared, **team}.items():
                    member = kind in NETWORK_MEMBER_KINDS or (
                        kind == "own staff" and status != "suspended"
                    )
                    expected = live and (visibility == "public" or member)
                    visible = set(ResourcePage.objects.visible_to(viewer))
                    assert (page in visible) == expected, (kind, page.title)
                    assert page.is_visible_to(viewer) == expected, (kind, page.title)
                    checked += 1
    assert checked == 3 * 2 * 2 * 8
