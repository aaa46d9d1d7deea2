import pytest
from django.db import IntegrityError, transaction

from campaigns.models import CampaignStatus, SignOn, SignOnStatus
from tests.factories import (
    CampaignPageFactory,
    MembershipFactory,
    SignOnFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def sign_on_url(campaign):
    return campaign.url + "sign-on/"


def test_an_org_admin_signs_on_and_waits_for_approval(client, campaign, org_admin):
    client.force_login(org_admin)

    response = client.post(
        sign_on_url(campaign), {"organization": org_admin.organization.pk}
    )

    assert response.status_code == 302
    signon = SignOn.objects.get(campaign=campaign)
    assert signon.organization == org_admin.organization
    assert signon.status == SignOnStatus.PENDING
    assert signon.signed_by == org_admin
    html = client.get(campaign.url).content.decode()
    assert "Waiting for approval" in html
    assert "0 member organizations have signed on" in html


def test_an_approved_sign_on_is_listed_by_name(client, campaign, org_admin):
    SignOnFactory(campaign=campaign, organization=org_admin.organization)

    html = client.get(campaign.url).content.decode()

    assert "1 member organization has signed on" in html
    assert "Riverbend Tenants United" in html


def test_an_auto_approving_campaign_lists_sign_ons_at_once(
    client, campaign_index, org_admin
):
    campaign = CampaignPageFactory(parent=campaign_index, auto_approve_signons=True)
    client.force_login(org_admin)

    client.post(sign_on_url(campaign), {"organization": org_admin.organization.pk})

    assert SignOn.objects.get().status == SignOnStatus.APPROVED
    assert "Riverbend Tenants United" in client.get(campaign.url).content.decode()


def test_an_editor_cannot_sign_for_their_organization(client, campaign, make_org):
    organization = make_org("Editors' Place")
    editor = UserFactory()
    MembershipFactory(user=editor, organization=organization, role="editor")
    client.force_login(editor)

    response = client.post(sign_on_url(campaign), {"organization": organization.pk})

    assert response.status_code == 200
    assert "Choose one of the organizations you are an admin of." in (
        response.content.decode()
    )
    assert not SignOn.objects.exists()


def test_an_admin_cannot_sign_for_someone_elses_organization(
    client, campaign, org_admin, make_org
):
    other = make_org("Somebody Else's Collective")
    client.force_login(org_admin)

    response = client.post(sign_on_url(campaign), {"organization": other.pk})

    assert response.status_code == 200
    assert not SignOn.objects.exists()


def test_an_admin_of_several_organizations_chooses_which_signs(
    client, campaign, org_admin, make_org
):
    second = make_org("Second Home Coalition")
    MembershipFactory(user=org_admin, organization=second, role="admin")
    client.force_login(org_admin)

    form_html = client.get(campaign.url).content.decode()
    assert "Second Home Coalition" in form_html
    assert "Riverbend Tenants United" in form_html

    client.post(sign_on_url(campaign), {"organization": second.pk})

    assert list(SignOn.objects.values_list("organization", flat=True)) == [second.pk]


def test_a_suspended_organization_cannot_sign(client, campaign, org_admin):
    organization = org_admin.organization
    organization.membership_status = "suspended"
    organization.save()
    client.force_login(org_admin)

    response = client.post(sign_on_url(campaign), {"organization": organization.pk})

    assert response.status_code == 200
    assert not SignOn.objects.exists()


def test_signing_twice_gives_a_clear_error_and_no_duplicate(
    client, campaign, org_admin
):
    client.force_login(org_admin)
    client.post(sign_on_url(campaign), {"organization": org_admin.organization.pk})

    response = client.post(
        sign_on_url(campaign), {"organization": org_admin.organization.pk}
    )

    assert response.status_code == 200
    assert (
        "Riverbend Tenants United has already signed on to this campaign."
        in response.content.decode()
    )
    assert SignOn.objects.count() == 1


def test_the_database_refuses_a_second_sign_on_for_one_organization(
    campaign, org_admin
):
    SignOnFactory(campaign=campaign, organization=org_admin.organization)
    with pytest.raises(IntegrityError), transaction.atomic():
        SignOn.objects.create(campaign=campaign, organization=org_admin.organization)


def test_visitors_are_sent_to_sign_in(client, campaign, org_admin):
    response = client.post(
        sign_on_url(campaign), {"organization": org_admin.organization.pk}
    )

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert not SignOn.objects.exists()


def test_a_sign_on_can_be_withdrawn_and_renewed(client, campaign, org_admin):
    signon = SignOnFactory(campaign=campaign, organization=org_admin.organization)
    client.force_login(org_admin)

    client.post(
        campaign.url + "sign-on/withdraw/",
        {"organization": org_admin.organization.pk},
    )

    signon.refresh_from_db()
    assert signon.status == SignOnStatus.WITHDRAWN
    client.logout()
    assert "Riverbend Tenants United" not in client.get(campaign.url).content.decode()

    client.force_login(org_admin)
    client.post(sign_on_url(campaign), {"organization": org_admin.organization.pk})
    signon.refresh_from_db()
    assert signon.status == SignOnStatus.PENDING
    assert SignOn.objects.count() == 1


def test_no_withdrawal_once_the_campaign_has_closed(client, campaign, org_admin):
    signon = SignOnFactory(campaign=campaign, organization=org_admin.organization)
    campaign.status = CampaignStatus.CONCLUDED
    campaign.save_revision().publish()
    client.force_login(org_admin)

    response = client.post(
        campaign.url + "sign-on/withdraw/",
        {"organization": org_admin.organization.pk},
        follow=True,
    )

    signon.refresh_from_db()
    assert signon.status == SignOnStatus.APPROVED
    assert "can no longer be withdrawn" in response.content.decode()


def test_nobody_else_can_withdraw_an_organizations_sign_on(
    client, campaign, org_admin, make_org
):
    other_admin = UserFactory()
    MembershipFactory(
        user=other_admin, organization=make_org("Another Org"), role="admin"
    )
    signon = SignOnFactory(campaign=campaign, organization=org_admin.organization)
    client.force_login(other_admin)

    client.post(
        campaign.url + "sign-on/withdraw/",
        {"organization": org_admin.organization.pk},
    )

    signon.refresh_from_db()
    assert signon.status == SignOnStatus.APPROVED


def test_a_concluded_campaign_takes_no_sign_ons(client, campaign_index, org_admin):
    campaign = CampaignPageFactory(
        parent=campaign_index, status=CampaignStatus.CONCLUDED
    )
    client.force_login(org_admin)

    html = client.get(campaign.url).content.decode()
    assert "has closed and takes no more sign-ons" in html

    response = client.post(
        sign_on_url(campaign), {"organization": org_admin.organization.pk}
    )
    assert response.status_code == 200
    assert "not taking sign-ons" in response.content.decode()
    assert not SignOn.objects.exists()


def test_a_coordinator_approves_through_the_action(campaign, org_admin, coordinator):
    from campaigns import actions

    signon = SignOnFactory(
        campaign=campaign,
        organization=org_admin.organization,
        status=SignOnStatus.PENDING,
    )

    actions.do_decide(coordinator, signon, SignOnStatus.APPROVED)

    signon.refresh_from_db()
    assert signon.status == SignOnStatus.APPROVED
    assert signon.decided_by == coordinator
    assert signon.decided_at is not None


def test_an_org_admin_cannot_approve_their_own_sign_on(campaign, org_admin):
    from django.core.exceptions import PermissionDenied

    from campaigns import actions

    signon = SignOnFactory(
        campaign=campaign,
        organization=org_admin.organization,
        status=SignOnStatus.PENDING,
    )
    with pytest.raises(PermissionDenied):
        actions.do_decide(org_admin, signon, SignOnStatus.APPROVED)
