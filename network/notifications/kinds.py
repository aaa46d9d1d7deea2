"""What each kind of notification says and where it leads, and how it reaches
a person unless they chose otherwise.

The defaults: what is about the person themselves (a mention, a decision, an
invitation, a reminder that a deadline is near) comes by email at once; what is
about the network (new campaigns, events, members, replies, saved-search
matches) waits for the weekly digest; a flagged post reaches the coordinators
by email, since someone waits on it (a new application already has its own
email to them, members.emails).
"""

from django.urls import reverse
from django.utils.translation import gettext as _

from network.notifications.models import COORDINATOR_KINDS, Delivery, NotificationKind

Kind = NotificationKind

DEFAULT_DELIVERY = {
    Kind.MENTION: Delivery.EMAIL,
    Kind.REPLY: Delivery.DIGEST,
    Kind.APPLICATION_DECIDED: Delivery.EMAIL,
    Kind.PROFILE_DECIDED: Delivery.EMAIL,
    Kind.SIGNON_DECIDED: Delivery.EMAIL,
    Kind.INVITED: Delivery.EMAIL,
    Kind.NEW_CAMPAIGN: Delivery.DIGEST,
    Kind.NEW_EVENT: Delivery.DIGEST,
    Kind.NEW_MEMBER: Delivery.DIGEST,
    Kind.DEADLINE_SOON: Delivery.EMAIL,
    Kind.SAVED_SEARCH: Delivery.DIGEST,
    Kind.FOLLOWED: Delivery.DIGEST,
    Kind.PROFILE_STALE: Delivery.EMAIL,
    # members.emails already writes each coordinator of a new application.
    Kind.NEW_APPLICATION: Delivery.IN_APP,
    Kind.FLAGGED_POST: Delivery.EMAIL,
    Kind.ISSUE_AREA_SUGGESTED: Delivery.DIGEST,
}


# What describe() reads of a notification, fetched with it.
DESCRIBED_RELATIONS = (
    "post__thread",
    "organization",
    "page",
    "event__campaign",
    "application",
    "suggestion",
    "saved_search",
)


def kinds_for(viewer):
    """The kinds this person may hear of, in the settings page's order."""
    return [
        kind for kind in Kind if viewer.is_coordinator or kind not in COORDINATOR_KINDS
    ]


def _thread(notification):
    return notification.post.thread.title


def describe(notification, calendar_url="/calendar/"):
    """(sentence, address) of a notification already read through readable_by:
    every name in it is one the person may see. `calendar_url` is the calendar
    page's address (calendar_address()), asked once for a whole list."""
    n = notification
    kind = n.kind
    outcome = n.get_outcome_display()
    if kind == Kind.MENTION:
        if n.organization_id:
            text = _("%(org)s was mentioned in “%(thread)s”") % {
                "org": n.organization.title,
                "thread": _thread(n),
            }
        else:
            text = _("You were mentioned in “%(thread)s”") % {"thread": _thread(n)}
        return text, n.post.get_absolute_url()
    if kind == Kind.REPLY:
        return (
            _("New replies in “%(thread)s”") % {"thread": _thread(n)},
            n.post.get_absolute_url(),
        )
    if kind == Kind.FLAGGED_POST:
        return (
            _("A post in “%(thread)s” was flagged for review") % {"thread": _thread(n)},
            n.post.get_absolute_url(),
        )
    if kind == Kind.APPLICATION_DECIDED:
        return (
            _("The application of %(name)s was %(outcome)s")
            % {"name": n.application.organization_name, "outcome": outcome},
            reverse("account"),
        )
    if kind == Kind.NEW_APPLICATION:
        return (
            _("%(name)s applied to join the network")
            % {"name": n.application.organization_name},
            reverse("membership_applications:edit", args=[n.application_id]),
        )
    if kind == Kind.PROFILE_DECIDED:
        return (
            _("The change to %(org)s's profile was %(outcome)s")
            % {"org": n.organization.title, "outcome": outcome},
            reverse("account_profile_edit", args=[n.organization_id]),
        )
    if kind == Kind.SIGNON_DECIDED:
        return (
            _("The sign-on of %(org)s to “%(campaign)s” was %(outcome)s")
            % {
                "org": n.organization.title,
                "campaign": n.page.title,
                "outcome": outcome,
            },
            n.page.url,
        )
    if kind == Kind.INVITED:
        return (
            _("You were invited to join %(org)s") % {"org": n.organization.title},
            reverse("account"),
        )
    if kind == Kind.NEW_CAMPAIGN:
        return _("A new campaign: %(title)s") % {"title": n.page.title}, n.page.url
    if kind in (Kind.NEW_EVENT, Kind.DEADLINE_SOON):
        event = n.event
        when = event.date.isoformat()
        template = (
            _("Coming up on %(date)s: %(title)s")
            if kind == Kind.DEADLINE_SOON
            else _("New on the calendar for %(date)s: %(title)s")
        )
        address = (
            event.campaign.url
            if event.campaign_id
            else f"{calendar_url}#event-{event.pk}"
        )
        return template % {"date": when, "title": event.title}, address
    if kind == Kind.NEW_MEMBER:
        return (
            _("%(org)s joined the network") % {"org": n.organization.title},
            n.organization.url,
        )
    if kind == Kind.SAVED_SEARCH:
        found = n.organization.title if n.organization_id else n.page.title
        address = n.organization.url if n.organization_id else n.page.url
        return (
            _("New for your search “%(search)s”: %(found)s")
            % {"search": n.saved_search.name, "found": found},
            address,
        )
    if kind == Kind.PROFILE_STALE:
        return (
            _("Is %(org)s's profile still right? Confirm it or update it")
            % {"org": n.organization.title},
            reverse("account_organization", args=[n.organization_id]),
        )
    if kind == Kind.ISSUE_AREA_SUGGESTED:
        return (
            _("A new issue area was suggested: %(name)s") % {"name": n.suggestion.name},
            reverse("issue_area_suggestions:edit", args=[n.suggestion_id]),
        )
    if kind == Kind.FOLLOWED:
        if n.page_id:
            return _("News from %(title)s") % {"title": n.page.title}, n.page.url
        return _("News from %(org)s") % {"org": n.organization.title}, (
            n.organization.url
        )
    raise ValueError(f"Unknown notification kind {kind!r}")


def calendar_address():
    from campaigns.models import CalendarPage

    calendar = CalendarPage.objects.live().first()
    return calendar.url if calendar else "/"


def described(notifications, calendar_url=None):
    """The notifications (read through readable_by, with DESCRIBED_RELATIONS
    selected), each given `sentence` and `address`."""
    calendar_url = calendar_url or calendar_address()
    for notification in notifications:
        notification.sentence, notification.address = describe(
            notification, calendar_url
        )
    return notifications
