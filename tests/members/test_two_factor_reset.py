"""A coordinator resets another person's two-factor sign-in from the admin:
confirmed with a POST, audited, and the person told by email. Only a
coordinator who confirmed their own second factor may, never for themselves."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.test import Client
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import ModelLogEntry

from members.actions.two_factor import do_make_recovery_codes
from tests.conftest import pass_two_factor
from tests.factories import CoordinatorFactory, UserFactory

pytestmark = pytest.mark.django_db


def reset_url(person):
    return f"/admin/two-factor/{person.pk}/reset/"


@pytest.fixture
def member(db):
    """Someone with an authenticator app and recovery codes."""
    person = UserFactory(
        username="rosa", first_name="Rosa", last_name="Luna", email="rosa@example.org"
    )
    TOTPDevice.objects.create(user=person, name="app", confirmed=True)
    do_make_recovery_codes(person)
    return person


def devices_of(person):
    return (
        TOTPDevice.objects.filter(user=person).count(),
        StaticDevice.objects.filter(user=person).count(),
        StaticToken.objects.filter(device__user=person).count(),
    )


def test_a_coordinator_resets_a_members_devices_audited_and_emailed(
    coordinator_client, coordinator, member, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(reset_url(member))

    assert response.status_code == 302
    assert response["Location"] == "/admin/two-factor/"
    assert devices_of(member) == (0, 0, 0)
    entry = ModelLogEntry.objects.get(action="members.two_factor.reset")
    assert entry.user_id == coordinator.pk
    assert entry.object_id == str(member.pk)
    assert entry.content_type.model_class()._meta.label == "members.User"
    assert entry.message == (
        "Two-factor sign-in of Rosa Luna reset by "
        f"{coordinator.get_full_name()} "
        "(1 authenticator app and 10 recovery codes removed)"
    )
    assert [message.to for message in mail.outbox] == [["rosa@example.org"]]
    email = mail.outbox[0]
    assert "reset your two-factor sign-in" in email.body
    assert coordinator.get_full_name() in email.body
    assert "/accounts/login/" in email.body


def test_the_audit_log_report_shows_the_reset_in_words(
    coordinator_client, coordinator, member
):
    coordinator_client.post(reset_url(member))
    client = Client()
    superuser = UserFactory(username="root", is_superuser=True, is_staff=True)
    client.force_login(superuser)
    pass_two_factor(client, superuser)

    report = client.get("/admin/reports/site-history/")

    assert report.status_code == 200
    html = report.content.decode()
    assert "Reset two-factor sign-in" in html
    assert "Two-factor sign-in of Rosa Luna reset by" in html


def test_after_a_reset_the_person_sets_up_again_and_old_sessions_ask_again(
    coordinator_client, member
):
    client = Client()
    client.force_login(member)
    session = client.session
    session["otp_device_id"] = TOTPDevice.objects.get(user=member).persistent_id
    session.save()
    assert client.get("/accounts/two-factor/")["Location"] == "/admin/"  # confirmed

    coordinator_client.post(reset_url(member))

    again = client.get("/accounts/two-factor/")
    assert again.status_code == 200
    assert "Set up two-factor sign-in" in again.content.decode()


def test_the_get_asks_for_confirmation_and_resets_nothing(coordinator_client, member):
    response = coordinator_client.get(reset_url(member))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Reset the two-factor sign-in of Rosa Luna (rosa)?" in html
    assert 'method="post"' in html
    assert "csrfmiddlewaretoken" in html
    assert devices_of(member) == (1, 1, 10)
    assert not ModelLogEntry.objects.filter(action="members.two_factor.reset").exists()


def test_the_reset_needs_the_csrf_token(coordinator, member):
    client = Client(enforce_csrf_checks=True)
    client.force_login(coordinator)
    pass_two_factor(client, coordinator)

    response = client.post(reset_url(member))

    assert response.status_code == 403
    assert devices_of(member) == (1, 1, 10)


def test_someone_with_admin_access_who_is_no_coordinator_is_refused(client, member):
    editor = UserFactory(username="editor")
    group = Group.objects.create(name="Admin users")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    editor.groups.add(group)
    client.force_login(editor)
    pass_two_factor(client, editor)

    listing = client.get("/admin/two-factor/")
    response = client.post(reset_url(member))

    # Wagtail's answer to a refused admin view: back to the dashboard, with a note.
    assert listing.status_code == response.status_code == 302
    assert response["Location"] == "/admin/"
    assert devices_of(member) == (1, 1, 10)


def test_a_member_without_admin_access_is_refused(client, member):
    other = UserFactory(username="other")
    client.force_login(other)

    assert client.post(reset_url(member)).status_code == 403
    assert devices_of(member) == (1, 1, 10)


def test_a_coordinator_who_has_not_confirmed_their_own_second_factor_is_refused(
    client, coordinator, member
):
    """Even where the settings do not require two-factor elsewhere (as in most of
    the test suite), this door does."""
    client.force_login(coordinator)

    listing = client.get("/admin/two-factor/")
    response = client.post(reset_url(member))

    assert listing.status_code == response.status_code == 302
    assert response["Location"] == "/admin/"
    assert devices_of(member) == (1, 1, 10)


def test_where_two_factor_is_required_the_admin_gate_asks_for_it_first(
    client, coordinator, member, two_factor_required
):
    client.force_login(coordinator)

    response = client.post(reset_url(member))

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/two-factor/?next=")
    assert devices_of(member) == (1, 1, 10)


def test_a_coordinator_cannot_reset_their_own_through_this_door(
    coordinator_client, coordinator
):
    do_make_recovery_codes(coordinator)

    page = coordinator_client.get(reset_url(coordinator))
    response = coordinator_client.post(reset_url(coordinator))

    assert page.status_code == response.status_code == 403
    assert "cannot reset your own" in response.content.decode()
    assert 'method="post"' not in page.content.decode()
    assert devices_of(coordinator) == (1, 1, 10)


def test_another_coordinators_device_can_be_reset(coordinator_client):
    colleague = CoordinatorFactory(username="colleague")
    pass_two_factor(Client(), colleague)

    assert coordinator_client.post(reset_url(colleague)).status_code == 302
    assert devices_of(colleague) == (0, 0, 0)


def test_a_site_administrators_device_takes_a_site_administrator(
    coordinator_client,
):
    client = Client()
    administrator = UserFactory(username="root", is_superuser=True, is_staff=True)
    TOTPDevice.objects.create(user=administrator, name="app", confirmed=True)
    other_administrator = UserFactory(username="root2", is_superuser=True)
    client.force_login(other_administrator)
    pass_two_factor(client, other_administrator)

    refused = coordinator_client.post(reset_url(administrator))
    assert refused.status_code == 403
    assert "only a site administrator can" in refused.content.decode()
    assert TOTPDevice.objects.filter(user=administrator).exists()

    assert client.post(reset_url(administrator)).status_code == 302
    assert not TOTPDevice.objects.filter(user=administrator).exists()


def test_nothing_to_reset_is_said_and_not_logged(coordinator_client):
    newcomer = UserFactory(username="newcomer", first_name="Nia", last_name="Sol")

    response = coordinator_client.post(reset_url(newcomer))

    assert response.status_code == 400
    assert "Nia Sol has not set up two-factor sign-in" in response.content.decode()
    assert not ModelLogEntry.objects.filter(action="members.two_factor.reset").exists()
    assert mail.outbox == []


def test_an_id_no_person_has_is_not_found(coordinator_client):
    assert coordinator_client.get("/admin/two-factor/999999/reset/").status_code == 404


def test_the_desk_lists_people_with_two_factor_and_links_the_reset(
    coordinator_client, coordinator, member
):
    UserFactory(username="nodevice")

    response = coordinator_client.get("/admin/two-factor/")

    assert response.status_code == 200
    people = list(response.context["people"])
    # By last name: Luna, then the coordinator's Member…; nobody without a device.
    assert [person.username for person in people] == ["rosa", coordinator.username]
    by_name = {person.username: person for person in people}
    assert by_name["rosa"].recovery_codes_left == 10
    html = response.content.decode()
    assert f'href="{reset_url(member)}"' in html
    assert f'href="{reset_url(coordinator)}"' not in html


def test_the_desk_takes_the_same_queries_for_more_people(
    coordinator_client, django_assert_max_num_queries
):
    def people(count, start):
        for number in range(start, start + count):
            person = UserFactory(username=f"staff{number}")
            TOTPDevice.objects.create(user=person, name="app", confirmed=True)
            do_make_recovery_codes(person)

    people(2, 0)
    with django_assert_max_num_queries(30) as few:
        coordinator_client.get("/admin/two-factor/")
    people(20, 2)
    with django_assert_max_num_queries(len(few.captured_queries)):
        coordinator_client.get("/admin/two-factor/")


def test_the_desk_is_in_the_coordinators_settings_menu(coordinator_client):
    response = coordinator_client.get("/admin/")

    assert "/admin/two-factor/" in response.content.decode()


def test_wagtails_users_listing_offers_the_reset_to_administrators(client, member):
    administrator = UserFactory(username="root", is_superuser=True, is_staff=True)
    client.force_login(administrator)
    pass_two_factor(client, administrator)

    response = client.get("/admin/users/")

    html = response.content.decode()
    assert f'href="{reset_url(member)}"' in html
    assert f'href="{reset_url(administrator)}"' not in html
