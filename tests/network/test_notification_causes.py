"""Each kind is created once by its cause (network/notifications/receivers.py
and the board's actions), after that cause commits, for the people it concerns
and never for the person who caused it."""

import pytest
from wagtail.models import WorkflowState

from campaigns import actions as campaign_actions
from campaigns.models import SignOnStatus
from members.actions.applications import do_decline_application
from members.actions.suggestions import do_suggest_issue_area
from members.actions.teams import do_invite_colleague
from network.notifications.models import Notification
from tests.factories import (
    BoardPageFactory,
    CampaignIndexPageFactory,
    CampaignPageFactory,
    EventFactory,
    MemberOrganizationPageFactory,
    MembershipApplicationFactory,
    MembershipFactory,
    SignOnFactory,
    UserFactory,
)
from tests.members.profile_forms import profile_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run an action and what it queued for after its commit."""

    def run(action, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return action(*args, **kwargs)

    return run


def told(kind):
    return sorted(
        Notification.objects.filter(kind=kind).values_list("user__username", flat=True)
    )


def test_a_new_application_tells_the_coordinators(commit, coordinator, admin_a):
    from members.actions import applications

    application = MembershipApplicationFactory()
    commit(
        applications.signals.application_submitted.send,
        sender=type(application),
        application=application,
    )
    assert told("new_application") == ["coord"]


def test_a_declined_application_tells_an_existing_person_by_that_address(
    commit, coordinator
):
    person = UserFactory(username="rosa", email="rosa@applicant.example.org")
    person.set_password("a long password")
    person.save()
    application = MembershipApplicationFactory(
        contact_email="ROSA@applicant.example.org"
    )

    commit(do_decline_application, application, coordinator, "Not a rights group.")

    assert told("application_decided") == ["rosa"]
    assert Notification.objects.get().outcome == "declined"


def test_an_invitation_tells_a_person_who_already_has_an_account(
    commit, admin_a, org_a
):
    person = UserFactory(username="sam", email="sam@example.org")
    person.set_password("a long password")
    person.save()

    commit(do_invite_colleague, org_a, "sam@example.org", "editor", admin_a)

    assert told("invited") == ["sam"]


def test_a_suggested_issue_area_tells_coordinators_not_its_author(
    commit, coordinator, admin_a, org_a
):
    commit(do_suggest_issue_area, "Water rights", by=admin_a, organization=org_a)
    assert told("issue_area_suggested") == ["coord"]


def test_a_sign_on_decision_tells_the_organizations_admins_once(
    commit, coordinator, admin_a, editor_a, org_a, home_page
):
    index = CampaignIndexPageFactory(parent=home_page)
    campaign = CampaignPageFactory(parent=index)
    signon = SignOnFactory(
        campaign=campaign,
        organization=org_a,
        status=SignOnStatus.PENDING,
        signed_by=editor_a,
    )

    commit(campaign_actions.do_decide, coordinator, signon, SignOnStatus.APPROVED)

    assert told("signon_decided") == ["admin_a", "editor_a"]
    assert set(Notification.objects.values_list("outcome", flat=True)) == {"approved"}


def test_a_profile_change_approved_or_sent_back_tells_its_staff(
    client, commit, editor_a, admin_a, org_a, network_settings, coordinator
):
    network_settings.member_edits_need_review = True
    network_settings.save()
    client.force_login(editor_a)
    client.post(
        f"/account/organizations/{org_a.pk}/profile/",
        profile_data(org_a, summary="Reviewed summary."),
    )
    org_a.refresh_from_db()
    state = org_a.current_workflow_state
    assert state.status == WorkflowState.STATUS_IN_PROGRESS

    commit(state.current_task_state.approve, user=coordinator)

    assert told("profile_decided") == ["admin_a", "editor_a"]
    assert Notification.objects.get(user=admin_a).outcome == "approved"


def test_a_new_member_is_told_to_the_people_in_its_issue_areas_not_its_own(
    commit, directory, admin_a, org_a, user_b
):
    housing = org_a.issue_areas.get()

    def publish_new(visibility):
        page = MemberOrganizationPageFactory.build(
            title=f"New {visibility} group", visibility=visibility
        )
        page.issue_areas.set([housing])
        directory.add_child(instance=page)
        own = UserFactory()
        MembershipFactory(user=own, organization=page)
        commit(page.save_revision().publish)
        return page

    publish_new("members")
    publish_new("hidden")

    assert told("new_member") == ["admin_a"]
    assert Notification.objects.get().organization.title == "New members group"
    # Published again: nothing new.
    page = Notification.objects.get().organization
    commit(page.save_revision().publish)
    assert Notification.objects.count() == 1


def test_a_new_campaign_and_event_reach_the_people_in_their_issue_areas(
    commit, home_page, admin_a, org_a, user_b
):
    housing = org_a.issue_areas.get()
    index = CampaignIndexPageFactory(parent=home_page)

    campaign = CampaignPageFactory(
        parent=index, title="Right to stay", issue_areas=[housing], live=False
    )
    commit(campaign.save_revision().publish)
    event = commit(EventFactory, title="Housing hearing", issue_areas=[housing])

    assert told("new_campaign") == ["admin_a"]
    assert told("new_event") == ["admin_a"]
    assert Notification.objects.get(kind="new_event").event == event


def test_a_flagged_post_tells_the_coordinators_not_the_flagger(commit, coordinator):
    from network.board import actions
    from tests.factories import RoomFactory, board_member, board_thread

    BoardPageFactory()
    alice = board_member()
    bob = board_member()
    thread = board_thread(RoomFactory(), author=alice)
    post = thread.posts.get()

    commit(actions.do_flag_post, bob, post, "spam")

    assert told("flagged_post") == ["coord"]


def test_a_reply_tells_the_threads_followers_but_not_its_author_or_muters(commit):
    from network.notifications.follows import set_follow
    from tests.factories import RoomFactory, board_member, board_post, board_thread

    BoardPageFactory()
    starter, poster, muter, follower, replier = (board_member() for _ in range(5))
    thread = board_thread(RoomFactory(), author=starter)
    commit(board_post, thread, poster, "Count me in.")
    commit(board_post, thread, muter, "Me too.")
    set_follow(muter, "thread", thread, "mute")
    set_follow(follower, "thread", thread, "follow")
    Notification.objects.all().delete()

    commit(board_post, thread, replier, "Here is the draft.")

    expected = sorted(person.username for person in (starter, poster, follower))
    assert told("reply") == expected


def test_replies_gather_into_one_unread_notification_a_thread(commit):
    from tests.factories import RoomFactory, board_member, board_post, board_thread

    BoardPageFactory()
    starter, replier = board_member(), board_member()
    thread = board_thread(RoomFactory(), author=starter)

    posts = [commit(board_post, thread, replier, f"Reply {n}.") for n in range(3)]

    gathered = Notification.objects.get(user=starter, kind="reply")
    assert gathered.post == posts[-1]
    gathered.read_at = gathered.created_at
    gathered.save()
    commit(board_post, thread, replier, "After reading.")
    assert Notification.objects.filter(user=starter, kind="reply").count() == 2
