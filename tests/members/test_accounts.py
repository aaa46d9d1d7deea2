"""Sign in and out, password reset and two-factor for staff. The sign-in throttle
of every password and code door: test_sign_in_throttle.py."""

import re

import pytest
from django.core import mail
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from home.throttle import Limit
from tests.factories import UserFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("two_factor_required"),
]


@pytest.fixture
def person(db):
    return UserFactory(username="rosa", email="rosa@example.org")


def sign_in(client, username="rosa", password="a-long-password", **extra):  # noqa: S107
    return client.post(
        "/accounts/login/", {"username": username, "password": password}, **extra
    )


def current_code(device):
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():06d}"


def test_sign_in_and_out_use_the_sites_own_pages(client, person):
    page = client.get("/accounts/login/")
    assert page.status_code == 200
    assert 'href="/static/css/site.css"' in page.content.decode()

    response = sign_in(client)
    assert response.status_code == 302
    assert response["Location"] == "/account/"
    assert client.post("/accounts/logout/").status_code == 302
    assert client.get("/account/").status_code == 302


def test_a_wrong_password_is_refused_with_a_400(client, person):
    response = sign_in(client, password="wrong")

    assert response.status_code == 400
    assert "Please enter a correct username and password" in response.content.decode()
    assert 'value="rosa"' in response.content.decode()


def test_a_limit_window_counts_atomically_and_resets():
    limit = Limit("test", limit=2, window=60)

    assert limit.hit("a") and limit.hit("a")
    assert not limit.hit("a")
    assert limit.is_exceeded("a") and not limit.is_exceeded("b")
    limit.reset("a")
    assert limit.hit("a")


def test_password_reset_emails_a_single_use_link(
    client, person, django_capture_on_commit_callbacks
):
    response = client.post("/accounts/password/reset/", {"email": "rosa@example.org"})
    assert response.status_code == 302
    link = re.search(r"(/accounts/password/reset/[^/]+/[^/]+/)", mail.outbox[0].body)
    confirm = client.get(link.group(1), follow=True)
    assert confirm.status_code == 200
    set_url = confirm.redirect_chain[-1][0]

    done = client.post(
        set_url,
        {"new_password1": "a-brand-new-phrase", "new_password2": "a-brand-new-phrase"},
    )

    assert done.status_code == 302
    person.refresh_from_db()
    assert person.check_password("a-brand-new-phrase")
    again = client.get(link.group(1), follow=True)
    assert "expired or was already used" in again.content.decode()


def test_password_reset_says_the_same_for_unknown_addresses(client, db):
    response = client.post("/accounts/password/reset/", {"email": "who@example.org"})

    assert response.status_code == 302
    assert response["Location"] == "/accounts/password/reset/sent/"
    assert mail.outbox == []


def test_a_coordinator_sets_up_two_factor_then_reaches_the_admin(client, coordinator):
    client.force_login(coordinator)
    setup = client.get("/accounts/two-factor/?next=/admin/")
    assert setup.status_code == 200
    assert "Set up two-factor sign-in" in setup.content.decode()
    device = TOTPDevice.objects.get(user=coordinator, confirmed=False)
    assert setup.context["secret"] in setup.content.decode()

    wrong = client.post("/accounts/two-factor/", {"token": "000000", "next": "/admin/"})
    assert wrong.status_code == 400
    device.refresh_from_db()
    device.throttle_reset()  # django-otp's own back-off after a wrong code
    right = client.post(
        "/accounts/two-factor/", {"token": current_code(device), "next": "/admin/"}
    )

    # On to the recovery codes, shown once (test_two_factor_recovery_codes.py),
    # and from there to the admin.
    assert right.status_code == 302
    assert right["Location"] == "/accounts/two-factor/recovery-codes/?next=%2Fadmin%2F"
    device.refresh_from_db()
    assert device.confirmed
    assert 'href="/admin/"' in client.get(right["Location"]).content.decode()
    assert client.get("/admin/").status_code == 200


def test_two_factor_codes_are_throttled(client, coordinator):
    client.force_login(coordinator)
    client.get("/accounts/two-factor/")
    device = TOTPDevice.objects.get(user=coordinator)
    for _attempt in range(5):
        client.post("/accounts/two-factor/", {"token": "000000"})
        device.refresh_from_db()
        device.throttle_reset()

    response = client.post("/accounts/two-factor/", {"token": current_code(device)})

    assert response.status_code == 429
    assert not client.session.get("otp_device_id")


def test_a_next_address_on_another_host_is_ignored(client, coordinator):
    client.force_login(coordinator)
    client.get("/accounts/two-factor/")
    device = TOTPDevice.objects.get(user=coordinator)

    response = client.post(
        "/accounts/two-factor/",
        {"token": current_code(device), "next": "https://evil.example/"},
    )

    assert response["Location"] == (
        "/accounts/two-factor/recovery-codes/?next=%2Fadmin%2F"
    )


def test_signed_in_account_pages_are_private_and_strictly_scripted(client, person):
    client.force_login(person)

    response = client.get("/account/")

    assert "no-store" in response["Cache-Control"]
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert "<script>" not in response.content.decode()


def test_two_factor_is_required_outside_the_test_settings():
    from network.settings import base

    assert base.MEMBERS_REQUIRE_TWO_FACTOR is True
    assert "django_otp.middleware.OTPMiddleware" in base.MIDDLEWARE
    assert base.WAGTAILADMIN_LOGIN_URL == "/accounts/login/"
