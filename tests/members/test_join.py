"""/join/: the application to join the network."""

import pytest
from django import forms
from django.core import mail
from django.test import Client
from wagtail.models import ModelLogEntry

from members.models import ApplicationStatus, MembershipApplication
from tests.factories import IssueAreaFactory

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
        "subdivision": "US-CA",
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
        ({"subdivision": ""}, "subdivision", "Choose your state or region in"),
        ({"subdivision": "US-ZZ"}, "subdivision", "from the list"),
        ({"subdivision": "MX-CMX"}, "subdivision", "is not in United States"),
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


def test_applying_again_while_pending_is_answered_as_a_new_application(
    valid, django_capture_on_commit_callbacks
):
    first, second = Client(), Client()
    with django_capture_on_commit_callbacks(execute=True):
        new = first.post("/join/", valid)
    mail.outbox.clear()

    again = {
        **valid,
        "organization_name": "riverside tenants union",
        "contact_email": "ANA@riverside.example.org",
        "contact_name": "Mallory Intruder",
        "summary": "Call +1 555 0100 to claim your grant.",
        "message": "Wire the fee to account 12345.",
    }
    with django_capture_on_commit_callbacks(execute=True):
        repeated = second.post("/join/", again)

    # The same answer: status, address, and the thanks page itself.
    assert (repeated.status_code, repeated["Location"]) == (
        new.status_code,
        new["Location"],
    )
    thanks = second.get("/join/thanks/").content.decode()
    assert "already" not in thanks
    # It shows the name as this person typed it, not as the first one stored it.
    assert "riverside tenants union" in thanks
    assert "Riverside Tenants Union" not in thanks
    assert MembershipApplication.objects.count() == 1
    application = MembershipApplication.objects.get()
    assert application.contact_name == "Ana Lopez"
    assert application.summary == "Tenants organizing tenants against unsafe homes."
    # The real contact is told, with none of the new submitter's text.
    (message,) = mail.outbox
    assert message.to == ["ana@riverside.example.org"]
    assert "still with the network's coordinators" in message.body
    assert "Riverside Tenants Union" in message.body
    for typed in ("Mallory", "555 0100", "12345", "riverside tenants union"):
        assert typed not in message.body + message.subject
    assert ModelLogEntry.objects.filter(
        action="members.application.resubmit", object_id=str(application.pk)
    ).exists()


def test_the_thanks_page_is_the_same_for_a_new_and_a_repeated_application(valid):
    first, second = Client(), Client()
    first.post("/join/", valid)
    second.post("/join/", valid)

    assert first.get("/join/thanks/").content == second.get("/join/thanks/").content


@pytest.mark.parametrize("character", ["\u202e", "\u2066", "\u2069", "\u200b"])
def test_invisible_characters_in_names_are_refused_and_named(client, valid, character):
    data = {
        **valid,
        "organization_name": f"Riverside {character}Tenants Union",
        "contact_name": f"Ana{character} Lopez",
    }

    response = client.post("/join/", data)

    assert response.status_code == 400
    errors = response.context["form"].errors
    code = f"U+{ord(character):04X}"
    assert code in " ".join(errors["organization_name"])
    assert code in " ".join(errors["contact_name"])
    assert MembershipApplication.objects.count() == 0
    assert mail.outbox == []


def typed_markers(form_class):
    """A distinct, valid value for every text field a person types into the
    application, read from the form itself so a new field is covered too."""
    values = {}
    for number, (name, field) in enumerate(form_class.base_fields.items()):
        if not isinstance(field, forms.CharField) or name == "fax_number":
            continue
        word = "Marker" + "".join(chr(ord("a") + int(d)) for d in f"{number:03d}")
        if isinstance(field, forms.EmailField):
            values[name] = f"{word.lower()}@example.org"
        elif isinstance(field, forms.URLField):
            values[name] = f"https://{word.lower()}.example.org"
        elif name == "contact_phone":
            values[name] = f"+1 555 {number:04d}"
        else:
            values[name] = f"{word} words"
    return values


def test_emails_to_the_applicants_address_repeat_nothing_typed_but_its_name(
    valid, directory, coordinator, django_capture_on_commit_callbacks
):
    from members.actions.applications import (
        do_approve_application,
        do_decline_application,
    )
    from members.forms.application import ApplicationForm

    markers = typed_markers(ApplicationForm)
    assert {"contact_name", "contact_role", "summary", "message"} <= set(markers)
    client = Client()
    with django_capture_on_commit_callbacks(execute=True):
        for _attempt in range(2):  # a new application, then the same again
            response = client.post("/join/", {**valid, **markers})
            assert response.status_code == 302, response.content
        application = MembershipApplication.objects.get()
        do_decline_application(application, coordinator, "Not a fit.")
        client.post("/join/", {**valid, **markers})
        do_approve_application(
            MembershipApplication.objects.pending().get(), coordinator
        )

    to_applicant = [m for m in mail.outbox if m.to == [markers["contact_email"]]]
    assert len(to_applicant) == 5  # received, resubmitted, declined, received, invited
    for message in to_applicant:
        text = message.subject + message.body
        assert markers["organization_name"] in text
        leaked = [
            name
            for name, value in markers.items()
            if name != "organization_name" and value in text
        ]
        assert leaked == [], (message.subject, leaked)
