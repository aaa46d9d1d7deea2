"""Invitations (single use, expiring) and organization admins managing their team."""

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone
from wagtail.models import PageLogEntry

from members.models import Invitation, Membership, User
from tests.factories import MembershipFactory, UserFactory, make_invitation

pytestmark = pytest.mark.django_db

PASSWORD = {
    "new_password1": "tenants-unite-2026",
    "new_password2": "tenants-unite-2026",
}


def test_accepting_an_invitation_sets_a_password_signs_in_and_joins(client, org_a):
    invitation, token = make_invitation(org_a, "new@example.org", role="editor")

    page = client.get(f"/accounts/invitations/{token}/")
    assert page.status_code == 200
    assert "Org A Tenants United" in page.content.decode()
    response = client.post(
        f"/accounts/invitations/{token}/",
        {**PASSWORD, "first_name": "Noor", "last_name": "Haddad"},
    )

    assert response.status_code == 302
    assert response["Location"] == "/account/"
    user = User.objects.get(email="new@example.org")
    assert user.check_password("tenants-unite-2026")
    assert user.first_name == "Noor"
    assert Membership.objects.get(user=user, organization=org_a).role == "editor"
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None and invitation.accepted_by == user
    assert client.get("/account/").context["user"] == user
    assert PageLogEntry.objects.filter(action="members.invitation.accept").exists()


def test_an_invitation_link_works_only_once(client, org_a):
    _invitation, token = make_invitation(org_a, "new@example.org")
    client.post(f"/accounts/invitations/{token}/", PASSWORD)
    client.logout()

    again = client.get(f"/accounts/invitations/{token}/")
    post_again = client.post(f"/accounts/invitations/{token}/", PASSWORD)

    assert again.status_code == 410
    assert post_again.status_code == 410
    assert "no longer works" in again.content.decode()


def test_an_expired_invitation_is_refused(client, org_a):
    invitation, token = make_invitation(org_a, "new@example.org")
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )

    assert client.get(f"/accounts/invitations/{token}/").status_code == 410
    assert client.post(f"/accounts/invitations/{token}/", PASSWORD).status_code == 410
    assert not User.objects.filter(email="new@example.org").exists()


def test_an_unknown_invitation_token_is_not_found(client, db):
    assert client.get("/accounts/invitations/made-up-token/").status_code == 404


def test_a_weak_or_mismatched_password_is_explained_and_names_are_kept(client, org_a):
    _invitation, token = make_invitation(org_a, "new@example.org")

    mismatch = client.post(
        f"/accounts/invitations/{token}/",
        {
            "first_name": "Noor",
            "new_password1": "tenants-unite-2026",
            "new_password2": "x",
        },
    )
    weak = client.post(
        f"/accounts/invitations/{token}/",
        {"new_password1": "12345678901", "new_password2": "12345678901"},
    )

    assert mismatch.status_code == 400
    assert "not the same" in mismatch.content.decode()
    assert 'value="Noor"' in mismatch.content.decode()
    assert weak.status_code == 400
    assert "entirely numeric" in weak.content.decode()
    assert not User.objects.filter(email="new@example.org").exists()


def test_an_existing_account_accepts_by_signing_in_with_the_invited_address(
    client, org_a, user_b
):
    _invitation, token = make_invitation(org_a, user_b.email, role="admin")

    anonymous = client.get(f"/accounts/invitations/{token}/")
    assert anonymous.status_code == 200
    assert "You already have an account" in anonymous.content.decode()

    stranger = UserFactory(username="stranger", email="stranger@example.org")
    client.force_login(stranger)
    assert client.get(f"/accounts/invitations/{token}/").status_code == 403

    client.force_login(user_b)
    response = client.post(f"/accounts/invitations/{token}/")
    assert response.status_code == 302
    assert Membership.objects.get(user=user_b, organization=org_a).role == "admin"
    account = client.get("/account/").content.decode()
    assert "Org A Tenants United" in account and "Org B Hidden Defenders" in account


def test_an_admin_invites_a_colleague_by_email(
    client, admin_a, org_a, django_capture_on_commit_callbacks
):
    client.force_login(admin_a)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/account/organizations/{org_a.pk}/people/invite/",
            {"email": "colleague@example.org", "role": "editor"},
        )

    assert response.status_code == 302
    invitation = Invitation.objects.get(email="colleague@example.org")
    assert invitation.organization == org_a and invitation.invited_by == admin_a
    assert mail.outbox[0].to == ["colleague@example.org"]
    token = re.search(r"/accounts/invitations/([\w-]+)/", mail.outbox[0].body).group(1)
    assert client.get(f"/accounts/invitations/{token}/").status_code == 200
    assert PageLogEntry.objects.filter(action="members.invitation.send").exists()


def test_inviting_someone_already_on_the_team_is_explained(
    client, admin_a, editor_a, org_a
):
    client.force_login(admin_a)

    response = client.post(
        f"/account/organizations/{org_a.pk}/people/invite/",
        {"email": "EDITOR_A@example.org", "role": "editor"},
    )

    assert response.status_code == 400
    assert "already on your team" in response.content.decode()
    assert 'value="EDITOR_A@example.org"' in response.content.decode()


def test_an_invalid_invitation_email_keeps_what_was_typed(client, admin_a, org_a):
    client.force_login(admin_a)

    response = client.post(
        f"/account/organizations/{org_a.pk}/people/invite/",
        {"email": "not-an-address", "role": "editor"},
    )

    assert response.status_code == 400
    assert 'value="not-an-address"' in response.content.decode()
    assert Invitation.objects.count() == 0


def test_an_admin_changes_a_role_and_removes_a_colleague(
    client, admin_a, editor_a, org_a
):
    client.force_login(admin_a)
    membership = Membership.objects.get(user=editor_a)

    promoted = client.post(
        f"/account/organizations/{org_a.pk}/people/{membership.pk}/role/",
        {"role": "admin"},
    )
    assert promoted.status_code == 302
    membership.refresh_from_db()
    assert membership.role == "admin"

    removed = client.post(
        f"/account/organizations/{org_a.pk}/people/{membership.pk}/remove/"
    )
    assert removed.status_code == 302
    assert not Membership.objects.filter(pk=membership.pk).exists()
    assert set(
        PageLogEntry.objects.filter(page=org_a).values_list("action", flat=True)
    ) >= {"members.membership.role", "members.membership.remove"}


def test_the_last_admin_cannot_be_demoted_or_removed(client, admin_a, org_a):
    client.force_login(admin_a)
    membership = Membership.objects.get(user=admin_a)

    client.post(
        f"/account/organizations/{org_a.pk}/people/{membership.pk}/role/",
        {"role": "editor"},
    )
    response = client.post(
        f"/account/organizations/{org_a.pk}/people/{membership.pk}/remove/",
        follow=True,
    )

    membership.refresh_from_db()
    assert membership.role == "admin"
    assert "at least one admin" in response.content.decode()


def test_an_admin_cancels_an_unused_invitation(client, admin_a, org_a):
    invitation, token = make_invitation(org_a, "maybe@example.org")
    client.force_login(admin_a)

    response = client.post(
        f"/account/organizations/{org_a.pk}/invitations/{invitation.pk}/cancel/"
    )

    assert response.status_code == 302
    assert not Invitation.objects.filter(pk=invitation.pk).exists()
    client.logout()
    assert client.get(f"/accounts/invitations/{token}/").status_code == 404


def test_my_account_lists_every_organization_and_my_pending_invitations(
    client, org_a, org_b, editor_a
):
    MembershipFactory(user=editor_a, organization=org_b, role="admin")
    make_invitation(org_b, "someone-else@example.org")
    from tests.factories import MemberOrganizationPageFactory

    org_c = MemberOrganizationPageFactory(parent=org_a.get_parent(), title="Org C")
    make_invitation(org_c, editor_a.email)
    client.force_login(editor_a)

    html = client.get("/account/").content.decode()

    assert "Org A Tenants United" in html
    assert "Org B Hidden Defenders" in html
    assert "Org C invited you as Editor" in html
    assert "NOTIFICATIONS SLOT" not in html  # a template comment, not output


def test_the_team_page_query_count_does_not_grow_with_the_team(
    client, admin_a, org_a, django_assert_max_num_queries
):
    client.force_login(admin_a)
    url = f"/account/organizations/{org_a.pk}/"
    client.get(url)
    for number in range(2):
        MembershipFactory(user=UserFactory(), organization=org_a, role="editor")
        make_invitation(org_a, f"small{number}@example.org")
    with django_assert_max_num_queries(40) as small:
        assert client.get(url).status_code == 200
    for number in range(25):
        MembershipFactory(user=UserFactory(), organization=org_a, role="editor")
        make_invitation(org_a, f"big{number}@example.org")
        org_a.save_revision(user=admin_a)
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert client.get(url).status_code == 200


def test_an_editor_is_told_plainly_that_only_admins_manage_the_team(
    client, editor_a, org_a
):
    client.force_login(editor_a)

    response = client.post(
        f"/account/organizations/{org_a.pk}/people/invite/",
        {"email": "x@example.org", "role": "editor"},
    )

    assert response.status_code == 403
    assert "Only the organization" in response.content.decode()
    assert Invitation.objects.count() == 0


def test_an_empty_post_to_the_join_form_shows_every_required_field(client, db):
    response = client.post("/join/", {})

    assert response.status_code == 400
    assert "Enter your organization" in response.content.decode()


def test_my_account_query_count_does_not_grow_with_my_organizations(
    client, editor_a, org_a, django_assert_max_num_queries
):
    from tests.factories import MemberOrganizationPageFactory

    client.force_login(editor_a)
    client.get("/account/")

    def join_more(count, prefix):
        for number in range(count):
            org = MemberOrganizationPageFactory(
                parent=org_a.get_parent(), title=f"{prefix} {number}"
            )
            MembershipFactory(user=editor_a, organization=org, role="editor")
            make_invitation(org, f"{prefix.lower()}{number}@example.org")
            make_invitation(org, editor_a.email)

    join_more(2, "Small")
    with django_assert_max_num_queries(30) as small:
        assert client.get("/account/").status_code == 200
    join_more(20, "Big")
    with django_assert_max_num_queries(len(small.captured_queries)):
        html = client.get("/account/").content.decode()
    assert "Big 19" in html
