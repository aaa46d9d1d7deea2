"""The coordinators' review of member profile edits, made once here rather than
on the first edit that needs it (members.actions.profiles.review_workflow looks it
up).

One step, a group approval by the Coordinators group. It is not assigned to any
page: members' edits are sent to it by
members.actions.profiles.do_save_profile_edit when the network's setting asks for
review; coordinators editing in the admin publish directly. A site that already
made it at runtime keeps the one it has.
"""

from django.db import migrations

COORDINATORS_GROUP = "Coordinators"
WORKFLOW_NAME = "Member profile review"
TASK_NAME = "Coordinator review"


def create_review_workflow(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    workflow, _ = Workflow.objects.get_or_create(
        name=WORKFLOW_NAME, defaults={"active": True}
    )
    if WorkflowTask.objects.filter(workflow=workflow).exists():
        return
    coordinators, _ = Group.objects.get_or_create(name=COORDINATORS_GROUP)
    # Task is polymorphic: historical models do not set its content type.
    task_type, _ = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    task = GroupApprovalTask.objects.create(
        name=TASK_NAME, content_type=task_type, active=True
    )
    task.groups.set([coordinators])
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0008_coordinators_decide_suggestions"),
        ("wagtailcore", "0098_apitoken"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(create_review_workflow, migrations.RunPython.noop)
    ]
