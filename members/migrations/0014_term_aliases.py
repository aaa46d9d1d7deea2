"""Every vocabulary term gets aliases, the other names people use for it; the
starting vocabulary's terms get theirs (members.vocabulary), unless a coordinator
has written some already. What is already indexed learns them on the next
`manage.py update_index`."""

from django.db import migrations, models

HELP_TEXT = (
    "Other names people use for this term, one per line (for example \u201cLGBTQ\u201d "
    "for \u201cLGBTIQ+ rights\u201d). Searches find what is tagged with the term by any "
    "of them, and a member who suggests one is pointed to this term."
)


def add_starting_aliases(apps, schema_editor):
    from members.vocabulary import (
        APPROACH_ALIASES,
        ISSUE_AREA_ALIASES,
        POPULATION_ALIASES,
    )

    for model_name, aliases in (
        ("IssueArea", ISSUE_AREA_ALIASES),
        ("Approach", APPROACH_ALIASES),
        ("Population", POPULATION_ALIASES),
    ):
        model = apps.get_model("members", model_name)
        for slug, names in aliases.items():
            model.objects.filter(slug=slug, aliases="").update(aliases="\n".join(names))


class Migration(migrations.Migration):
    dependencies = [("members", "0013_places_from_free_text")]

    operations = [
        migrations.AddField(
            model_name=model_name,
            name="aliases",
            field=models.TextField(blank=True, help_text=HELP_TEXT),
        )
        for model_name in ("issuearea", "approach", "population")
    ] + [migrations.RunPython(add_starting_aliases, migrations.RunPython.noop)]
