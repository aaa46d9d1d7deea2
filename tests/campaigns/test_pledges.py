import base64
import hashlib
import json
import logging
import re
import zlib
from datetime import timedelta

import pytest
from django.core import mail, signing
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.db import connection
from django.db.models import F
from django.test import Client
from django.test.signals import template_rendered
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_tasks import TaskResultStatus, task_backends
from django_tasks.signals import task_finished
from django_tasks_db.models import DBTaskResult

from campaigns import actions
from campaigns.models import CampaignStatus, PendingPledge, Pledge
from campaigns.models.pledges import PENDING_PLEDGE_LIFETIME
from tests.factories import CampaignPageFactory, PledgeFactory

pytestmark = pytest.mark.django_db

GOOD = {
    "name": "Rosa Alvarez",
    "email": "Rosa@Example.org",
    "postcode": "87102",
    "consent": "on",
    "website": "",
}


def pledge_url(campaign):
    return campaign.url + "pledge/"


def confirmation_link(message):
    """The path of the confirmation link in an email."""
    match = re.search(r"https?://[^/\s]+(/\S*/pledge/confirm/[\w-]+/)", message.body)
    assert match, message.body
    return match.group(1)


def link_token(link):
    return link.rstrip("/").rsplit("/", 1)[-1]


def readable_forms(token, depth=4):
    """The token and everything it decodes to, peeling off base64 and zlib layers
    (a signed Django value is base64 of JSON, maybe compressed, then signed)."""

    def unbase64(data):
        return base64.urlsafe_b64decode(data + b"=" * (-len(data) % 4))

    forms = layer = {token.encode()}
    for _ in range(depth):
        peeled = set()
        for data in layer:
            for part in re.split(rb"[:.]", data):
                for decode in (unbase64, zlib.decompress):
                    try:
                        peeled.add(decode(part))
                    except (ValueError, zlib.error):
                        pass
        layer = peeled - forms
        forms = forms | layer
    return forms


def personal_data_in(token, *typed):
    return [
        value
        for value in typed
        for form in readable_forms(token)
        if value.lower().encode() in form.lower()
    ]


def test_a_visitor_pledges_and_is_asked_to_confirm_by_email(client, campaign):
    response = client.post(pledge_url(campaign), GOOD, follow=True)

    assert response.redirect_chain[-1][0].endswith("/pledge/thanks/")
    html = response.content.decode()
    assert "Thank you for your pledge" in html
    assert "Please check your email" in html
    # Nothing is kept until the address's owner opens the link.
    assert not Pledge.objects.exists()
    (message,) = mail.outbox
    assert message.to == ["rosa@example.org"]
    assert "/pledge/confirm/" in message.body
    # The address is not confirmed: the email repeats nothing the visitor typed.
    assert "Rosa" not in message.body + message.subject
    assert "87102" not in message.body + message.subject


def test_the_emailed_link_shows_the_details_and_records_them_on_confirming(
    client, campaign
):
    client.post(pledge_url(campaign), GOOD)
    link = confirmation_link(mail.outbox[0])

    shown = client.get(link)
    assert shown.status_code == 200
    assert "Rosa Alvarez" in shown.content.decode()
    assert "Confirm my pledge" in shown.content.decode()
    assert not Pledge.objects.exists()  # mail scanners open links; GET keeps nothing

    done = client.post(link)

    assert "is counted" in done.content.decode()
    pledge = Pledge.objects.get()
    assert (pledge.email, pledge.name, pledge.postcode) == (
        "rosa@example.org",
        "Rosa Alvarez",
        "87102",
    )
    assert pledge.consented_at is not None
    assert "/pledge/remove/" in done.content.decode()
    assert re.search(r">1</span>\s*supporter pledged", client.get(campaign.url).text)


def test_an_address_that_pledged_gets_the_same_answer_and_its_pledge_is_kept(
    campaign,
):
    PledgeFactory(
        campaign=campaign, email="rosa@example.org", name="Rosa Alvarez", postcode="1"
    )
    answers = []
    for email in ("rosa@example.org", "nobody@example.org"):
        visitor = Client()
        response = visitor.post(
            pledge_url(campaign), {**GOOD, "email": email, "name": "Mallory"}
        )
        thanks = visitor.get(response["Location"])
        answers.append((response.status_code, response["Location"], thanks.content))

    assert answers[0] == answers[1]
    pledge = Pledge.objects.get()
    assert (pledge.name, pledge.postcode) == ("Rosa Alvarez", "1")
    assert [message.to for message in mail.outbox] == [
        ["rosa@example.org"],
        ["nobody@example.org"],
    ]


def test_the_owner_of_the_address_updates_the_pledge_through_the_link(client, campaign):
    PledgeFactory(campaign=campaign, email="rosa@example.org", name="Rosa Alvarez")
    client.post(
        pledge_url(campaign),
        {**GOOD, "email": "ROSA@example.org ", "name": "Rosa A.", "postcode": "87104"},
    )

    response = client.post(confirmation_link(mail.outbox[0]))

    assert Pledge.objects.count() == 1
    pledge = Pledge.objects.get()
    assert (pledge.name, pledge.postcode) == ("Rosa A.", "87104")
    assert "still counted once" in response.content.decode()


@pytest.mark.parametrize(
    "spoil",
    [
        lambda link: link[:-4] + "xx/",
        lambda link: link.replace("/pledge/confirm/", "/pledge/confirm/a"),
    ],
)
def test_a_spoiled_confirmation_link_records_nothing(client, campaign, spoil):
    client.post(pledge_url(campaign), GOOD)

    response = client.post(spoil(confirmation_link(mail.outbox[0])))

    assert response.status_code == 404
    assert "This link does not work" in response.content.decode()
    assert not Pledge.objects.exists()


def age_pending_pledges(by):
    PendingPledge.objects.update(created_at=F("created_at") - by)


def test_an_old_confirmation_link_records_nothing(client, campaign):
    client.post(pledge_url(campaign), GOOD)
    link = confirmation_link(mail.outbox[0])
    age_pending_pledges(PENDING_PLEDGE_LIFETIME - timedelta(minutes=1))
    assert client.get(link).status_code == 200  # still within the week
    age_pending_pledges(timedelta(minutes=2))

    response = client.post(link)

    assert response.status_code == 404
    assert "This link does not work" in response.content.decode()
    assert not Pledge.objects.exists()


def test_the_confirmation_link_carries_nothing_the_visitor_typed(client, campaign):
    client.post(pledge_url(campaign), GOOD)
    token = link_token(confirmation_link(mail.outbox[0]))

    assert personal_data_in(token, "Rosa", "Alvarez", "example.org", "87102") == []
    # The decoding above does read a signed link's contents (the old links did).
    signed = signing.dumps({"n": "Rosa Alvarez", "z": "87102"}, compress=True)
    old_style = base64.urlsafe_b64encode(signed.encode()).decode().rstrip("=")
    assert personal_data_in(old_style, "Rosa", "87102") == ["Rosa", "87102"]


def test_the_pending_pledge_keeps_the_digest_of_the_token_not_the_token(
    client, campaign
):
    client.post(pledge_url(campaign), GOOD)
    token = link_token(confirmation_link(mail.outbox[0]))

    pending = PendingPledge.objects.get()
    assert pending.token_digest == hashlib.sha256(token.encode()).hexdigest()
    stored = [str(value) for value in PendingPledge.objects.values_list().get()]
    assert not [value for value in stored if token in value]
    assert (pending.name, pending.email, pending.postcode) == (
        "Rosa Alvarez",
        "rosa@example.org",
        "87102",
    )
    assert pending.consented_at is not None


def test_a_confirmation_link_works_once(client, campaign):
    client.post(pledge_url(campaign), GOOD)
    link = confirmation_link(mail.outbox[0])
    assert "is counted" in client.post(link).content.decode()

    again = client.post(link)

    assert again.status_code == 404
    html = again.content.decode()
    assert "This link does not work" in html
    assert "already used" in html
    assert Pledge.objects.count() == 1
    assert not PendingPledge.objects.exists()
    assert client.get(link).status_code == 404


def test_two_clicks_at_once_record_one_pledge(campaign):
    pending = actions.do_request_pledge(
        campaign, name="Rosa Alvarez", email="rosa@example.org", postcode="87102"
    )

    pledge, created = actions.do_confirm_pledge(pending)

    assert created
    assert actions.do_confirm_pledge(pending) is None  # the slower click
    assert list(Pledge.objects.all()) == [pledge]


def test_a_second_submission_for_an_address_leaves_the_first_link_working(
    client, campaign
):
    # Anyone can type Rosa's address: their submission must not void her link.
    client.post(pledge_url(campaign), GOOD)
    Client().post(
        pledge_url(campaign), {**GOOD, "name": "Mallory", "postcode": "10001"}
    )
    rosas, mallorys = (confirmation_link(message) for message in mail.outbox)
    assert "Rosa Alvarez" in client.get(rosas).content.decode()
    assert "Mallory" in client.get(mallorys).content.decode()

    client.post(rosas)

    pledge = Pledge.objects.get()
    assert (pledge.name, pledge.postcode) == ("Rosa Alvarez", "87102")
    # The address's other links would undo what its owner just confirmed.
    assert client.post(mallorys).status_code == 404
    assert Pledge.objects.get().name == "Rosa Alvarez"
    assert not PendingPledge.objects.exists()


def test_expired_pending_pledges_are_deleted_when_the_next_one_arrives(
    client, campaign
):
    client.post(pledge_url(campaign), GOOD)
    client.post(pledge_url(campaign), {**GOOD, "email": "recent@example.org"})
    PendingPledge.objects.filter(email="rosa@example.org").update(
        created_at=timezone.now() - PENDING_PLEDGE_LIFETIME
    )

    client.post(pledge_url(campaign), {**GOOD, "email": "new@example.org"})

    assert sorted(PendingPledge.objects.values_list("email", flat=True)) == [
        "new@example.org",
        "recent@example.org",
    ]


def test_a_confirmation_link_for_another_campaign_does_not_work(client, campaign_index):
    first = CampaignPageFactory(parent=campaign_index)
    second = CampaignPageFactory(parent=campaign_index)
    client.post(pledge_url(first), GOOD)
    link = confirmation_link(mail.outbox[0])

    response = client.post(link.replace(first.url, second.url))

    assert response.status_code == 404
    assert not Pledge.objects.exists()


def test_an_address_gets_a_few_pledge_emails_an_hour_however_many_ask(client, campaign):
    for number in range(5):
        client.post(pledge_url(campaign), GOOD, REMOTE_ADDR=f"198.51.100.{number}")

    assert len(mail.outbox) == 3


def test_invisible_characters_in_a_pledge_name_are_refused(client, campaign):
    response = client.post(pledge_url(campaign), {**GOOD, "name": "Rosa\u202e Alvarez"})

    assert response.status_code == 200
    assert "U+202E" in response.content.decode()
    assert mail.outbox == []


def test_the_same_email_may_pledge_to_another_campaign(client, campaign_index):
    first = CampaignPageFactory(parent=campaign_index)
    second = CampaignPageFactory(parent=campaign_index)

    client.post(pledge_url(first), GOOD)
    client.post(pledge_url(second), GOOD)
    for message in mail.outbox:
        client.post(confirmation_link(message))

    assert Pledge.objects.count() == 2


def test_consent_is_required(client, campaign):
    data = {**GOOD}
    del data["consent"]

    response = client.post(pledge_url(campaign), data)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Please tick the box to agree, or we cannot count you." in html
    assert 'value="Rosa Alvarez"' in html
    assert not Pledge.objects.exists()


def test_the_honeypot_pretends_success_and_saves_nothing(client, campaign):
    response = client.post(
        pledge_url(campaign), {**GOOD, "website": "http://spam.example"}
    )

    assert response.status_code == 302
    assert response["Location"].endswith("/pledge/thanks/")
    assert not Pledge.objects.exists()
    assert mail.outbox == []


def test_too_many_pledges_from_one_connection_are_refused_kindly(client, campaign):
    for number in range(5):
        client.post(pledge_url(campaign), {**GOOD, "email": f"p{number}@example.org"})

    response = client.post(pledge_url(campaign), {**GOOD, "email": "sixth@example.org"})

    assert response.status_code == 429
    html = response.content.decode()
    assert "Please wait ten minutes and try again" in html
    assert 'value="sixth@example.org"' in html
    assert len(mail.outbox) == 5


def test_another_connection_is_not_limited(client, campaign):
    for number in range(6):
        client.post(pledge_url(campaign), {**GOOD, "email": f"p{number}@example.org"})

    response = client.post(
        pledge_url(campaign),
        {**GOOD, "email": "elsewhere@example.org"},
        REMOTE_ADDR="198.51.100.7",
    )

    assert response.status_code == 302


def test_the_page_shows_only_the_count_of_pledges(client, campaign):
    PledgeFactory(campaign=campaign, name="Secret Person", email="secret@example.org")

    html = client.get(campaign.url).content.decode()

    assert re.search(r">1</span>\s*supporter pledged", html)
    assert "Secret Person" not in html
    assert "secret@example.org" not in html


def test_a_concluded_campaign_takes_no_pledges(client, campaign_index):
    campaign = CampaignPageFactory(
        parent=campaign_index, status=CampaignStatus.CONCLUDED
    )

    response = client.post(pledge_url(campaign), GOOD)

    assert response.status_code == 200
    assert "not taking pledges" in response.content.decode()
    assert mail.outbox == []


def test_a_link_opened_after_the_campaign_closed_records_nothing(client, campaign):
    client.post(pledge_url(campaign), GOOD)
    campaign.status = CampaignStatus.CONCLUDED
    campaign.save()

    response = client.post(confirmation_link(mail.outbox[0]))

    assert "not taking pledges" in response.content.decode()
    assert not Pledge.objects.exists()


def test_a_supporter_removes_their_pledge_with_the_emailed_link(client, campaign):
    pledge = PledgeFactory(campaign=campaign, email="rosa@example.org")
    url = campaign.url + f"pledge/remove/{actions.pledge_removal_token(pledge)}/"

    confirm = client.get(url)
    assert confirm.status_code == 200
    assert "Remove my pledge" in confirm.content.decode()
    assert Pledge.objects.exists()

    done = client.post(url)

    assert "Your pledge has been removed" in done.content.decode()
    assert not Pledge.objects.exists()
    assert client.get(url).status_code == 404


def test_a_tampered_removal_link_removes_nothing(client, campaign):
    pledge = PledgeFactory(campaign=campaign)
    token = actions.pledge_removal_token(pledge)

    response = client.post(campaign.url + f"pledge/remove/{token[:-2]}xx/")

    assert response.status_code == 404
    assert "This link does not work" in response.content.decode()
    assert Pledge.objects.exists()


def test_a_removal_link_for_another_campaign_does_not_work(client, campaign_index):
    first = CampaignPageFactory(parent=campaign_index)
    second = CampaignPageFactory(parent=campaign_index)
    pledge = PledgeFactory(campaign=first)

    token = actions.pledge_removal_token(pledge)
    response = client.post(second.url + f"pledge/remove/{token}/")

    assert response.status_code == 404
    assert Pledge.objects.exists()


@pytest.fixture
def queued_tasks(settings):
    """Tasks are queued, not run, as in production (the tests' default backend
    runs them at once, inside the request)."""
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}
    }


def is_pending_pledge_insert(sql):
    return re.match(r'INSERT INTO "?campaigns_pendingpledge"? ', sql) is not None


@pytest.mark.parametrize("path", ["pledge/", "pledge/remove/"])
def test_pledge_forms_answer_alike_for_any_address_and_look_nothing_up(
    campaign, queued_tasks, path
):
    PledgeFactory(campaign=campaign, email="rosa@example.org")
    Client().post(campaign.url + path, {**GOOD, "email": "warm@example.org"})

    answers = []
    for email in ("rosa@example.org", "nobody@example.org"):
        visitor = Client()
        with CaptureQueriesContext(connection) as queries:
            response = visitor.post(campaign.url + path, {**GOOD, "email": email})
        # Read before the next request: Django empties the query log at each.
        sql = [query["sql"] for query in queries]
        # No lookup of it: the only statement naming it keeps what was typed.
        naming = [query for query in sql if email in query]
        assert not [query for query in naming if not is_pending_pledge_insert(query)]
        assert len(naming) == (1 if path == "pledge/" else 0)
        if response.status_code == 302:
            response = visitor.get(response["Location"])
        answers.append((response.status_code, response.content, len(sql)))

    assert answers[0] == answers[1]


def test_a_removal_link_is_emailed_only_to_an_address_that_pledged(client, campaign):
    PledgeFactory(campaign=campaign, email="rosa@example.org")
    url = campaign.url + "pledge/remove/"

    known = client.post(url, {"email": "rosa@example.org"}).content.decode()
    unknown = client.post(url, {"email": "nobody@example.org"}).content.decode()

    assert "If that address has pledged" in known
    assert known == unknown
    (message,) = mail.outbox
    assert message.to == ["rosa@example.org"]
    assert "/pledge/remove/" in message.body


def test_behind_a_proxy_the_configured_header_names_the_client(
    client, campaign, settings
):
    settings.CLIENT_IP_HEADER = "HTTP_X_REAL_IP"
    for number in range(5):
        client.post(
            pledge_url(campaign),
            {**GOOD, "email": f"p{number}@example.org"},
            HTTP_X_REAL_IP="203.0.113.5",
        )

    limited = client.post(
        pledge_url(campaign),
        {**GOOD, "email": "six@example.org"},
        HTTP_X_REAL_IP="203.0.113.5",
    )
    other = client.post(
        pledge_url(campaign),
        {**GOOD, "email": "seven@example.org"},
        HTTP_X_REAL_IP="203.0.113.9",
    )

    assert limited.status_code == 429
    assert other.status_code == 302


def removal_link(message):
    match = re.search(r"https?://[^/\s]+(/\S*/pledge/remove/[\w-]+/)", message.body)
    assert match, message.body
    return match.group(1)


def test_a_removal_link_carries_only_the_pledge_id(client, campaign):
    pledge = PledgeFactory(
        campaign=campaign,
        email="rosa@example.org",
        name="Rosa Alvarez",
        postcode="87102",
    )
    client.post(campaign.url + "pledge/remove/", {"email": "rosa@example.org"})
    token = link_token(removal_link(mail.outbox[0]))

    assert personal_data_in(token, "Rosa", "Alvarez", "example.org", "87102") == []
    assert actions.pledge_for_removal_token(campaign, token) == pledge


def test_a_removal_link_sent_before_it_carried_only_the_id_still_works(
    client, campaign
):
    pledge = PledgeFactory(campaign=campaign, email="rosa@example.org")
    signed = signing.dumps(
        {"p": pledge.pk, "e": pledge.email},
        salt=actions.PLEDGE_REMOVAL_SALT,
        compress=True,
    )
    token = base64.urlsafe_b64encode(signed.encode()).decode().rstrip("=")

    client.post(campaign.url + f"pledge/remove/{token}/")

    assert not Pledge.objects.exists()


def test_the_queued_confirmation_task_carries_no_personal_data(
    client, campaign, queued_tasks
):
    client.post(pledge_url(campaign), GOOD)

    (queued,) = task_backends["default"].results
    arguments = json.dumps([queued.args, queued.kwargs]).lower()
    assert [
        typed for typed in ("rosa", "example.org", "87102") if typed in arguments
    ] == []
    # The token is made by the task that emails it, so it is in no queue either.
    assert PendingPledge.objects.get().token_digest is None


@pytest.fixture
def rendered_templates():
    names = []

    def record(sender, template, **kwargs):
        names.append(template.name)

    template_rendered.connect(record)
    yield names
    template_rendered.disconnect(record)


@pytest.mark.parametrize(
    "path, data, template",
    [
        ("pledge/", GOOD, "pledge_confirmation"),
        ("pledge/remove/", {"email": "rosa@example.org"}, "pledge_removal"),
    ],
)
def test_pledge_emails_are_rendered_from_the_campaigns_email_templates(
    client, campaign, rendered_templates, path, data, template
):
    PledgeFactory(campaign=campaign, email="rosa@example.org")

    client.post(campaign.url + path, data)

    (message,) = mail.outbox
    assert f"campaigns/email/{template}.txt" in rendered_templates
    assert f"campaigns/email/{template}_subject.txt" in rendered_templates
    assert message.subject.endswith(campaign.title)
    assert "\n" not in message.subject


class BrokenEmailBackend(BaseEmailBackend):
    """A mail server that cannot be reached, as Django's SMTP backend reports it."""

    def send_messages(self, email_messages):
        if self.fail_silently:
            return 0
        raise ConnectionRefusedError("the mail server is down")


BROKEN_EMAIL_BACKEND = f"{__name__}.BrokenEmailBackend"


@pytest.fixture
def finished_tasks():
    results = []

    def record(sender, task_result, **kwargs):
        if task_result.task.module_path.startswith("campaigns.emails."):
            results.append(task_result)

    task_finished.connect(record)
    yield results
    task_finished.disconnect(record)


@pytest.mark.parametrize(
    "path, data",
    [("pledge/", GOOD), ("pledge/remove/", {"email": "rosa@example.org"})],
)
def test_a_failed_send_is_a_failed_task_with_its_error_logged(
    client, campaign, settings, finished_tasks, caplog, path, data
):
    PledgeFactory(campaign=campaign, email="rosa@example.org")
    settings.EMAIL_BACKEND = BROKEN_EMAIL_BACKEND

    with caplog.at_level(logging.ERROR, logger="django_tasks"):
        response = client.post(campaign.url + path, data)

    assert response.status_code in (200, 302)  # the visitor's answer is the same
    (result,) = finished_tasks
    assert result.status == TaskResultStatus.FAILED
    (error,) = result.errors
    assert error.exception_class_path == "builtins.ConnectionRefusedError"
    assert "the mail server is down" in error.traceback
    assert [
        record
        for record in caplog.records
        if record.name == "django_tasks" and record.levelno == logging.ERROR
    ]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_with_the_database_backend_a_failed_send_keeps_its_traceback(
    client, campaign, settings
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.EMAIL_BACKEND = BROKEN_EMAIL_BACKEND
    assert client.post(pledge_url(campaign), GOOD).status_code == 302

    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload")

    (row,) = DBTaskResult.objects.all()
    assert row.status == TaskResultStatus.FAILED
    assert row.exception_class_path == "builtins.ConnectionRefusedError"
    assert "the mail server is down" in row.traceback
