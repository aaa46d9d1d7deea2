"""The Viewer: who is asking, built once per request (and once per socket state
load) the same way, and the only thing the privacy verbs accept."""

import dataclasses

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse

from members.middleware import ViewerMiddleware
from members.viewer import ANONYMOUS, Viewer
from tests.conftest import pass_two_factor
from tests.factories import MembershipFactory, UserFactory, build_organization
from tests.members.viewer_kinds import NETWORK_MEMBER_KINDS, own_viewers, shared_viewers

pytestmark = pytest.mark.django_db


VERBS = (
    "organizations visible_to",
    "organizations nameable_to",
    "organization is_visible_to",
    "resources visible_to",
    "resources editable_by",
    "resources with_listing_data",
    "resource is_visible_to",
    "sees_members_only_resources",
    "document_visible_to",
    "visible_org_ids",
    "organizations_user_may_submit_for",
    "campaigns with_listing_data",
    "sign-ons named_to",
    "rooms readable_by",
    "threads readable_by",
    "threads with_listing_data",
    "posts readable_by",
    "posts with_display_data",
    "notifications readable_by",
    "may_use_board",
    "organization_named_to",
    "unnamed_organization_ids",
    "unread_counts",
    "attach_unread",
    "rooms_for_index",
    "live_threads",
    "issue_area_links",
    "unread_notifications_count",
    "profile_partners",
    "complementary_partners",
    "organizations_on_issue_areas",
    "issue_areas_by_category",
    "organizations_in_issue_area",
    "graph_states",
)


def _verbs(organization=None, document=None):
    """Every privacy verb, as a call taking who is asking."""
    from campaigns.library.contributions import (
        organizations_user_may_submit_for,
        visible_org_ids,
    )
    from campaigns.library.documents import document_visible_to
    from campaigns.library.models.queries import sees_members_only_resources
    from campaigns.models import CampaignPage, ResourcePage, SignOn
    from members.graph import graph_states
    from members.hubs import issue_areas_by_category, organizations_in_issue_area
    from members.models import Approach, IssueArea, MemberOrganizationPage
    from members.related import complementary_partners, profile_partners
    from members.related_rights import organizations_on_issue_areas
    from network.board import queries
    from network.board.events import unnamed_organization_ids
    from network.board.models.access import may_use_board, organization_named_to
    from network.models import Notification, Post, Room, Thread

    organizations = MemberOrganizationPage.objects
    return {
        "organizations visible_to": organizations.visible_to,
        "organizations nameable_to": organizations.nameable_to,
        "organization is_visible_to": MemberOrganizationPage().is_visible_to,
        "resources visible_to": ResourcePage.objects.visible_to,
        "resources editable_by": ResourcePage.objects.editable_by,
        "resources with_listing_data": ResourcePage.objects.with_listing_data,
        "resource is_visible_to": ResourcePage(
            live=True, visibility="public"
        ).is_visible_to,
        "sees_members_only_resources": sees_members_only_resources,
        "document_visible_to": lambda who: document_visible_to(document, who),
        "visible_org_ids": visible_org_ids,
        "organizations_user_may_submit_for": organizations_user_may_submit_for,
        "campaigns with_listing_data": CampaignPage.objects.with_listing_data,
        "sign-ons named_to": SignOn.objects.named_to,
        "rooms readable_by": Room.objects.readable_by,
        "threads readable_by": Thread.objects.readable_by,
        "threads with_listing_data": Thread.objects.with_listing_data,
        "posts readable_by": Post.objects.readable_by,
        "posts with_display_data": Post.objects.with_display_data,
        "notifications readable_by": Notification.objects.readable_by,
        "may_use_board": may_use_board,
        "organization_named_to": organization_named_to,
        "unnamed_organization_ids": unnamed_organization_ids,
        "unread_counts": queries.unread_counts,
        "attach_unread": lambda who: queries.attach_unread(who, []),
        "rooms_for_index": queries.rooms_for_index,
        "live_threads": queries.live_threads,
        "issue_area_links": lambda who: queries.issue_area_links(None, who),
        "unread_notifications_count": queries.unread_notifications_count,
        "profile_partners": lambda who: profile_partners(
            organization, who, [IssueArea(pk=1)], [Approach(pk=1)]
        ),
        "complementary_partners": lambda who: list(
            complementary_partners(organization, who, [1], [1])
        ),
        "organizations_on_issue_areas": lambda who: organizations_on_issue_areas(
            who, [1], [2]
        ),
        "issue_areas_by_category": issue_areas_by_category,
        "organizations_in_issue_area": lambda who: organizations_in_issue_area(
            who, None
        ),
        "graph_states": graph_states,
    }


@pytest.mark.parametrize("verb", VERBS)
@pytest.mark.parametrize("who", ["user", "anonymous user", "none"])
def test_every_privacy_verb_refuses_anything_but_a_viewer(verb, who):
    person = {"user": UserFactory.build(), "anonymous user": AnonymousUser()}.get(who)
    with pytest.raises(TypeError, match=r"request\.viewer.*Viewer\.for_user"):
        _verbs()[verb](person)


@pytest.mark.parametrize("verb", VERBS)
def test_every_privacy_verb_takes_the_anonymous_viewer(verb, org_a):
    from tests.factories import DocumentFactory

    call = _verbs(organization=org_a, document=DocumentFactory())[verb]
    call(ANONYMOUS)  # no TypeError: the same calls, with a Viewer


def test_the_list_of_verbs_is_the_list_tested():
    assert set(VERBS) == set(_verbs())


def test_anyone_not_signed_in_is_the_anonymous_viewer():
    assert Viewer.for_user(None) is ANONYMOUS
    assert Viewer.for_user(AnonymousUser()) is ANONYMOUS
    assert ANONYMOUS.is_anonymous and not ANONYMOUS.is_authenticated
    assert not ANONYMOUS.is_network_member and not ANONYMOUS.may_use_board
    assert ANONYMOUS.organization_ids == frozenset()


def test_a_viewer_is_an_immutable_value(org_a, admin_a):
    viewer = Viewer.for_user(admin_a)
    assert viewer == Viewer.for_user(type(admin_a).objects.get(pk=admin_a.pk))
    assert viewer.user_id == admin_a.pk and viewer.organization_ids == {org_a.pk}
    with pytest.raises(dataclasses.FrozenInstanceError):
        viewer.is_coordinator = True
    with pytest.raises(TypeError):
        Viewer.for_user(viewer)


def test_who_counts_as_a_network_member_for_every_kind_of_person(directory, settings):
    """Members-only profiles, contacts, resources and the board are for the same
    people: staff of an organization in good standing and confirmed coordinators;
    never a deactivated account, whatever its memberships."""
    viewers = shared_viewers(directory, settings)
    for status in ("active", "suspended"):
        organization = build_organization(
            directory, title=f"Own {status}", membership_status=status
        )
        for kind, viewer in own_viewers(organization).items():
            viewers[f"{kind} ({status})"] = viewer
    members = NETWORK_MEMBER_KINDS | {"own staff (active)"}
    for kind, viewer in viewers.items():
        member = kind in members
        assert viewer.is_network_member == member, kind
        assert viewer.may_use_board == member, kind
        assert viewer.sees_member_details == member, kind
        assert viewer.is_authenticated == (kind != "anonymous"), kind


def test_a_deactivated_account_acts_for_no_organization(org_a):
    person = UserFactory(is_active=False)
    MembershipFactory(user=person, organization=org_a)
    viewer = Viewer.for_user(person)
    assert viewer.organization_ids == {org_a.pk}  # the data, kept as it is
    assert not viewer.acts_for(org_a.pk)
    assert Viewer.for_user(MembershipFactory(organization=org_a).user).acts_for(
        org_a.pk
    )


def test_a_request_that_never_asks_who_is_asking_pays_nothing(
    rf, org_a, django_assert_num_queries
):
    person = MembershipFactory(organization=org_a).user
    request = rf.get("/")
    request.user = type(person).objects.get(pk=person.pk)  # nothing cached yet
    seen = {}

    def view(request):
        seen["viewer"] = request.viewer
        return HttpResponse()

    with django_assert_num_queries(0):
        ViewerMiddleware(view)(request)
    # Asked once: whether a coordinator, and the organizations (two queries).
    with django_assert_num_queries(2):
        assert seen["viewer"].organization_ids == {org_a.pk}
    with django_assert_num_queries(0):
        assert seen["viewer"].user_id == person.pk
        assert not seen["viewer"].is_coordinator


@pytest.mark.usefixtures("two_factor_required")
def test_the_requests_viewer_has_coordinator_powers_only_after_two_factor(
    client, coordinator
):
    client.force_login(coordinator)
    viewer = client.get("/healthz").wsgi_request.viewer
    assert viewer.awaiting_two_factor and not viewer.is_coordinator

    pass_two_factor(client, coordinator)
    viewer = client.get("/healthz").wsgi_request.viewer
    assert viewer.is_coordinator and not viewer.awaiting_two_factor


def test_the_viewer_middleware_runs_after_coordinator_powers_are_withheld(settings):
    order = settings.MIDDLEWARE
    assert order.index("members.middleware.ViewerMiddleware") > order.index(
        "members.middleware.CoordinatorPowersMiddleware"
    )


def test_unnamed_organizations_are_looked_up_once_per_viewer(
    directory, org_a, admin_a, django_assert_num_queries
):
    hidden = build_organization(directory, title="Nightjar", visibility="hidden")
    viewer = Viewer.for_user(admin_a)
    with django_assert_num_queries(1):
        unnamed = viewer.unnamed_organization_ids
    with django_assert_num_queries(0):
        assert viewer.unnamed_organization_ids is unnamed
    assert hidden.pk in unnamed and org_a.pk not in unnamed


def test_the_shared_anonymous_viewer_never_keeps_a_stale_answer(directory):
    """ANONYMOUS lives as long as the process: what it may see is asked afresh."""
    from members.models import MemberOrganizationPage

    organization = build_organization(directory, title="Open Door")
    assert organization.pk not in ANONYMOUS.unnamed_organization_ids
    assert organization.pk in ANONYMOUS.visible_organization_ids

    MemberOrganizationPage.objects.filter(pk=organization.pk).update(
        visibility="hidden"
    )

    assert organization.pk in ANONYMOUS.unnamed_organization_ids
    assert organization.pk not in ANONYMOUS.visible_organization_ids
