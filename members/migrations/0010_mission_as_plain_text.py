"""An organization's mission is stored as the plain text members type (it was rich
text); the page shows its paragraphs with `linebreaks`. Existing missions, live and
in every revision, become their text with a blank line between paragraphs.

The conversion is written here, not imported: a migration must keep working
whatever later happens to the app's code."""

import html
import re

from django.db import migrations, models
from django.utils.html import escape, strip_tags


BATCH = 500
# Where a paragraph of the rich text editor's HTML ends (paragraphs, list items,
# headings), and where a line ends inside one.
BLOCK_END = re.compile(r"</(?:p|li|h[1-6]|blockquote)>", re.IGNORECASE)
LINE_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
BLANK_LINE = re.compile(r"\n\s*\n")


def html_to_text(source):
    """The text of stored rich text: a blank line between paragraphs, a line break
    where the editor had one, and each line's spaces collapsed as a browser shows
    them. `linebreaks` turns it back into the same paragraphs."""
    paragraphs = []
    for block in BLOCK_END.split(source or ""):
        lines = (
            " ".join(html.unescape(strip_tags(line)).split())
            for line in LINE_BREAK.split(block)
        )
        paragraph = "\n".join(line for line in lines if line)
        if paragraph:
            paragraphs.append(paragraph)
    return "\n\n".join(paragraphs)


def text_to_html(text):
    """Back to rich text (to undo the migration): a <p> per paragraph."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    paragraphs = []
    for part in BLANK_LINE.split(text):
        lines = [escape(" ".join(line.split())) for line in part.split("\n")]
        paragraph = "<br/>".join(line for line in lines if line)
        if paragraph:
            paragraphs.append(f"<p>{paragraph}</p>")
    return "".join(paragraphs)


def update_in_batches(queryset, field, change):
    """Call `change` on each row of `queryset` (it returns whether it changed the
    row) and save `field` of the changed ones, a batch at a time. The ids are read
    first: SQLite gives no isolation between a read in progress and writes."""
    model = queryset.model
    ids = list(queryset.values_list("pk", flat=True))
    for start in range(0, len(ids), BATCH):
        rows = model.objects.filter(pk__in=ids[start : start + BATCH]).only(field)
        model.objects.bulk_update([row for row in rows if change(row)], [field])


def convert_missions(apps, convert):
    """Apply `convert` to the mission of every organization page and of every
    revision of one (a draft waiting for review must not come back as HTML)."""
    Page = apps.get_model("members", "MemberOrganizationPage")
    Revision = apps.get_model("wagtailcore", "Revision")
    ContentType = apps.get_model("contenttypes", "ContentType")

    def change_page(page):
        page.mission = convert(page.mission)
        return True

    def change_revision(revision):
        if not revision.content.get("mission"):
            return False
        revision.content["mission"] = convert(revision.content["mission"])
        return True

    update_in_batches(Page.objects.exclude(mission=""), "mission", change_page)
    content_type = ContentType.objects.filter(
        app_label="members", model="memberorganizationpage"
    ).first()
    if content_type is not None:
        update_in_batches(
            Revision.objects.filter(content_type=content_type),
            "content",
            change_revision,
        )


def missions_to_text(apps, schema_editor):
    convert_missions(apps, html_to_text)


def missions_to_html(apps, schema_editor):
    convert_missions(apps, text_to_html)



class Migration(migrations.Migration):

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('members', '0009_member_profile_review_workflow'),
        ('wagtailcore', '0098_apitoken'),
    ]

    operations = [
        migrations.AlterField(
            model_name='memberorganizationpage',
            name='mission',
            field=models.TextField(blank=True, help_text='Plain text; leave an empty line between paragraphs.', max_length=6000, verbose_name='mission and work'),
        ),
        migrations.RunPython(missions_to_text, missions_to_html),
    ]
