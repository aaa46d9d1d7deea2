import re

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from campaigns import actions
from campaigns.models import CampaignStatus, Pledge
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


def test_an_old_confirmation_link_records_nothing(client, campaign, monkeypatch):
    client.post(pledge_url(campaign), GOOD)
    monkeypatch.setattr(actions, "PLEDGE_CONFIRMATION_MAX_AGE", -1)

    response = client.post(confirmation_link(mail.outbox[0]))

    assert response.status_code == 404
    assert not Pledge.objects.exists()


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
        assert not [query for query in sql if email in query]  # no lookup of it
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
