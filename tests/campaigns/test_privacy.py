"""Unlisted signers and hidden organizations are never named where they must not
be: the campaign page, feeds, iCal, the JSON API and the admin exports."""

import pytest

from tests.factories import (
    CampaignUpdateFactory,
    EventFactory,
    MembershipFactory,
    SignOnFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

UNLISTED = "Quiet Harbor Defenders"
HIDDEN = "Shelter Under Threat"
MEMBERS_ONLY = "Members Circle Collective"
PUBLIC = "Open Door Alliance"


@pytest.fixture
def signed(campaign, make_org):
    """A campaign signed by a public org, an unlisted public org, a hidden org and
    a members-only org, all approved."""
    orgs = {
        "public": make_org(PUBLIC),
        "unlisted": make_org(UNLISTED),
        "hidden": make_org(HIDDEN, visibility="hidden"),
        "members": make_org(MEMBERS_ONLY, visibility="members"),
    }
    SignOnFactory(campaign=campaign, organization=orgs["public"])
    SignOnFactory(campaign=campaign, organization=orgs["unlisted"], unlisted=True)
    SignOnFactory(campaign=campaign, organization=orgs["hidden"])
    SignOnFactory(campaign=campaign, organization=orgs["members"])
    CampaignUpdateFactory(campaign=campaign, title="We delivered the letter")
    EventFactory(campaign=campaign, title="Day of action")
    return orgs


def viewers(make_org, signed, coordinator):
    member = UserFactory(username="member-elsewhere")
    MembershipFactory(user=member, organization=make_org("Elsewhere Org"))
    hidden_staff = UserFactory(username="hidden-staff")
    MembershipFactory(user=hidden_staff, organization=signed["hidden"], role="editor")
    unlisted_staff = UserFactory(username="unlisted-staff")
    MembershipFactory(
        user=unlisted_staff, organization=signed["unlisted"], role="editor"
    )
    return {
        "visitor": None,
        "member": member,
        "hidden staff": hidden_staff,
        "unlisted staff": unlisted_staff,
        "coordinator": coordinator,
    }


def test_the_public_list_names_only_whom_each_viewer_may_see(
    client, campaign, signed, make_org, coordinator
):
    for label, user in viewers(make_org, signed, coordinator).items():
        client.logout()
        if user is not None:
            client.force_login(user)
        html = client.get(campaign.url).content.decode()

        assert "4 member organizations have signed on" in html, label
        assert PUBLIC in html, label
        assert UNLISTED not in html, label
        assert HIDDEN not in html, label
        if label == "visitor":
            assert MEMBERS_ONLY not in html
            assert "And 3 member organizations that are not named here." in html
        else:
            assert MEMBERS_ONLY in html, label
            assert "And 2 member organizations that are not named here." in html


def test_an_unlisted_signers_own_admin_sees_its_status_but_the_list_hides_it(
    client, campaign, make_org
):
    from tests.factories import MembershipFactory as Membership

    organization = make_org(UNLISTED)
    admin = UserFactory()
    Membership(user=admin, organization=organization, role="admin")
    SignOnFactory(campaign=campaign, organization=organization, unlisted=True)
    client.force_login(admin)

    html = client.get(campaign.url).content.decode()

    signatories = html.split('id="signatories"')[1].split("</section>")[0]
    assert UNLISTED not in signatories
    assert "(unlisted)" in html


def test_feeds_name_no_signatory(client, campaign, signed):
    for url in (
        "/campaigns/feed/",
        "/campaigns/feed/atom/",
        campaign.url + "feed/",
        campaign.url + "feed/atom/",
        campaign.url + "ical/",
        "/calendar/ical/",
    ):
        if url == "/calendar/ical/":
            from tests.factories import CalendarPageFactory

            CalendarPageFactory(parent=campaign.get_parent().get_parent())
        body = client.get(url).content.decode()
        for name in (UNLISTED, HIDDEN, MEMBERS_ONLY):
            assert name not in body, (url, name)


def test_the_api_lists_only_publicly_listed_named_signatories(client, campaign, signed):
    response = client.get(
        "/api/v2/pages/",
        {"type": "campaigns.CampaignPage", "fields": "public_signatories"},
    )
    assert response.status_code == 200
    item = response.json()["items"][0]
    assert item["public_signatories"] == [PUBLIC]

    detail = client.get(f"/api/v2/pages/{campaign.pk}/").content.decode()
    for name in (UNLISTED, HIDDEN, MEMBERS_ONLY):
        assert name not in detail


def streamed(response):
    return b"".join(response.streaming_content).decode()


def test_the_sign_on_export_never_names_an_unlisted_signer(
    client, campaign, signed, coordinator
):
    client.force_login(coordinator)

    response = client.get("/admin/campaigns/sign-ons/", {"export": "csv"})

    assert response.status_code == 200
    content = streamed(response)
    headers = " ".join(f"{key}: {value}" for key, value in response.items())
    assert UNLISTED not in content
    assert UNLISTED not in headers
    assert "Unlisted signer" in content
    assert PUBLIC in content
    # A hidden signer is never named in a file that leaves the admin.
    assert HIDDEN not in content
    assert "A member organization" in content
