"""Board posts, revisions, room events, flags, bans, read markers, notifications,
memberships and invitations are kept out of Wagtail's reference index from now
on (`wagtail_reference_index_ignore`); the rows recorded for them before are
removed, since nothing would ever update or delete them again."""

from django.db import migrations

LEFT_OUT = {
    "network": ["post", "postrevision", "roomevent", "flag", "boardban", "readstate",
                "notification"],
    "members": ["membership", "invitation"],
}


def remove_rows(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ReferenceIndex = apps.get_model("wagtailcore", "ReferenceIndex")
    for app_label, models in LEFT_OUT.items():
        content_types = ContentType.objects.filter(app_label=app_label, model__in=models)
        ReferenceIndex.objects.filter(content_type__in=content_types).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("network", "0003_rooms_for_issue_areas_and_general_rooms"),
        ("members", "0016_member_import"),
        ("wagtailcore", "0096_referenceindex_referenceindex_source_object_and_more"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(remove_rows, migrations.RunPython.noop)]
