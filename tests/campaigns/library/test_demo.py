import pytest
from django.core.management import call_command

from campaigns.models import NewsPage, ResourceKind, ResourcePage, UNMechanism

pytestmark = pytest.mark.django_db


def test_demo_library_spans_kinds_areas_and_organizations_with_a_upr_submission(
    client,
):
    call_command("seed_network", "--orgs", "30", verbosity=0)

    live = ResourcePage.objects.live()
    upr = ResourcePage.objects.get(un_mechanism=UNMechanism.UPR)

    assert 38 <= live.count() <= 45
    assert set(live.values_list("kind", flat=True)) == set(ResourceKind.values)
    assert live.filter(visibility="members").exists()
    assert live.filter(issue_area_items__isnull=False).distinct().count() == (
        live.count()
    )
    assert (
        live.values("contributors__organization").distinct().count() >= 15
    )  # many organizations
    assert all(page.document_items.exists() for page in live)
    assert upr.un_mechanism == "upr" and upr.reviewed_state == "US"
    assert upr.slug == "us-upr-joint-submission"  # an address people can read
    assert upr.cosigners.count() >= 20
    assert NewsPage.objects.live().count() == 10
    in_review = ResourcePage.objects.filter(live=False).get()
    assert in_review.current_workflow_state is not None
    for path in ("/resources/", upr.url, "/news/", "/news/feed/", "/"):
        assert client.get(path).status_code == 200, path
    pdf = upr.document_items.get().document
    body = b"".join(client.get(pdf.url).streaming_content)
    assert body.startswith(b"%PDF-1.4") and body.rstrip().endswith(b"%%EOF")


def test_demo_upr_submission_answers_the_calendar_deadline_of_its_campaign():
    call_command("seed_network", "--orgs", "20", verbosity=0)

    upr = ResourcePage.objects.get(un_mechanism=UNMechanism.UPR)

    assert upr.answers_deadline.kind == "submission-deadline"
    assert upr.answers_deadline.title.startswith("UPR of the United States")
    assert upr.related_campaign == upr.answers_deadline.campaign
    assert ResourcePage.objects.filter(related_campaign__isnull=False).count() > 3
