"""Retire the staff set-up Wagtail makes for a generic site.

Wagtail's first migrations create 'Editors' and 'Moderators' groups, both able to
reach the admin and edit every page, and a 'Moderators approval' workflow on the
root page whose only reviewers are the Moderators. In this network staff are the
Coordinators group and site administrators (superusers). Anyone later put in one
of the old groups would open hidden organizations' pages in the admin without
being network staff, and a page sent to the old workflow would wait for reviewers
nobody appoints. So the workflow leaves the root page (coordinators publish
directly; member edits and contributed resources have their own coordinator
review) and the groups are deleted when nobody is in them.
"""

from django.db import migrations

DEFAULT_GROUPS = ["Editors", "Moderators"]
DEFAULT_WORKFLOW = "Moderators approval"


def retire(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")

    for workflow in Workflow.objects.filter(name=DEFAULT_WORKFLOW):
        WorkflowPage.objects.filter(workflow=workflow).delete()
        workflow.active = False
        workflow.save(update_fields=["active"])
    Group.objects.filter(name__in=DEFAULT_GROUPS, user__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0005_coordinator_permissions"),
    ]

    operations = [migrations.RunPython(retire, migrations.RunPython.noop)]
