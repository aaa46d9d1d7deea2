import re

import pytest
from django.core import mail

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


def test_a_visitor_pledges_and_sees_the_thank_you_page(
    client, campaign, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(pledge_url(campaign), GOOD, follow=True)

    assert response.redirect_chain[-1][0].endswith("/pledge/thanks/")
    html = response.content.decode()
    assert "Thank you for your pledge" in html
    assert "1 supporter has pledged so far." in html
    pledge = Pledge.objects.get()
    assert pledge.email == "rosa@example.org"
    assert pledge.name == "Rosa Alvarez"
    assert pledge.consented_at is not None
    assert len(mail.outbox) == 1
    assert "/pledge/remove/" in mail.outbox[0].body


def test_the_same_email_again_updates_rather_than_duplicates(client, campaign):
    client.post(pledge_url(campaign), GOOD)
    response = client.post(
        pledge_url(campaign),
        {**GOOD, "email": "ROSA@example.org ", "name": "Rosa A.", "postcode": "87104"},
        follow=True,
    )

    assert Pledge.objects.count() == 1
    pledge = Pledge.objects.get()
    assert pledge.name == "Rosa A."
    assert pledge.postcode == "87104"
    assert "updated your details rather than counting you twice" in (
        response.content.decode()
    )


def test_the_same_email_may_pledge_to_another_campaign(client, campaign_index):
    first = CampaignPageFactory(parent=campaign_index)
    second = CampaignPageFactory(parent=campaign_index)

    client.post(pledge_url(first), GOOD)
    client.post(pledge_url(second), GOOD)

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


def test_too_many_pledges_from_one_connection_are_refused_kindly(client, campaign):
    for number in range(5):
        client.post(pledge_url(campaign), {**GOOD, "email": f"p{number}@example.org"})

    response = client.post(pledge_url(campaign), {**GOOD, "email": "sixth@example.org"})

    assert response.status_code == 429
    html = response.content.decode()
    assert "Please wait ten minutes and try again" in html
    assert 'value="sixth@example.org"' in html
    assert Pledge.objects.count() == 5


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


def test_asking_for_a_removal_link_does_not_reveal_who_pledged(client, campaign):
    PledgeFactory(campaign=campaign, email="rosa@example.org")
    url = campaign.url + "pledge/remove/"

    known = client.post(url, {"email": "rosa@example.org"}).content.decode()
    unknown = client.post(url, {"email": "nobody@example.org"}).content.decode()

    assert "If that address has pledged" in known
    assert "If that address has pledged" in unknown
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["rosa@example.org"]


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
