"""Give the Coordinators group exactly the Wagtail permissions network staff need.

Coordinators: reach the admin; add, edit, publish, lock and unlock pages anywhere
in the tree (profiles, campaigns, news, events) but not delete them; upload and
choose images and documents; curate the issue-area vocabulary; review membership
applications; change the network's settings (which include whether member edits
need review). They cannot manage users, groups, sites or workflows, and cannot
delete pages or applications: those stay with site administrators (superusers).
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

COORDINATORS_GROUP = "Coordinators"

MODEL_PERMISSIONS = [
    ("wagtailadmin", "admin", "access_admin"),
    ("members", "issuearea", "add_issuearea"),
    ("members", "issuearea", "change_issuearea"),
    ("members", "issuearea", "view_issuearea"),
    ("members", "membershipapplication", "change_membershipapplication"),
    ("members", "membershipapplication", "view_membershipapplication"),
    ("home", "networksettings", "change_networksettings"),
]
PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
COLLECTION_PERMISSIONS = [
    ("wagtailimages", "image", ["add_image", "change_image", "choose_image"]),
    (
        "wagtaildocs",
        "document",
        ["add_document", "change_document", "choose_document"],
    ),
]


def _permission(apps, app_label, model, codename):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename=codename,
        defaults={"name": codename.replace("_", " ").capitalize()},
    )
    return permission


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations; make sure they exist.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model(
        "wagtailcore", "GroupCollectionPermission"
    )

    group, _ = Group.objects.get_or_create(name=COORDINATORS_GROUP)
    group.permissions.add(
        *[
            _permission(apps, app_label, model, codename)
            for app_label, model, codename in MODEL_PERMISSIONS
        ]
    )
    root_page = Page.objects.filter(depth=1).order_by("path").first()
    if root_page is not None:
        for codename in PAGE_PERMISSIONS:
            GroupPagePermission.objects.get_or_create(
                group=group,
                page=root_page,
                permission=_permission(apps, "wagtailcore", "page", codename),
            )
    root_collection = Collection.objects.filter(depth=1).order_by("path").first()
    if root_collection is not None:
        for app_label, model, codenames in COLLECTION_PERMISSIONS:
            for codename in codenames:
                GroupCollectionPermission.objects.get_or_create(
                    group=group,
                    collection=root_collection,
                    permission=_permission(apps, app_label, model, codename),
                )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    group = Group.objects.filter(name=COORDINATORS_GROUP).first()
    if group is not None:
        group.permissions.clear()
        group.page_permissions.all().delete()
        group.collection_permissions.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0004_membership_applications_and_invitations"),
        ("home", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
