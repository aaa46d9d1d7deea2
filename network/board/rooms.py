"""Rooms kept in step with the things they are about: one per issue area (created,
renamed and archived with the taxonomy), one per campaign (created when the
campaign is published), and the general rooms."""

from home.slugs import find_available_slug_in
from network.models import Room, RoomKind

# Slugs the board keeps for its own routes under /board/.
RESERVED_ROOM_SLUGS = {"posts", "notifications", "new", "search", "api"}

GENERAL_ROOMS = [
    # (slug, name, description, coordinators_only, position)
    (
        "welcome",
        "Welcome and introductions",
        "New to the network? Say who you are and what you are working on.",
        False,
        10,
    ),
    (
        "network-business",
        "Network business",
        "Meetings, governance, the annual assembly and how the network runs.",
        False,
        20,
    ),
    (
        "security-and-safety",
        "Security and safety for defenders",
        "Digital security, threats against staff, and how members keep each other "
        "safe.",
        False,
        30,
    ),
    (
        "coordinators",
        "Coordinators",
        "For network coordinators only: moderation, applications and planning.",
        True,
        40,
    ),
]


def free_slug(base):
    """A room's address under /board/: never one of the board's own routes, and
    numbered if another room has it. Rooms are not pages, so Wagtail's
    find_available_slug (which looks among a page's siblings) does not apply."""
    slug = base[:70] or "room"
    if slug in RESERVED_ROOM_SLUGS:
        slug = f"{slug}-room"
    return find_available_slug_in(Room.objects.all(), slug)


def ensure_general_rooms():
    for slug, name, description, coordinators_only, position in GENERAL_ROOMS:
        Room.objects.get_or_create(
            slug=slug,
            defaults={
                "kind": RoomKind.GENERAL,
                "name": name,
                "description": description,
                "coordinators_only": coordinators_only,
                "position": position,
            },
        )


def sync_issue_area_room(issue_area):
    """Create or rename the room of one issue area."""
    room = Room.objects.filter(issue_area=issue_area).first()
    if room is None:
        return Room.objects.create(
            kind=RoomKind.ISSUE_AREA,
            issue_area=issue_area,
            slug=free_slug(issue_area.slug),
            name=issue_area.name,
            description=issue_area.description,
        )
    if (room.name, room.description, room.archived) != (
        issue_area.name,
        issue_area.description,
        False,
    ):
        room.name = issue_area.name
        room.description = issue_area.description
        room.archived = False
        room.save(update_fields=["name", "description", "archived"])
    return room


def sync_issue_area_rooms():
    from members.models import IssueArea

    for issue_area in IssueArea.objects.all():
        sync_issue_area_room(issue_area)


def is_campaign_page(page):
    return page.specific_class is not None and (
        page.specific_class._meta.label == "campaigns.CampaignPage"
    )


def ensure_campaign_room(page):
    """The room of a published campaign (created once, renamed with it)."""
    room = Room.objects.filter(campaign=page).first()
    summary = getattr(page.specific, "summary", "") or ""
    if room is None:
        return Room.objects.create(
            kind=RoomKind.CAMPAIGN,
            campaign=page,
            slug=free_slug(f"campaign-{page.slug}"),
            name=page.title,
            description=str(summary)[:300],
        )
    if room.name != page.title or room.archived:
        room.name = page.title
        room.archived = False
        room.save(update_fields=["name", "archived"])
    return room


# --- signal receivers (connected in NetworkConfig.ready) ------------------------


def on_issue_area_saved(sender, instance, raw=False, **kwargs):
    if raw:  # loading fixtures: the rooms come from the same data
        return
    sync_issue_area_room(instance)


def on_issue_area_deleted(sender, instance, **kwargs):
    # The FK is SET_NULL; the room stays, archived, with its history.
    Room.objects.filter(issue_area_id=instance.pk).update(archived=True)


def on_page_published(sender, instance, **kwargs):
    if is_campaign_page(instance):
        ensure_campaign_room(instance)


def on_page_unpublished(sender, instance, **kwargs):
    if is_campaign_page(instance):
        Room.objects.filter(campaign_id=instance.pk).update(archived=True)
