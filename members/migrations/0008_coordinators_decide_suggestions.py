"""Coordinators see and decide issue areas members suggest (never add or delete
them: suggestions come only from members' forms)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

COORDINATORS_GROUP = "Coordinators"
CODENAMES = ["view_issueareasuggestion", "change_issueareasuggestion"]


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations; make sure they exist.
    members = apps.get_app_config("members")
    members.models_module = True
    create_permissions(members, apps=apps, verbosity=0)
    members.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=COORDINATORS_GROUP)
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="members", codename__in=CODENAMES
        )
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=COORDINATORS_GROUP).first()
    if group is not None:
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="members", codename__in=CODENAMES
            )
        )


class Migration(migrations.Migration):
    dependencies = [("members", "0007_issue_area_suggestions")]

    operations = [migrations.RunPython(grant, revoke)]
