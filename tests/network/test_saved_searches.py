"""Saved searches (network/notifications/saved_searches.py): saving one from the
directory or the library (read again by the page's own reader, refused when it
holds what the page does not offer, one row per normalized search, at most
MAX_SAVED_SEARCHES a person), the list with rename and delete (someone else's
is a 404), and matching a newly published organization or resource as the
owner's Viewer: told once, never of a hidden organization, and in the digest."""

from urllib.parse import parse_qs

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from members.models import IssueArea
from members.viewer import Viewer
from network.notifications.digest import build_digest
from network.notifications.models import Notification, SavedSearch
from network.notifications.saved_searches import (
    MAX_SAVED_SEARCHES,
    match_saved_searches,
)
from tests.factories import (
    IssueAreaFactory,
    MemberOrganizationPageFactory,
    MembershipFactory,
    ResourceIndexPageFactory,
    ResourcePageFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

SAVE = "/account/notifications/searches/save/"
LIST = "/account/notifications/searches/"


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run an action and what it queued for after its commit (the matching
    task, then the notification it asks for)."""

    def run(action, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return action(*args, **kwargs)

    return run


@pytest.fixture
def member(org_a, admin_a):
    return admin_a


@pytest.fixture
def signed_in(client, member):
    client.force_login(member)
    return client


@pytest.fixture
def library(home_page):
    return ResourceIndexPageFactory(parent=home_page)


def save(client, kind="directory", query="issue=housing", name="Housing"):
    return client.post(SAVE, {"kind": kind, "query": query, "name": name})


def said(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


# --- saving -------------------------------------------------------------------------


def test_a_search_is_saved_normalized_and_the_person_is_sent_back_to_it(
    signed_in, member
):
    response = save(signed_in, query="state=US-TX&issue=housing&page=3&sort=newest")

    saved = SavedSearch.objects.get()
    assert (saved.user, saved.kind, saved.name) == (member, "directory", "Housing")
    # The reader's own order; page and order dropped.
    assert parse_qs(saved.query) == {"issue": ["housing"], "state": ["US-TX"]}
    assert "page" not in saved.query and "sort" not in saved.query
    assert response.status_code == 302
    assert response["Location"] == f"/members/?{saved.query}"
    assert "is saved" in said(response)[0]


def test_the_same_search_saved_again_is_already_saved_not_a_second_row(signed_in):
    save(signed_in, query="issue=housing&state=US-TX")
    response = save(signed_in, query="state=TX&issue=housing&page=2", name="Again")

    assert SavedSearch.objects.count() == 1
    assert SavedSearch.objects.get().name == "Housing"
    assert response.status_code == 302
    assert "already saved" in said(response)[-1]


@pytest.mark.parametrize(
    "data, words",
    [
        ({"kind": "board", "query": "issue=housing", "name": "x"}, "directory or"),
        ({"query": "issue=housing", "name": "x"}, "directory or"),
        ({"kind": "directory", "query": "colour=red", "name": "x"}, "colour"),
        ({"kind": "directory", "query": "issue=nonsense", "name": "x"}, "filters"),
        ({"kind": "directory", "query": "scope=planet", "name": "x"}, "filters"),
        (
            {
                "kind": "directory",
                "query": "country=US&country=MX&founding=1&founding=1",
                "name": "x",
            },
            "more than one",
        ),
        (
            {"kind": "directory", "query": "complements=org-a", "name": "x"},
            "complements",
        ),
        ({"kind": "directory", "query": "", "name": "x"}, "empty search"),
        (
            {"kind": "directory", "query": "page=2&sort=name", "name": "x"},
            "empty search",
        ),
        ({"kind": "directory", "query": "q=%22%22", "name": "x"}, "words"),
        ({"kind": "directory", "query": "issue=housing", "name": ""}, "name"),
        ({"kind": "directory", "query": "issue=housing", "name": "n" * 121}, "120"),
        (
            {"kind": "directory", "query": "issue=housing", "name": "Ho\u202esing"},
            "invisible",
        ),
        ({"kind": "library", "query": "kind=toolkit", "name": "x"}, "library"),
    ],
)
def test_a_bad_search_or_name_is_refused_saying_why_and_nothing_is_saved(
    signed_in, data, words
):
    response = signed_in.post(SAVE, data)

    assert response.status_code == 400
    assert words in response.content.decode()
    assert not SavedSearch.objects.exists()


def test_saving_needs_a_signed_in_person(client, directory):
    response = save(client)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert not SavedSearch.objects.exists()


def test_saving_is_a_post(signed_in):
    assert (
        signed_in.get(SAVE, {"kind": "directory", "query": "issue=housing"}).status_code
        == 405
    )
    assert not SavedSearch.objects.exists()


def test_a_person_keeps_at_most_the_cap_of_searches(signed_in, member):
    SavedSearch.objects.bulk_create(
        SavedSearch(user=member, kind="directory", query=f"q=word{n}", name=f"S{n}")
        for n in range(MAX_SAVED_SEARCHES)
    )

    response = save(signed_in, query="issue=housing")

    assert SavedSearch.objects.count() == MAX_SAVED_SEARCHES
    assert not SavedSearch.objects.filter(query="issue=housing").exists()
    assert response.status_code == 302
    assert response["Location"] == "/members/?issue=housing"
    assert "Delete one" in said(response)[0]
    # Someone else still may.
    other = UserFactory()
    signed_in.force_login(other)
    save(signed_in, query="issue=housing")
    assert SavedSearch.objects.filter(user=other).count() == 1


def test_a_library_search_is_saved_and_a_hidden_organization_is_not_accepted(
    signed_in, library, org_b
):
    save(signed_in, kind="library", query="kind=toolkit&page=2", name="Toolkits")
    assert SavedSearch.objects.get().query == "kind=toolkit"

    response = save(signed_in, kind="library", query=f"org={org_b.slug}", name="x")
    assert response.status_code == 400
    assert SavedSearch.objects.count() == 1


def test_the_form_shows_on_a_search_for_signed_in_people_only(
    client, signed_in, library
):
    page = signed_in.get("/members/?issue=housing&sort=newest").content.decode()
    assert 'action="/account/notifications/searches/save/"' in page
    assert 'name="query" value="issue=housing"' in page
    # The name: the filter's label, as the page shows it.
    assert f'value="{IssueArea.objects.get(slug="housing").name}"' in page

    assert "Save this search" not in signed_in.get("/members/").content.decode()
    library_page = signed_in.get("/resources/?kind=toolkit").content.decode()
    assert 'name="kind" value="library"' in library_page

    client.logout()
    assert (
        "Save this search" not in client.get("/members/?issue=housing").content.decode()
    )


# --- the list, rename and delete ------------------------------------------------------


def test_the_list_shows_each_search_with_the_link_that_runs_it_again(
    signed_in, member, library
):
    SavedSearch.objects.create(
        user=member, kind="directory", query="issue=housing", name="Housing groups"
    )
    SavedSearch.objects.create(
        user=member, kind="library", query="kind=toolkit", name="Toolkits"
    )
    SavedSearch.objects.create(
        user=UserFactory(), kind="library", query="kind=report", name="Someone else's"
    )

    page = signed_in.get(LIST).content.decode()

    assert '<a href="/members/?issue=housing">Housing groups</a>' in page
    assert '<a href="/resources/?kind=toolkit">Toolkits</a>' in page
    assert "Someone else" not in page


def test_the_list_is_linked_from_the_settings_and_the_account_page(signed_in):
    assert LIST in signed_in.get("/account/notifications/settings/").content.decode()
    assert LIST in signed_in.get("/account/").content.decode()


def test_a_search_is_deleted_and_someone_elses_is_not_found(signed_in, member):
    own = SavedSearch.objects.create(
        user=member, kind="directory", query="q=a", name="A"
    )
    other = SavedSearch.objects.create(
        user=UserFactory(), kind="directory", query="q=a", name="B"
    )

    assert signed_in.post(f"{LIST}{other.pk}/delete/").status_code == 404
    assert (
        signed_in.post(f"{LIST}{other.pk}/rename/", {"name": "Mine"}).status_code == 404
    )
    assert signed_in.post(f"{LIST}99999/delete/").status_code == 404
    assert SavedSearch.objects.get(pk=other.pk).name == "B"

    response = signed_in.post(f"{LIST}{own.pk}/delete/")
    assert response.status_code == 302
    assert list(SavedSearch.objects.all()) == [other]


def test_a_search_is_renamed_and_a_bad_name_changes_nothing(signed_in, member):
    own = SavedSearch.objects.create(
        user=member, kind="directory", query="q=a", name="A"
    )

    assert signed_in.post(f"{LIST}{own.pk}/rename/", {"name": ""}).status_code == 400
    assert (
        signed_in.post(f"{LIST}{own.pk}/rename/", {"name": "Texas"}).status_code == 302
    )
    own.refresh_from_db()
    assert own.name == "Texas"


# --- matching -------------------------------------------------------------------


@pytest.fixture
def searcher(org_a):
    """Staff of another organization, who saved two directory searches."""
    person = UserFactory(username="sol")
    elsewhere = MemberOrganizationPageFactory(
        parent=org_a.get_parent(), title="Elsewhere Rights", visibility="public"
    )
    MembershipFactory(user=person, organization=elsewhere)
    housing = SavedSearch.objects.create(
        user=person, kind="directory", query="issue=housing", name="Housing"
    )
    texas = SavedSearch.objects.create(
        user=person, kind="directory", query="q=shelter&state=US-TX", name="Texas"
    )
    return person, housing, texas


def publish_new_organization(commit, directory, title, visibility="public", **fields):
    page = MemberOrganizationPageFactory.build(
        title=title, visibility=visibility, **fields
    )
    page.issue_areas.set([IssueAreaFactory(name="Housing", slug="housing")])
    directory.add_child(instance=page)
    commit(page.save_revision().publish)
    return page


def test_a_new_organization_that_matches_tells_the_owner_once(
    commit, directory, searcher
):
    person, housing, texas = searcher

    page = publish_new_organization(commit, directory, "Homes Now")

    told = Notification.objects.get()
    assert (told.user, told.kind, told.saved_search, told.organization_id) == (
        person,
        "saved_search",
        housing,
        page.pk,
    )
    assert told.once_key == f"saved_search:{housing.pk}:{page.pk}"
    # Published again (a profile edit): nothing more.
    commit(page.save_revision().publish)
    assert Notification.objects.count() == 1
    housing.refresh_from_db()
    texas.refresh_from_db()
    assert housing.checked_at is not None and texas.checked_at is not None


def test_an_organization_that_matches_no_search_tells_nobody(
    commit, directory, searcher
):
    page = MemberOrganizationPageFactory.build(title="Elsewhere Again")
    directory.add_child(instance=page)
    commit(page.save_revision().publish)

    assert not Notification.objects.exists()


def test_a_hidden_organization_never_matches_anyone_else(commit, directory, searcher):
    person, housing, _texas = searcher
    canary = publish_new_organization(
        commit, directory, "Canary Quietshelter", visibility="hidden"
    )

    assert not Notification.objects.exists()
    assert match_saved_searches("directory", canary.pk) == []

    # Made visible later (published again): now it is new to the search.
    canary.visibility = "members"
    commit(canary.save_revision().publish)
    assert Notification.objects.get().organization_id == canary.pk


def test_the_owners_own_organization_is_not_news_to_them(commit, directory, org_a):
    SavedSearch.objects.create(
        user=MembershipFactory(organization=org_a).user,
        kind="directory",
        query="issue=housing",
        name="Housing",
    )

    commit(org_a.save_revision().publish)

    assert not Notification.objects.exists()


def test_matching_takes_the_same_queries_per_search_at_any_size(
    commit, directory, searcher, django_assert_max_num_queries
):
    page = publish_new_organization(commit, directory, "Homes Now")
    for n in range(3):
        other = UserFactory()
        SavedSearch.objects.create(
            user=other, kind="directory", query=f"q=w{n}", name="x"
        )

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        match_saved_searches("directory", page.pk)
    for n in range(10):
        SavedSearch.objects.create(
            user=UserFactory(), kind="directory", query=f"q=v{n}", name="x"
        )
    with CaptureQueriesContext(connection) as large:
        match_saved_searches("directory", page.pk)
    # Five searches, then fifteen: each costs the same few queries.
    per_search = (len(large) - len(small)) / 10
    assert per_search <= 4
    assert len(small) <= 4 + 5 * per_search


def test_a_new_resource_that_matches_a_library_search_is_told(commit, library, member):
    toolkits = SavedSearch.objects.create(
        user=member, kind="library", query="kind=toolkit", name="Toolkits"
    )
    SavedSearch.objects.create(
        user=member, kind="library", query="kind=report", name="Reports"
    )
    resource = ResourcePageFactory(
        parent=library, title="Know your rights", kind="toolkit", live=False
    )

    commit(resource.save_revision().publish)

    told = Notification.objects.get()
    assert (told.saved_search, told.page_id, told.organization_id) == (
        toolkits,
        resource.pk,
        None,
    )
    commit(resource.save_revision().publish)
    assert Notification.objects.count() == 1


def test_a_members_only_resource_is_not_told_to_someone_outside_the_network(
    commit, library
):
    outsider = UserFactory()
    SavedSearch.objects.create(
        user=outsider, kind="library", query="kind=toolkit", name="Toolkits"
    )
    resource = ResourcePageFactory(
        parent=library, kind="toolkit", visibility="members", live=False
    )

    commit(resource.save_revision().publish)

    assert not Notification.objects.exists()


# --- where it is read ---------------------------------------------------------------


def test_a_match_is_in_the_notifications_list_and_the_digest(
    commit, directory, searcher, client
):
    person, _housing, _texas = searcher
    publish_new_organization(commit, directory, "Homes Now")

    digest = build_digest(person)
    section = next(
        s for s in digest.sections if s.heading == "New for your saved searches"
    )
    assert [text for text, _address in section.items] == [
        "New for your search “Housing”: Homes Now"
    ]
    assert section.items[0][1].endswith("/members/homes-now/")

    client.force_login(person)
    assert "Homes Now" in client.get("/account/notifications/").content.decode()


def test_a_members_only_resource_leaves_the_list_of_someone_who_leaves_the_network(
    commit, library, member
):
    SavedSearch.objects.create(
        user=member, kind="library", query="kind=toolkit", name="Toolkits"
    )
    resource = ResourcePageFactory(
        parent=library, kind="toolkit", visibility="members", live=False
    )
    commit(resource.save_revision().publish)
    assert Notification.objects.readable_by(Viewer.for_user(member)).count() == 1

    member.memberships.all().delete()  # no longer a network member
    member = type(member).objects.get(pk=member.pk)  # not the cached Viewer

    assert not Notification.objects.readable_by(Viewer.for_user(member)).exists()
    assert Notification.objects.filter(user=member).count() == 1  # kept, unread
