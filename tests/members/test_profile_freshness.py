"""Profile freshness (issue 15, item 7): admins confirm their profile is still
right, saving the profile confirms it, a year unconfirmed is stale (one rule, in
members.freshness), the directory sorts by recent confirmation, the coordinators'
desk lists stale profiles and `send_freshness_prompts` asks admins once."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Revision

from members.freshness import STALE_AFTER, is_stale, stale_organizations
from members.models import MemberOrganizationPage
from network.notifications.models import Notification
from tests.factories import (
    MemberOrganizationPageFactory,
    MembershipFactory,
    UserFactory,
)
from tests.members.profile_forms import profile_data

pytestmark = pytest.mark.django_db


def confirm_url(org):
    return f"/account/organizations/{org.pk}/profile/confirm/"


def confirmed_at(org):
    return MemberOrganizationPage.objects.get(pk=org.pk).profile_confirmed_at


def set_confirmed(org, when):
    MemberOrganizationPage.objects.filter(pk=org.pk).update(profile_confirmed_at=when)
    org.profile_confirmed_at = when


# --- Confirming ----------------------------------------------------------------


def test_an_admin_confirms_the_profile_without_a_new_revision(client, admin_a, org_a):
    revisions = Revision.page_revisions.filter(object_id=str(org_a.pk)).count()
    live_revision = MemberOrganizationPage.objects.get(pk=org_a.pk).live_revision_id
    client.force_login(admin_a)

    page = client.get(f"/account/organizations/{org_a.pk}/").content.decode()
    assert "Confirm our profile is up to date" in page
    assert "Please check that your profile is still right" in page

    before = timezone.now()
    response = client.post(confirm_url(org_a))

    assert response.status_code == 302
    assert before <= confirmed_at(org_a) <= timezone.now()
    assert Revision.page_revisions.filter(object_id=str(org_a.pk)).count() == revisions
    live = MemberOrganizationPage.objects.get(pk=org_a.pk)
    assert live.live_revision_id == live_revision
    assert not live.has_unpublished_changes
    page = client.get(f"/account/organizations/{org_a.pk}/").content.decode()
    assert "Last confirmed as up to date on" in page
    assert "Please check that your profile is still right" not in page


def test_confirming_survives_publishing_a_draft_saved_before_it(client, admin_a, org_a):
    draft = org_a.get_latest_revision_as_object()
    draft.summary = "A draft waiting."
    revision = draft.save_revision()
    client.force_login(admin_a)
    client.post(confirm_url(org_a))
    confirmed = confirmed_at(org_a)

    revision.refresh_from_db()
    revision.publish()

    assert confirmed_at(org_a) == confirmed


def test_an_editor_of_the_organization_may_not_confirm(client, editor_a, org_a):
    client.force_login(editor_a)

    page = client.get(f"/account/organizations/{org_a.pk}/").content.decode()
    assert "Confirm our profile is up to date" not in page
    assert client.post(confirm_url(org_a)).status_code == 403
    assert confirmed_at(org_a) is None


def test_another_organizations_staff_may_not_confirm(client, user_b, org_a):
    client.force_login(user_b)

    assert client.post(confirm_url(org_a)).status_code == 404
    assert confirmed_at(org_a) is None


def test_confirming_takes_a_post(client, admin_a, org_a):
    client.force_login(admin_a)

    assert client.get(confirm_url(org_a)).status_code == 405
    assert confirmed_at(org_a) is None


def test_saving_the_profile_form_confirms_the_profile(
    client, editor_a, org_a, network_settings
):
    network_settings.member_edits_need_review = False
    network_settings.save()
    client.force_login(editor_a)
    before = timezone.now()

    response = client.post(
        f"/account/organizations/{org_a.pk}/profile/",
        profile_data(org_a, summary="Still right, and clearer."),
    )

    assert response.status_code == 302
    live = MemberOrganizationPage.objects.get(pk=org_a.pk)
    assert live.summary == "Still right, and clearer."
    assert before <= live.profile_confirmed_at <= timezone.now()


def test_a_saved_edit_waiting_for_review_confirms_the_profile_too(
    client, editor_a, org_a, network_settings
):
    network_settings.member_edits_need_review = True
    network_settings.save()
    client.force_login(editor_a)

    client.post(
        f"/account/organizations/{org_a.pk}/profile/",
        profile_data(org_a, summary="Waiting for review."),
    )

    live = MemberOrganizationPage.objects.get(pk=org_a.pk)
    assert live.summary != "Waiting for review."
    assert live.profile_confirmed_at is not None


# --- The rule --------------------------------------------------------------------


def test_the_rule_is_a_year(org_a, org_b, directory):
    now = timezone.now()
    fresh = MemberOrganizationPageFactory(parent=directory, title="Fresh")
    set_confirmed(org_a, now - timedelta(days=364))
    set_confirmed(org_b, now - timedelta(days=366))

    assert STALE_AFTER == timedelta(days=365)
    assert not is_stale(org_a, now)
    assert is_stale(org_b, now)
    assert is_stale(fresh, now)  # never confirmed
    assert list(stale_organizations(now=now)) == [fresh, org_b]


# --- The directory -----------------------------------------------------------------


@pytest.fixture
def confirmed_network(directory):
    now = timezone.now()
    orgs = {}
    for title, days in [
        ("Alpha", 400),
        ("Bravo", None),
        ("Charlie", 3),
        ("Delta", 30),
        ("Echo", None),
    ]:
        org = MemberOrganizationPageFactory(parent=directory, title=f"{title} Group")
        org.save_revision().publish()
        if days is not None:
            set_confirmed(org, now - timedelta(days=days))
        orgs[title] = org
    return orgs


def listed(client, query=""):
    response = client.get(f"/members/{query}")
    assert response.status_code == 200
    results = response.context["results"]
    return [org.title.split()[0] for org in results.page.object_list], response


def test_the_directory_sorts_by_recent_confirmation_never_confirmed_last(
    client, confirmed_network
):
    names, response = listed(client, "?sort=confirmed")

    assert names == ["Charlie", "Delta", "Alpha", "Bravo", "Echo"]
    assert response.context["search"].sort == "confirmed"
    html = response.content.decode()
    assert '<option value="confirmed" selected>' in html
    assert "Recently confirmed" in html


def test_the_directory_offers_the_sort_with_the_others(client, confirmed_network):
    _, response = listed(client)

    html = response.content.decode()
    assert '<option value="confirmed">' in html
    assert '<option value="newest">' in html


def test_an_unknown_sort_falls_back_to_names_and_says_so(client, confirmed_network):
    names, response = listed(client, "?sort=confirmed-ish")

    assert names == ["Alpha", "Bravo", "Charlie", "Delta", "Echo"]
    assert response.context["search"].sort == "name"
    assert response.context["search"].refused


def test_a_search_sorted_by_confirmation_keeps_it_in_its_links(
    client, confirmed_network
):
    _, response = listed(client, "?sort=confirmed&q=group")

    assert response.context["search"].sort == "confirmed"
    assert "sort=confirmed" in response.context["search"].params()


# --- The coordinators' desk --------------------------------------------------------


def test_the_desk_lists_stale_profiles_oldest_first(
    coordinator, confirmed_network, rf, django_assert_num_queries
):
    from members.admin_desk.dashboard import NetworkDeskPanel

    request = rf.get("/admin/")
    request.user = coordinator
    panel = NetworkDeskPanel()
    panel.get_context_data({"request": request})  # warm the content-type cache

    with django_assert_num_queries(7):
        context = panel.get_context_data({"request": request})

    assert context["stale_count"] == 3
    assert [org.title for org in context["stale_profiles"]] == [
        "Bravo Group",
        "Echo Group",
        "Alpha Group",
    ]
    page = panel.render_html({"request": request})
    assert "3 member profiles not confirmed in 365 days" in page
    html = page.split("not confirmed in 365 days")[1]
    alpha = confirmed_network["Alpha"]
    assert f'href="/admin/pages/{alpha.pk}/edit/">Alpha Group</a>' in html
    assert "Charlie Group" not in html


def test_the_desk_shows_ten_stale_profiles_and_counts_them_all(
    coordinator, directory, rf
):
    from members.admin_desk.dashboard import NetworkDeskPanel

    for number in range(12):
        MemberOrganizationPageFactory(
            parent=directory, title=f"Stale {number:02d}"
        ).save_revision().publish()
    request = rf.get("/admin/")
    request.user = coordinator

    context = NetworkDeskPanel().get_context_data({"request": request})

    assert context["stale_count"] == 12
    assert len(context["stale_profiles"]) == 10


def test_coordinators_see_the_stale_list_on_the_admin_home(
    coordinator_client, confirmed_network
):
    html = coordinator_client.get("/admin/").content.decode()

    assert "3 member profiles not confirmed in 365 days" in html
    assert "Echo Group" in html


# --- Prompting admins ----------------------------------------------------------------


def test_stale_organizations_admins_are_prompted_once_per_staleness(
    admin_a, editor_a, org_a, directory, capsys, django_capture_on_commit_callbacks
):
    second_admin = UserFactory(username="admin_a2")
    MembershipFactory(user=second_admin, organization=org_a, role="admin")
    fresh = MemberOrganizationPageFactory(parent=directory, title="Fresh Org")
    fresh.save_revision().publish()
    set_confirmed(fresh, timezone.now() - timedelta(days=10))
    MembershipFactory(user=UserFactory(), organization=fresh, role="admin")

    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_freshness_prompts")

    assert "Prompted 1 organizations' admins (2 people)." in capsys.readouterr().out
    prompted = Notification.objects.filter(kind="profile_stale")
    assert set(prompted.values_list("user__username", flat=True)) == {
        "admin_a",
        "admin_a2",
    }
    assert set(prompted.values_list("organization_id", flat=True)) == {org_a.pk}

    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_freshness_prompts")
    assert "Prompted 0 organizations' admins (0 people)." in capsys.readouterr().out
    assert prompted.count() == 2

    # Confirmed, then stale again a year later: a new period, a new prompt.
    set_confirmed(org_a, timezone.now() - timedelta(days=400))
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_freshness_prompts")
    assert "Prompted 1 organizations' admins (2 people)." in capsys.readouterr().out
    assert prompted.count() == 4


def test_sorting_by_confirmation_takes_the_queries_sorting_by_newest_does(
    client, confirmed_network, directory
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries(query):
        client.get(f"/members/{query}")  # warm caches
        with CaptureQueriesContext(connection) as captured:
            assert client.get(f"/members/{query}").status_code == 200
        return len(captured)

    small = queries("?sort=confirmed")
    assert small == queries("?sort=newest")
    for number in range(25):
        MemberOrganizationPageFactory(
            parent=directory, title=f"More {number}"
        ).save_revision().publish()
    assert queries("?sort=confirmed") == small
    assert queries("?sort=confirmed&page=2") == queries("?sort=newest&page=2")
