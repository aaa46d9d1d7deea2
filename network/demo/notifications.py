"""What reaches the demo's people: most of their notifications come from the
demo's own actions (campaigns and events published in their issue areas,
applications, suggestions, board replies and mentions); this adds what a week
of use would — maria follows an issue area beyond her organization's and a
thread, mutes a room, saves a directory search that found a new member, and
the deadline reminders are run."""

from members.models import IssueArea, MemberOrganizationPage, Membership
from network.models import Room, Thread
from network.notifications.follows import set_follow
from network.notifications.models import Notification, NotificationKind, SavedSearch
from network.notifications.reminders import send_deadline_reminders
from network.notifications.sending import store_and_deliver


def build(member_users):
    maria = next((user for user in member_users if user.username == "maria"), None)
    if maria is None:
        return
    own = Membership.objects.filter(user=maria).values_list("organization", flat=True)
    own_areas = set(
        MemberOrganizationPage.objects.filter(pk__in=own).values_list(
            "issue_areas", flat=True
        )
    )
    other_area = IssueArea.objects.exclude(pk__in=own_areas).order_by("name").first()
    if other_area:
        set_follow(maria, "issue_area", other_area, "follow")
    thread = Thread.objects.exclude(author=maria).order_by("-last_activity_at").first()
    if thread:
        set_follow(maria, "thread", thread, "follow")
    quiet = Room.objects.filter(coordinators_only=False).order_by("-slug").first()
    if quiet:
        set_follow(maria, "room", quiet, "mute")
    search = SavedSearch.objects.create(
        user=maria,
        kind=SavedSearch.Kind.DIRECTORY,
        query="issue=immigration&state=US-TX",
        name="Immigration in Texas",
    )
    found = (
        MemberOrganizationPage.objects.filter(
            visibility="public", subdivision="US-TX", issue_areas__slug="immigration"
        )
        .exclude(pk__in=own)
        .first()
    )
    if found:
        store_and_deliver(
            NotificationKind.SAVED_SEARCH,
            [maria.pk],
            target_ids={"saved_search_id": search.pk, "organization_id": found.pk},
        )
    for organization_id in own[:1]:
        store_and_deliver(
            NotificationKind.PROFILE_STALE,
            [maria.pk],
            once_key=f"profile_stale:{organization_id}:never",
            target_ids={"organization_id": organization_id},
        )
    send_deadline_reminders()
    return Notification.objects.filter(user=maria).count()
