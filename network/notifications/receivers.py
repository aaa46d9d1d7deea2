"""Who is told of what: one receiver per kind's cause, each choosing the people
and calling notify(), which tells them after the cause commits. Connected in
network.apps (members and campaigns announce; they never import the network).

Who is chosen is only half the rule: what each person may see is asked again
when their notification is read or sent (Notification.objects.readable_by).
"""

from django.db import transaction
from django.db.models import Q

from members.models import (
    COORDINATORS_GROUP,
    ApplicationStatus,
    MemberOrganizationPage,
    Membership,
    MembershipStatus,
    User,
    Visibility,
)
from network.notifications.models import Follow, Notification, NotificationKind
from network.notifications.sending import notify

Kind = NotificationKind
Outcome = Notification.Outcome


def coordinator_ids():
    return User.objects.filter(
        Q(groups__name=COORDINATORS_GROUP) | Q(is_superuser=True), is_active=True
    ).values_list("pk", flat=True)


def staff_ids(organization, *, admins_only=False):
    memberships = Membership.objects.filter(organization=organization)
    if admins_only:
        memberships = memberships.filter(role=Membership.Role.ADMIN)
    return memberships.values_list("user_id", flat=True)


def people_in_issue_areas(area_ids):
    """Who works on any of these issue areas: the staff of the organizations in
    good standing that list one, and whoever follows one; less whoever muted
    every one of them. Two queries."""
    area_ids = list(area_ids)
    if not area_ids:
        return set()
    staff = set(
        Membership.objects.filter(
            organization__issue_areas__in=area_ids,
            organization__membership_status=MembershipStatus.ACTIVE,
            organization__live=True,
        ).values_list("user_id", flat=True)
    )
    follows = Follow.objects.filter(issue_area__in=area_ids).values_list(
        "user_id", "muted"
    )
    followers = {user_id for user_id, muted in follows if not muted}
    muted = {user_id for user_id, muted in follows if muted} - followers
    return (staff | followers) - muted


def existing_people(email):
    """Active people who already use the site with this address (an account
    made just now for an applicant, with no password yet, is not one)."""
    return [
        person
        for person in User.objects.filter(email__iexact=email, is_active=True)
        if person.has_usable_password()
    ]


# --- members ------------------------------------------------------------------------


def on_application_submitted(sender, application, **kwargs):
    notify(Kind.NEW_APPLICATION, coordinator_ids(), application=application)


def on_application_decided(sender, application, **kwargs):
    outcome = {
        ApplicationStatus.APPROVED: Outcome.APPROVED,
        ApplicationStatus.DECLINED: Outcome.DECLINED,
    }.get(application.status)
    if outcome:
        notify(
            Kind.APPLICATION_DECIDED,
            existing_people(application.contact_email),
            application=application,
            outcome=outcome,
        )


def on_colleague_invited(sender, invitation, **kwargs):
    notify(
        Kind.INVITED,
        existing_people(invitation.email),
        organization=invitation.organization_id,
        exclude=invitation.invited_by_id,
    )


def on_issue_area_suggested(sender, suggestion, **kwargs):
    notify(
        Kind.ISSUE_AREA_SUGGESTED,
        coordinator_ids(),
        suggestion=suggestion,
        exclude=suggestion.suggested_by_id,
    )


def on_profile_decided(organization, outcome, by):
    notify(
        Kind.PROFILE_DECIDED,
        staff_ids(organization),
        organization=organization,
        outcome=outcome,
        exclude=by,
    )


def on_workflow_approved(sender, instance, user=None, **kwargs):
    organization = instance.content_object.specific
    if isinstance(organization, MemberOrganizationPage):
        on_profile_decided(organization, Outcome.APPROVED, user)


def on_workflow_rejected(sender, instance, user=None, **kwargs):
    organization = instance.content_object.specific
    if isinstance(organization, MemberOrganizationPage):
        on_profile_decided(organization, Outcome.SENT_BACK, user)


# --- pages and events ---------------------------------------------------------


def first_publication(page):
    return page.first_published_at and page.first_published_at == page.last_published_at


def on_page_published(sender, instance, **kwargs):
    """A new member organization (not a hidden one) or a new campaign, told to
    the people in its issue areas the first time it is published."""
    from campaigns.models import CampaignPage

    page = instance.specific
    if not first_publication(page):
        return
    if isinstance(page, MemberOrganizationPage):
        if page.visibility == Visibility.HIDDEN:
            return
        people = people_in_issue_areas(page.issue_areas.values_list("pk", flat=True))
        notify(Kind.NEW_MEMBER, people - set(staff_ids(page)), organization=page)
    elif (
        isinstance(page, CampaignPage)
        and page.live
        and not page.get_view_restrictions()
    ):
        people = people_in_issue_areas(page.issue_areas.values_list("pk", flat=True))
        notify(Kind.NEW_CAMPAIGN, people, page=page)


def on_page_published_for_saved_searches(sender, instance, **kwargs):
    """A member organization or resource published, first or again (it may
    just have become visible): the saved searches of its kind are matched
    against it after commit, each as its owner (saved_searches.match_new_page);
    each search and page is told once."""
    from network.notifications.saved_searches import match_after_commit

    match_after_commit(instance)


def on_event_saved(sender, instance, created, raw=False, **kwargs):
    """A new event or UN deadline, told to the people in its issue areas (its
    own, or its campaign's). Its issue areas are written after the event's own
    row (ClusterableModel), so they are read once the save commits."""
    if created and not raw:
        event_id = instance.pk
        transaction.on_commit(lambda: tell_new_event(event_id))


def tell_new_event(event_id):
    from campaigns.models import Event

    event = Event.objects.public().filter(pk=event_id).first()
    if event is None:
        return
    areas = set(event.issue_areas.values_list("pk", flat=True))
    if event.campaign_id:
        areas |= set(event.campaign.issue_areas.values_list("pk", flat=True))
    notify(Kind.NEW_EVENT, people_in_issue_areas(areas), event=event)


# --- campaigns ------------------------------------------------------------------


def on_signon_decided(sender, signon, **kwargs):
    from campaigns.models import SignOnStatus

    outcome = {
        SignOnStatus.APPROVED: Outcome.APPROVED,
        SignOnStatus.DECLINED: Outcome.DECLINED,
    }.get(signon.status)
    if not outcome:
        return
    people = set(staff_ids(signon.organization_id, admins_only=True))
    if signon.signed_by_id:
        people.add(signon.signed_by_id)
    notify(
        Kind.SIGNON_DECIDED,
        people,
        organization=signon.organization_id,
        page=signon.campaign_id,
        outcome=outcome,
        exclude=signon.decided_by_id,
    )
