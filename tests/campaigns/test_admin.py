import pytest
from wagtail.models import ModelLogEntry, PageLogEntry

from campaigns.models import SignOnStatus
from tests.factories import PledgeFactory, SignOnFactory, UserFactory

pytestmark = pytest.mark.django_db


def streamed(response):
    return b"".join(response.streaming_content).decode()


def test_a_coordinator_exports_pledges_as_csv_and_the_audit_log_records_it(
    client, campaign, coordinator
):
    PledgeFactory(campaign=campaign, name="Rosa Alvarez", email="rosa@example.org")
    PledgeFactory(campaign=campaign, name="Ben Kim", email="ben@example.org")
    client.force_login(coordinator)

    response = client.get(
        "/admin/campaigns/pledges/", {"export": "csv", "campaign": campaign.pk}
    )

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"] == 'attachment; filename="pledges.csv"'
    content = streamed(response)
    assert content.startswith('\ufeff"Campaign","Name","Email",')
    rows = content.strip().splitlines()
    assert len(rows) == 3
    assert any("rosa@example.org" in row for row in rows)
    entry = PageLogEntry.objects.get(action="campaigns.export")
    assert entry.page_id == campaign.pk
    assert entry.user == coordinator
    assert entry.data == {"what": "pledges", "rows": 2}


def test_an_unfiltered_export_is_logged_on_the_campaign_index(
    client, campaign, coordinator
):
    PledgeFactory(campaign=campaign)
    client.force_login(coordinator)

    streamed(client.get("/admin/campaigns/pledges/", {"export": "csv"}))

    entry = PageLogEntry.objects.get(action="campaigns.export")
    assert entry.page_id == campaign.get_parent().pk


def test_members_cannot_reach_the_pledge_list_or_export(client, campaign, org_admin):
    from django.contrib.auth.models import Permission

    org_admin.user_permissions.add(Permission.objects.get(codename="access_admin"))
    PledgeFactory(campaign=campaign, email="rosa@example.org")
    client.force_login(org_admin)

    response = client.get("/admin/campaigns/pledges/", {"export": "csv"})

    assert response.status_code in (302, 403)
    assert not PageLogEntry.objects.filter(action="campaigns.export").exists()


def test_visitors_are_sent_to_the_admin_sign_in(client, campaign):
    response = client.get("/admin/campaigns/pledges/", {"export": "csv"})
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_a_coordinator_approves_a_sign_on_in_the_admin(
    client, campaign, org_admin, coordinator
):
    signon = SignOnFactory(
        campaign=campaign,
        organization=org_admin.organization,
        status=SignOnStatus.PENDING,
    )
    client.force_login(coordinator)

    listing = client.get("/admin/campaigns/sign-ons/", {"status": "pending"})
    assert listing.status_code == 200
    assert "Riverbend Tenants United" in listing.content.decode()

    response = client.post(
        f"/admin/campaigns/sign-ons/edit/{signon.pk}/", {"status": "approved"}
    )

    assert response.status_code == 302
    signon.refresh_from_db()
    assert signon.status == SignOnStatus.APPROVED
    assert signon.decided_by == coordinator
    assert ModelLogEntry.objects.filter(action="wagtail.edit").exists()


def test_coordinators_cannot_create_sign_ons_in_the_admin(client, coordinator):
    client.force_login(coordinator)
    assert client.get("/admin/campaigns/sign-ons/new/").status_code in (302, 403)


def test_a_coordinator_adds_an_event_in_the_admin(client, coordinator, campaign):
    from campaigns.models import Event

    client.force_login(coordinator)
    response = client.post(
        "/admin/campaigns/events/new/",
        {
            "title": "Stakeholder deadline",
            "kind": "submission-deadline",
            "date": "2027-03-04",
            "start_time": "23:59",
            "end_date": "",
            "end_time": "",
            "time_zone": "Europe/Zurich",
            "location": "Online",
            "description": "",
            "link": "",
            "campaign": campaign.pk,
            # No issue area ticked: a browser sends no value for the checkboxes.
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    event = Event.objects.get()
    assert event.starts_at.isoformat() == "2027-03-04T22:59:00+00:00"


def test_a_plain_user_is_not_a_coordinator(db):
    assert not UserFactory().is_coordinator


def test_the_campaign_editor_offers_the_organization_chooser(
    client, campaign, org_admin
):
    from campaigns.models import CampaignOrganization

    CampaignOrganization.objects.create(
        campaign=campaign, organization=org_admin.organization, role="lead"
    )
    admin = UserFactory(username="superadmin", is_superuser=True, is_staff=True)
    client.force_login(admin)

    response = client.get(f"/admin/pages/{campaign.pk}/edit/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "Lead and partner organizations" in html
    assert "organization_links-TOTAL_FORMS" in html
    assert "Riverbend Tenants United" in html
    assert client.get("/admin/campaigns/events/new/").status_code == 200
