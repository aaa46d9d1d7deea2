from django.db import migrations

# Frozen copy of network.board.rooms.GENERAL_ROOMS at the time of this migration.
GENERAL_ROOMS = [
    ("welcome", "Welcome and introductions",
     "New to the network? Say who you are and what you are working on.", False, 10),
    ("network-business", "Network business",
     "Meetings, governance, the annual assembly and how the network runs.", False, 20),
    ("security-and-safety", "Security and safety for defenders",
     "Digital security, threats against staff, and how members keep each other safe.",
     False, 30),
    ("coordinators", "Coordinators",
     "For network coordinators only: moderation, applications and planning.", True, 40),
]
RESERVED = {"posts", "notifications", "new", "search", "api"}


def create_rooms(apps, schema_editor):
    Room = apps.get_model("network", "Room")
    IssueArea = apps.get_model("members", "IssueArea")
    for slug, name, description, coordinators_only, position in GENERAL_ROOMS:
        Room.objects.get_or_create(
            slug=slug,
            defaults={
                "kind": "general",
                "name": name,
                "description": description,
                "coordinators_only": coordinators_only,
                "position": position,
            },
        )
    for area in IssueArea.objects.all():
        if Room.objects.filter(issue_area=area).exists():
            continue
        slug = area.slug[:70]
        if slug in RESERVED or Room.objects.filter(slug=slug).exists():
            slug = f"{slug}-room"
        Room.objects.create(
            kind="issue_area",
            issue_area=area,
            slug=slug,
            name=area.name,
            description=area.description,
        )


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0003_seed_vocabulary"),
        ("network", "0002_board_rooms_threads_posts"),
    ]

    operations = [migrations.RunPython(create_rooms, migrations.RunPython.noop)]
