"""Coordinators hear when an application arrives: one email to each active
coordinator with an address, after the application is stored."""

import re

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.test import Client
from django.utils import dateformat, timezone

from members.models import COORDINATORS_GROUP, MembershipApplication
from tests.factories import CoordinatorFactory, IssueAreaFactory, UserFactory


@pytest.fixture
def testserver_base(settings):
    settings.WAGTAILADMIN_BASE_URL = "http://testserver"


pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("testserver_base")]


@pytest.fixture
def areas(db):
    return [
        IssueAreaFactory(name="Tenant power", slug="tenant-power"),
        IssueAreaFactory(name="Eviction defense", slug="eviction-defense"),
    ]


@pytest.fixture
def valid(areas):
    return {
        "organization_name": "Riverside Tenants Union",
        "summary": "Tenants organizing tenants against unsafe homes.",
        "issue_areas": [str(area.pk) for area in areas],
        "city": "Riverside",
        "subdivision": "US-CA",
        "country": "US",
        "scope": "local",
        "contact_name": "Ana Lopez",
        "contact_role": "Director",
        "contact_email": "ana@riverside.example.org",
        "contact_phone": "+1 (555) 010-2000",
        "visibility": "hidden",
        "message": "Call me after five.",
        "agrees_to_principles": "on",
    }


@pytest.fixture
def coordinators(db):
    """Two coordinators who get the email, and people who must not."""
    first = CoordinatorFactory(username="lea", email="lea@network.example.org")
    second = CoordinatorFactory(username="omar", email="omar@network.example.org")
    gone = CoordinatorFactory(username="left", email="left@network.example.org")
    gone.is_active = False
    gone.save()
    CoordinatorFactory(username="nomail", email="")
    UserFactory(username="member", email="member@org.example.org")
    # A superuser outside the group is a site operator, not on the desk's rota.
    UserFactory(username="root", email="root@example.org", is_superuser=True)
    Group.objects.get_or_create(name="Moderators")[0].user_set.add(
        UserFactory(username="mod", email="mod@example.org")
    )
    return [first, second]


def to_coordinators():
    return [message for message in mail.outbox if "ana@" not in message.to[0]]


def apply(client, data, capture):
    with capture(execute=True):
        response = client.post("/join/", data)
    assert response.status_code == 302, response.content
    return response


def test_each_active_coordinator_with_an_address_gets_one_email(
    valid, coordinators, django_capture_on_commit_callbacks, settings
):
    settings.WAGTAILADMIN_BASE_URL = "https://network.example.org:8443/"
    Group.objects.get(name=COORDINATORS_GROUP).user_set.add(
        UserFactory(username="also", email="LEA@network.example.org")
    )

    apply(Client(), valid, django_capture_on_commit_callbacks)

    messages = to_coordinators()
    # One each, never a shared message; an address two accounts share once.
    assert sorted(message.to[0].casefold() for message in messages) == [
        "lea@network.example.org",
        "omar@network.example.org",
    ]
    assert all(len(message.to) == 1 and not message.cc for message in messages)
    application = MembershipApplication.objects.get()
    link = f"https://network.example.org:8443/admin/applications/edit/{application.pk}/"
    for message in messages:
        assert message.subject == "New application to join: Riverside Tenants Union"
        assert link in message.body.split()


def test_the_email_reads_as_a_coordinator_needs_it_and_no_more(
    valid, coordinators, django_capture_on_commit_callbacks
):
    from tests.factories import MembershipApplicationFactory

    MembershipApplicationFactory(organization_name="Already Waiting")

    apply(Client(), valid, django_capture_on_commit_callbacks)

    message = to_coordinators()[0]
    application = MembershipApplication.objects.get(
        organization_name="Riverside Tenants Union"
    )
    paragraphs = [" ".join(p.split()) for p in message.body.split("\n\n")]
    assert paragraphs == [
        "Hello,",
        "Riverside Tenants Union has applied to join Common Ground.",
        "Where: Riverside, California, United States "
        "Issue areas: Eviction defense, Tenant power",
        "Read the whole application and decide on it in the admin: "
        f"http://testserver/admin/applications/edit/{application.pk}/",
        "2 applications are waiting for a decision.",
        "You receive this email because you are one of the network's coordinators.",
        "-- Common Ground",
    ]
    # Contact details and what only the coordinators' admin should hold stay there.
    for private in (
        "Ana Lopez",
        "ana@riverside.example.org",
        "555",
        "Director",
        "Call me after five",
        "hidden",
        "Hidden",
    ):
        assert private not in message.subject + message.body


def test_nothing_is_sent_before_the_application_is_stored(
    valid, coordinators, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        Client().post("/join/", valid)

    assert mail.outbox == []
    assert callbacks  # queued for after the commit, not sent inside it


def test_a_refused_or_dropped_submission_tells_no_one(
    valid, coordinators, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invalid = Client().post("/join/", {**valid, "contact_email": "not-an-address"})
        spam = Client().post("/join/", {**valid, "fax_number": "555"})

    assert invalid.status_code == 400 and spam.status_code == 302
    assert mail.outbox == []


def test_a_resubmission_is_one_email_saying_the_first_still_waits(
    valid, coordinators, django_capture_on_commit_callbacks
):
    apply(Client(), valid, django_capture_on_commit_callbacks)
    mail.outbox.clear()

    again = {
        **valid,
        "organization_name": "riverside tenants union",
        "contact_email": "ANA@riverside.example.org",
        "city": "Somewhere Else",
        "summary": "Send the grant to account 12345.",
    }
    apply(Client(), again, django_capture_on_commit_callbacks)

    messages = to_coordinators()
    assert sorted(message.to[0] for message in messages) == [
        "lea@network.example.org",
        "omar@network.example.org",
    ]
    message = messages[0]
    application = MembershipApplication.objects.get()
    assert message.subject == "Application sent again: Riverside Tenants Union"
    paragraphs = [" ".join(p.split()) for p in message.body.split("\n\n")]
    sent_on = dateformat.format(timezone.localtime(application.submitted_at), "j F Y")
    assert paragraphs[1] == (
        "The application to join Common Ground from Riverside Tenants Union was "
        "submitted again, with the same organization name and contact address. It "
        f"was not stored a second time: the application sent on {sent_on} is still "
        "waiting for a decision."
    )
    # What is stored, not what the second submitter typed.
    assert "Where: Riverside, California, United States" in message.body
    assert "1 application is waiting for a decision." in message.body
    for typed in ("Somewhere Else", "12345", "riverside tenants union"):
        assert typed not in message.subject + message.body


def test_applying_again_after_a_decline_is_a_new_application_and_a_new_email(
    valid, coordinators, directory, django_capture_on_commit_callbacks
):
    from members.actions.applications import do_decline_application

    apply(Client(), valid, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        do_decline_application(
            MembershipApplication.objects.get(), coordinators[0], "Not yet."
        )
    mail.outbox.clear()

    apply(Client(), valid, django_capture_on_commit_callbacks)

    assert [m.subject for m in to_coordinators()] == [
        "New application to join: Riverside Tenants Union"
    ] * 2
    newest = MembershipApplication.objects.pending().get()
    assert re.search(
        rf"/admin/applications/edit/{newest.pk}/\n", to_coordinators()[0].body
    )


def test_without_coordinators_the_applicant_is_still_answered(
    valid, django_capture_on_commit_callbacks
):
    apply(Client(), valid, django_capture_on_commit_callbacks)

    assert [message.to for message in mail.outbox] == [["ana@riverside.example.org"]]


def test_the_email_is_in_the_sites_language_whatever_the_applicants(
    valid, coordinators, django_capture_on_commit_callbacks
):
    from django.utils import translation

    from members.actions.applications import do_submit_application
    from members.forms.application import ApplicationForm

    with translation.override("es"), django_capture_on_commit_callbacks(execute=True):
        form = ApplicationForm(valid)
        assert form.is_valid(), form.errors
        do_submit_application(form)

    message = to_coordinators()[0]
    assert "Where: Riverside, California, United States" in message.body
    assert "Estados Unidos" not in message.body
