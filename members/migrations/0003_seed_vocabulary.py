from django.db import migrations


def load_vocabulary(apps, schema_editor):
    from members.vocabulary import APPROACHES, ISSUE_AREAS, POPULATIONS

    IssueArea = apps.get_model("members", "IssueArea")
    Approach = apps.get_model("members", "Approach")
    Population = apps.get_model("members", "Population")
    for slug, name, category, description in ISSUE_AREAS:
        IssueArea.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "rights_category": str(category),
                "description": description,
            },
        )
    for model, rows in ((Approach, APPROACHES), (Population, POPULATIONS)):
        for slug, name in rows:
            model.objects.get_or_create(slug=slug, defaults={"name": name})


class Migration(migrations.Migration):
    dependencies = [("members", "0002_taxonomy_and_organizations")]

    operations = [migrations.RunPython(load_vocabulary, migrations.RunPython.noop)]
