"""Issue areas can be linked as related by coordinators (both ways); the starting
vocabulary's related pairs are linked (members.vocabulary.RELATED_ISSUE_AREAS),
where both areas are still there."""

from django.db import migrations, models


def link_starting_pairs(apps, schema_editor):
    from members.vocabulary import RELATED_ISSUE_AREAS

    IssueArea = apps.get_model("members", "IssueArea")
    areas = {area.slug: area for area in IssueArea.objects.all()}
    for first, second in RELATED_ISSUE_AREAS:
        if first in areas and second in areas:
            # Both rows: a historical model does not know the field is symmetrical.
            areas[first].related_areas.add(areas[second])
            areas[second].related_areas.add(areas[first])


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0014_term_aliases"),
    ]

    operations = [
        migrations.AddField(
            model_name="issuearea",
            name="related_areas",
            field=models.ManyToManyField(
                blank=True,
                help_text=(
                    "Issue areas the network works on together with this one. "
                    "Linking one here links both ways; hubs and board threads show "
                    "them as related."
                ),
                to="members.issuearea",
                verbose_name="related issue areas",
            ),
        ),
        migrations.RunPython(link_starting_pairs, migrations.RunPython.noop),
    ]
