"""An organization's mission is the plain text its members type, shown in
paragraphs. Missions stored as rich text before became their text, live and in
every revision, by migration 0010."""

import importlib

import pytest
from django.apps import apps

from members.models import MemberOrganizationPage
from tests.factories import build_organization
from tests.members.profile_forms import profile_data

pytestmark = pytest.mark.django_db

migration = importlib.import_module("members.migrations.0010_mission_as_plain_text")


@pytest.mark.parametrize(
    ("stored", "text"),
    [
        ("<p>One paragraph.</p>", "One paragraph."),
        ("<p>First.</p><p>Second.</p>", "First.\n\nSecond."),
        (
            '<p>We <b>train</b> &amp; <a href="https://x.example">refer</a>.</p>',
            "We train & refer.",
        ),
        ("<p>Line one<br/>line two</p>", "Line one\nline two"),
        ("<ul><li>Housing</li><li>Labor</li></ul>", "Housing\n\nLabor"),
        ("<p>Spread\n   over   lines</p><p></p>", "Spread over lines"),
        ("<p>Quotes &quot;kept&quot; &lt;as typed&gt;</p>", 'Quotes "kept" <as typed>'),
        ("", ""),
    ],
)
def test_stored_rich_text_becomes_its_paragraphs_as_text(stored, text):
    assert migration.html_to_text(stored) == text


@pytest.mark.parametrize(
    "stored",
    [
        "<p>One paragraph.</p>",
        "<p>First.</p><p>Second &amp; last.</p>",
        "<p>Line one<br/>line two</p>",
    ],
)
def test_the_migration_can_be_undone(stored):
    assert migration.text_to_html(migration.html_to_text(stored)) == stored


def test_the_migration_converts_live_missions_and_every_revision(directory):
    organization = build_organization(directory, title="Rivers Rights Project")
    draft = organization.get_latest_revision_as_object()
    draft.mission = "<p>Our draft.</p><p>Waiting for review.</p>"
    draft.save_revision()
    MemberOrganizationPage.objects.filter(pk=organization.pk).update(
        mission="<p>We <b>test</b> the water.</p><p>We tell the council.</p>"
    )
    untouched = build_organization(directory, title="No Mission Yet", mission="")

    migration.missions_to_text(apps, None)

    organization.refresh_from_db()
    assert organization.mission == "We test the water.\n\nWe tell the council."
    revision = organization.get_latest_revision()
    assert revision.content["mission"] == "Our draft.\n\nWaiting for review."
    untouched.refresh_from_db()
    assert untouched.mission == ""


def test_a_mission_shows_in_paragraphs_where_it_is_read(client, directory):
    organization = build_organization(
        directory,
        title="Paragraph People",
        mission="We organize.\r\n\r\nWe win <often> & celebrate.\nTogether.",
    )

    html = client.get(organization.url).content.decode()

    assert "<p>We organize.</p>" in html
    assert "<p>We win &lt;often&gt; &amp; celebrate.<br>Together.</p>" in html


@pytest.mark.usefixtures("two_factor_required")
def test_a_mission_typed_in_the_profile_form_is_stored_as_typed(
    client, editor_a, org_a, network_settings
):
    network_settings.member_edits_need_review = False
    network_settings.save()
    typed = "We organize tenants.\r\n\r\nWe win & celebrate."
    client.force_login(editor_a)
    url = f"/account/organizations/{org_a.pk}/profile/"

    response = client.post(url, profile_data(org_a, mission=typed))

    assert response.status_code == 302
    org_a.refresh_from_db()
    assert org_a.mission == typed
    form = client.get(url).content.decode()
    assert "We win &amp; celebrate.</textarea>" in form  # text, not HTML
    profile = client.get(org_a.url).content.decode()
    assert "<p>We organize tenants.</p>" in profile
    assert "<p>We win &amp; celebrate.</p>" in profile
    revision = org_a.get_latest_revision()
    preview = client.get(
        f"/account/organizations/{org_a.pk}/revisions/{revision.pk}/preview/"
    ).content.decode()
    assert "<p>We organize tenants.</p>" in preview
