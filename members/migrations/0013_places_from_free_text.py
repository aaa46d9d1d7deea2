"""States and regions typed as free text become ISO 3166-2 subdivisions.

Each organization's and application's `region` ("CA", "California", "CDMX",
"Geneva") is matched among the subdivisions of its own country, ignoring accents
and case (members.geography.match_subdivision). What matches moves to
`subdivision`; what does not stays in `region`, as typed, and is printed here and
listed by `manage.py places_report`, for the organization's staff (their profile
form shows it) and the coordinators to choose from the list. Nothing typed is lost.

Organizations are pages: their revisions are updated too, since the profile form
and the admin edit the latest revision, and an older one may be restored. Search
learns the new places on the next `manage.py update_index`.
"""

import sys

from django.db import migrations


def _mapped(text, country, subdivision=""):
    from members.geography import place_from_text

    return place_from_text(text, country, subdivision)


def _report(kind, rows):
    if not rows:
        return
    sys.stdout.write(
        f"\n  {len(rows)} {kind} kept a state or region that matched no "
        "subdivision of its country (manage.py places_report lists them):\n"
    )
    for label, country, text in rows:
        sys.stdout.write(f"    {label} ({country}): {text!r}\n")


def forwards(apps, schema_editor):
    Organization = apps.get_model("members", "MemberOrganizationPage")
    Application = apps.get_model("members", "MembershipApplication")
    Revision = apps.get_model("wagtailcore", "Revision")

    for model, label, kind in (
        (Organization, "title", "organizations"),
        (Application, "organization_name", "applications"),
    ):
        unmapped = []
        changed = []
        rows = model.objects.filter(subdivision="").exclude(region="")
        for row in rows.only("pk", label, "region", "country", "subdivision"):
            code, region = _mapped(row.region, row.country)
            if code:
                row.subdivision, row.region = code, region
                changed.append(row)
            else:
                unmapped.append((getattr(row, label), row.country, row.region))
        model.objects.bulk_update(changed, ["subdivision", "region"], batch_size=500)
        _report(kind, unmapped)

    revisions = Revision.objects.filter(
        content_type__app_label="members",
        content_type__model="memberorganizationpage",
    )
    changed = []
    for revision in revisions.iterator():
        content = revision.content or {}
        code, region = _mapped(
            content.get("region"), content.get("country"), content.get("subdivision")
        )
        if code and code != content.get("subdivision"):
            content.update(subdivision=code, region=region)
            revision.content = content
            changed.append(revision)
    Revision.objects.bulk_update(changed, ["content"], batch_size=500)


def backwards(apps, schema_editor):
    """The subdivision's English name back into the free text."""
    from members.geography import subdivision_name

    for name in ("MemberOrganizationPage", "MembershipApplication"):
        model = apps.get_model("members", name)
        rows = list(model.objects.exclude(subdivision="").filter(region=""))
        for row in rows:
            row.region = subdivision_name(row.subdivision, "en")
        model.objects.bulk_update(rows, ["region"], batch_size=500)
    Revision = apps.get_model("wagtailcore", "Revision")
    revisions = Revision.objects.filter(
        content_type__app_label="members",
        content_type__model="memberorganizationpage",
    )
    changed = []
    for revision in revisions.iterator():
        content = revision.content or {}
        if content.get("subdivision") and not content.get("region"):
            content["region"] = subdivision_name(content["subdivision"], "en")
            revision.content = content
            changed.append(revision)
    Revision.objects.bulk_update(changed, ["content"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0012_structured_places"),
        ("wagtailcore", "0094_alter_page_locale"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
