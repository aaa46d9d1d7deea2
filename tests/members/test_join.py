"""/join/: the application to join the network."""

import pytest
from django.core import mail
from wagtail.models import ModelLogEntry

from members.models import ApplicationStatus, MembershipApplication
from tests.factories import IssueAreaFactory, MembershipApplicationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def areas(db):
    return [
        IssueAreaFactory(name="Housing", slug="housing"),
        IssueAreaFactory(name="Labor", slug="labor"),
    ]


@pytest.fixture
def valid(areas):
    return {
        "organization_name": "  Riverside   Tenants Union ",
        "summary": "Tenants organizing tenants against unsafe homes.",
        "mission": "We meet weekly.\n\nWe fight evictions.",
        "website": "https://riverside.example.org",
        "public_email": "hello@riverside.example.org",
        "issue_areas": [str(areas[0].pk), str(areas[1].pk)],
        "city": "Riverside",
        "region": "California",
        "country": "US",
        "scope": "local",
        "founded_year": "2004",
        "contact_name": "Ana Lopez",
        "contact_email": "ana@riverside.example.org",
        "contact_phone": "+1 (555) 010-2000",
        "visibility": "public",
        "agrees_to_principles": "on",
    }


def test_join_page_explains_each_visibility_in_plain_words(client, areas):
    response = client.get("/join/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "Anyone on the internet can see your profile" in html
    assert "Only signed-in staff of member organizations" in html
    assert "Only your own staff and the network&#x27;s coordinators" in html
    assert 'name="fax_number"' in html  # the honeypot is there, hidden by CSS


def test_a_valid_application_is_stored_confirmed_and_emailed(
    client, valid, areas, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/join/", valid)

    assert response.status_code == 302
    assert response["Location"] == "/join/thanks/"
    application = MembershipApplication.objects.get()
    assert application.organization_name == "Riverside Tenants Union"
    assert application.status == ApplicationStatus.SUBMITTED
    assert application.visibility == "public"
    assert set(application.issue_areas.all()) == set(areas)
    assert application.agrees_to_principles is True
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["ana@riverside.example.org"]
    assert "Riverside Tenants Union" in mail.outbox[0].subject
    assert ModelLogEntry.objects.filter(
        action="members.application.submit", object_id=str(application.pk)
    ).exists()
    done = client.get("/join/thanks/")
    assert done.status_code == 200
    assert "Riverside Tenants Union" in done.content.decode()


def test_thanks_page_without_an_application_goes_back_to_the_form(client):
    response = client.get("/join/thanks/")

    assert response.status_code == 302
    assert response["Location"] == "/join/"


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"organization_name": ""}, "organization_name", "Enter your organization"),
        ({"organization_name": "X"}, "organization_name", "full name"),
        ({"summary": ""}, "summary", "Say in a sentence or two"),
        ({"summary": "x" * 301}, "summary", "300 characters or fewer"),
        ({"issue_areas": []}, "issue_areas", "Choose at least one issue area."),
        ({"issue_areas": ["999999"]}, "issue_areas", "valid choice"),
        ({"city": ""}, "city", "Enter the city or town"),
        ({"city": "12 Main Street, Riverside"}, "city", "without a street address"),
        ({"region": ""}, "region", "Enter your state or region."),
        ({"country": "XX"}, "country", "valid choice"),
        ({"scope": "galactic"}, "scope", "valid choice"),
        ({"founded_year": "1700"}, "founded_year", "from 1800 on"),
        ({"founded_year": "2999"}, "founded_year", "cannot be in the future"),
        ({"founded_year": "soon"}, "founded_year", "four digits"),
        ({"website": "not a url"}, "website", "full web address"),
        ({"website": "ftp://riverside.example.org"}, "website", "full web address"),
        ({"public_email": "nope"}, "public_email", "like info@example.org"),
        ({"contact_name": ""}, "contact_name", "Enter your name."),
        ({"contact_email": ""}, "contact_email", "Enter your email address."),
        ({"contact_email": "ana@"}, "contact_email", "like name@example.org"),
        ({"contact_phone": "call me maybe"}, "contact_phone", "digits, spaces"),
        ({"visibility": "everyone"}, "visibility", "valid choice"),
        ({"agrees_to_principles": ""}, "agrees_to_principles", "agree to the network"),
    ],
)
def test_each_invalid_field_gets_a_clear_message_and_nothing_is_stored(
    client, valid, changes, field, message
):
    data = {**valid, **changes}
    data = {key: value for key, value in data.items() if value != ""}

    response = client.post("/join/", data)

    assert response.status_code == 400
    errors = response.context["form"].errors
    assert field in errors
    assert message in " ".join(errors[field])
    assert MembershipApplication.objects.count() == 0
    assert mail.outbox == []


def test_a_failed_submission_keeps_everything_that_was_typed(client, valid):
    response = client.post("/join/", {**valid, "contact_email": "broken"})

    html = response.content.decode()
    assert response.status_code == 400
    assert 'value="Riverside Tenants Union"' in html or "Riverside   Tenants" in html
    assert "Tenants organizing tenants against unsafe homes." in html
    assert 'value="https://riverside.example.org"' in html
    assert 'value="broken"' in html
    assert 'value="public" id="id_visibility_0" aria-describedby' in html
    assert "checked" in html
    assert "Please correct the problems below." in html


def test_the_honeypot_field_drops_the_submission_silently(client, valid):
    response = client.post("/join/", {**valid, "fax_number": "555-1234"})

    assert response.status_code == 302
    assert response["Location"] == "/join/thanks/"
    assert MembershipApplication.objects.count() == 0
    assert mail.outbox == []


def test_applications_are_rate_limited_per_address_keeping_what_was_typed(
    client, valid
):
    for number in range(3):
        data = {**valid, "organization_name": f"Riverside Group {number}"}
        assert client.post("/join/", data).status_code == 302

    response = client.post("/join/", {**valid, "organization_name": "Fourth Try"})

    assert response.status_code == 429
    assert "several applications from your connection" in response.content.decode()
    assert 'value="Fourth Try"' in response.content.decode()
    assert MembershipApplication.objects.count() == 3
    other_address = client.post(
        "/join/", {**valid, "organization_name": "Elsewhere"}, REMOTE_ADDR="10.0.0.9"
    )
    assert other_address.status_code == 302


def test_a_second_pending_application_from_the_same_contact_is_refused(client, valid):
    MembershipApplicationFactory(
        organization_name="Riverside Tenants Union",
        contact_email="ana@riverside.example.org",
    )

    response = client.post("/join/", valid)

    assert response.status_code == 400
    assert "already have an application" in response.content.decode()
