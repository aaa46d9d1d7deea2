"""The coordinators' review of resources members contribute, made once here
rather than on the first contribution (campaigns.library.contributions.review_workflow
looks it up), and assigned to the library if there is one already; a library
made later gets it when it is created (campaigns.library.contributions
.assign_review_workflow).

Its reviewers are the Coordinators group, who may already edit and publish
anywhere in the page tree (members migration 0005), so approving publishes. A
site that already made it at runtime keeps the one it has.
"""

from django.db import migrations

COORDINATORS_GROUP = "Coordinators"
WORKFLOW_NAME = "Resource review"
TASK_NAME = "Coordinator review of a contributed resource"


def create_review_workflow(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    ResourceIndexPage = apps.get_model("campaigns", "ResourceIndexPage")

    workflow, _ = Workflow.objects.get_or_create(
        name=WORKFLOW_NAME, defaults={"active": True}
    )
    if not WorkflowTask.objects.filter(workflow=workflow).exists():
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
    for library in ResourceIndexPage.objects.all():
        WorkflowPage.objects.get_or_create(
            page_id=library.pk, defaults={"workflow": workflow}
        )


class Migration(migrations.Migration):
    dependencies = [
        ("campaigns", "0004_pending_pledges"),
        ("members", "0009_member_profile_review_workflow"),
        ("wagtailcore", "0098_apitoken"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(create_review_workflow, migrations.RunPython.noop)
    ]
