"""One sign-in throttle (django-axes, members.throttle) behind every door that checks
a password or a one-time code: the site's sign-in, Wagtail's own /_util/login/,
password change, the two-factor code, and Wagtail's page and document passwords.

It throttles the attempt, not the account: failures count per account from one
address, and per address over all accounts; the member elsewhere is never held.
"""

import base64
import logging
import re
from dataclasses import dataclass

import pytest
from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.core import mail
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import (
    BaseViewRestriction,
    Collection,
    CollectionViewRestriction,
    PageViewRestriction,
)

from members.throttle import ADDRESS_FAILURE_LIMIT
from tests.factories import CoordinatorFactory, UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-password"  # the factories' password
HOME = "10.0.0.1"  # where the member is
ELSEWHERE = "10.9.9.9"  # where someone else is
LIMIT = settings.AXES_FAILURE_LIMIT


@dataclass
class Door:
    """One way in: `attempt(right, address)` submits the right or a wrong secret for
    `account` from `address`; `passed(response)` says whether it let the person in."""

    name: str
    account: str
    attempt: object
    passed: object


def signed_in(client):
    return lambda response: (
        response.status_code == 302 and ("_auth_user_id" in client.session)
    )


def redirected(response):
    return response.status_code == 302


def sign_in_door(client, path, username):
    def attempt(right, address):
        return client.post(
            path,
            {"username": username, "password": PASSWORD if right else "a-wrong-guess"},
            REMOTE_ADDR=address,
        )

    return Door(path, username, attempt, signed_in(client))


def code_now(device, drift=0):
    totp = TOTP(
        device.bin_key, device.step, device.t0, device.digits, device.drift + drift
    )
    return f"{totp.token():06d}"


def a_wrong_code(device):
    valid = {code_now(device, drift) for drift in (-1, 0, 1)}  # django-otp's tolerance
    return next(code for code in ("000000", "111111", "222222") if code not in valid)


def two_factor_door(client, coordinator):
    client.force_login(coordinator)
    device = TOTPDevice.objects.create(user=coordinator, name="app", confirmed=True)

    def attempt(right, address):
        device.refresh_from_db()
        device.throttle_reset()  # django-otp's own back-off is not what is tested
        return client.post(
            "/accounts/two-factor/",
            {"token": code_now(device) if right else a_wrong_code(device)},
            REMOTE_ADDR=address,
        )

    def passed(response):
        return response.status_code == 302 and "otp_device_id" in client.session

    return Door("two-factor", coordinator.username, attempt, passed)


def password_change_door(client, person):
    client.force_login(person)

    def attempt(right, address):
        return client.post(
            "/accounts/password/change/",
            {
                "old_password": PASSWORD if right else "a-wrong-guess",
                "new_password1": "a-brand-new-phrase",
                "new_password2": "a-brand-new-phrase",
            },
            REMOTE_ADDR=address,
        )

    def passed(response):
        person.refresh_from_db()
        return redirected(response) and person.check_password("a-brand-new-phrase")

    return Door("password change", person.username, attempt, passed)


def restriction_door(client, name, path, restriction):
    def attempt(right, address):
        return client.post(
            path,
            {
                "password": "open-sesame-42" if right else "a-wrong-guess",
                "return_url": "/",
            },
            REMOTE_ADDR=address,
        )

    return Door(name, f"restriction {restriction.pk}", attempt, redirected)


def page_password_door(client, home_page):
    restriction = PageViewRestriction.objects.create(
        page=home_page,
        restriction_type=BaseViewRestriction.PASSWORD,
        password="open-sesame-42",
    )
    path = f"/_util/authenticate_with_password/{restriction.pk}/{home_page.pk}/"
    return restriction_door(client, "page password", path, restriction)


def document_password_door(client):
    restriction = CollectionViewRestriction.objects.create(
        collection=Collection.get_first_root_node(),
        restriction_type=BaseViewRestriction.PASSWORD,
        password="open-sesame-42",
    )
    path = f"/documents/authenticate_with_password/{restriction.pk}/"
    return restriction_door(client, "document password", path, restriction)


DOORS = [
    "site sign-in",
    "wagtail sign-in",
    "password change",
    "two-factor",
    "page password",
    "document password",
]


@pytest.fixture
def person(db):
    return UserFactory(username="lena")


@pytest.fixture
def door(request, client, person, home_page):
    name = request.param
    if name == "site sign-in":
        return sign_in_door(client, "/accounts/login/", person.username)
    if name == "wagtail sign-in":
        return sign_in_door(client, "/_util/login/", person.username)
    if name == "password change":
        return password_change_door(client, person)
    if name == "two-factor":
        return two_factor_door(client, CoordinatorFactory(username="coord"))
    if name == "page password":
        return page_password_door(client, home_page)
    return document_password_door(client)


@pytest.mark.parametrize("door", DOORS, indirect=True)
def test_after_repeated_wrong_secrets_even_the_right_one_is_refused_from_there(door):
    for _attempt in range(LIMIT - 1):
        assert door.attempt(right=False, address=ELSEWHERE).status_code in (200, 400)
    assert door.attempt(right=False, address=ELSEWHERE).status_code == 429

    response = door.attempt(right=True, address=ELSEWHERE)

    assert response.status_code == 429
    assert not door.passed(response)


@pytest.mark.parametrize("door", DOORS, indirect=True)
def test_wrong_secrets_from_elsewhere_do_not_lock_the_member_out(door):
    for _attempt in range(LIMIT + 3):
        door.attempt(right=False, address=ELSEWHERE)

    assert door.passed(door.attempt(right=True, address=HOME))


@pytest.mark.parametrize("door", DOORS, indirect=True)
def test_a_right_secret_before_the_limit_lets_the_person_in(door):
    for _attempt in range(LIMIT - 1):
        door.attempt(right=False, address=HOME)

    assert door.passed(door.attempt(right=True, address=HOME))


def test_one_account_counts_its_failures_across_every_door(client, person):
    """Wrong passwords on the site's and Wagtail's sign-in pages, a wrong current
    password and a wrong two-factor code all count for the same account."""
    coordinator = CoordinatorFactory(username="coord")
    site = sign_in_door(client, "/accounts/login/", coordinator.username)
    wagtail = sign_in_door(client, "/_util/login/", coordinator.username)
    code = two_factor_door(client, coordinator)
    change = password_change_door(client, coordinator)
    client.logout()

    site.attempt(right=False, address=HOME)
    wagtail.attempt(right=False, address=HOME)
    client.force_login(coordinator)
    code.attempt(right=False, address=HOME)
    assert change.attempt(right=False, address=HOME).status_code == 200
    client.logout()
    assert LIMIT == 5  # four failures so far: the next one is the fifth
    assert wagtail.attempt(right=False, address=HOME).status_code == 429

    assert site.attempt(right=True, address=HOME).status_code == 429
    assert wagtail.attempt(right=True, address=HOME).status_code == 429
    client.force_login(coordinator)
    assert code.attempt(right=True, address=HOME).status_code == 429
    assert change.attempt(right=True, address=HOME).status_code == 429
    client.logout()
    assert site.passed(site.attempt(right=True, address=ELSEWHERE))


def test_the_site_and_wagtail_sign_in_pages_share_one_count(client, person):
    site = sign_in_door(client, "/accounts/login/", person.username)
    wagtail = sign_in_door(client, "/_util/login/", person.username)
    for _attempt in range(3):
        site.attempt(right=False, address=HOME)
    for _attempt in range(2):
        wagtail.attempt(right=False, address=HOME)

    assert wagtail.attempt(right=True, address=HOME).status_code == 429
    assert site.attempt(right=True, address=HOME).status_code == 429


def test_one_address_is_paused_after_too_many_failures_over_all_accounts_and_doors(
    client, person, home_page
):
    page = page_password_door(client, home_page)
    document = document_password_door(client)
    failures = [page, document] + [
        sign_in_door(client, "/_util/login/", f"nobody{number}") for number in range(5)
    ]
    count = 0
    while count < ADDRESS_FAILURE_LIMIT - 1:
        for door in failures:
            if count < ADDRESS_FAILURE_LIMIT - 1:
                door.attempt(right=False, address=ELSEWHERE)
                count += 1
    lena = sign_in_door(client, "/accounts/login/", person.username)
    assert lena.passed(lena.attempt(right=True, address=ELSEWHERE))
    client.logout()

    assert failures[-1].attempt(right=False, address=ELSEWHERE).status_code == 429
    assert lena.attempt(right=True, address=ELSEWHERE).status_code == 429
    assert page.attempt(right=True, address=ELSEWHERE).status_code == 429
    assert lena.passed(lena.attempt(right=True, address=HOME))


def test_the_admins_own_sign_in_form_checks_no_password(client, person):
    response = client.post(
        "/admin/login/", {"username": person.username, "password": PASSWORD}
    )

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/"
    assert "_auth_user_id" not in client.session


def test_the_admins_account_page_has_no_unthrottled_password_change(
    coordinator_client, coordinator
):
    page = coordinator_client.get("/admin/account/")
    coordinator_client.post(
        "/admin/account/",
        {
            "password-old_password": "a-wrong-guess",
            "password-new_password1": "a-brand-new-phrase",
            "password-new_password2": "a-brand-new-phrase",
        },
    )

    assert page.status_code == 200
    assert 'type="password"' not in page.content.decode()
    coordinator.refresh_from_db()
    assert coordinator.check_password(PASSWORD)


def test_the_pause_says_how_long_to_wait_and_how_to_reset_the_password(client, person):
    door = sign_in_door(client, "/accounts/login/", person.username)
    for _attempt in range(LIMIT):
        door.attempt(right=False, address=HOME)

    response = door.attempt(right=True, address=HOME)
    text = response.content.decode()

    assert response.status_code == 429
    assert "Wait 15 minutes, then try again." in text
    assert 'href="/accounts/password/reset/"' in text
    assert 'href="/static/css/site.css"' in text
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"]
    assert "no-store" in response["Cache-Control"]


def test_a_password_reset_lifts_the_pause_from_the_members_address(
    client, person, django_capture_on_commit_callbacks
):
    door = sign_in_door(client, "/accounts/login/", person.username)
    for _attempt in range(LIMIT):
        door.attempt(right=False, address=HOME)
    client.post("/accounts/password/reset/", {"email": person.email}, REMOTE_ADDR=HOME)
    link = re.search(r"(/accounts/password/reset/[^/]+/[^/]+/)", mail.outbox[0].body)
    confirm = client.get(link.group(1), follow=True, REMOTE_ADDR=HOME)
    client.post(
        confirm.redirect_chain[-1][0],
        {"new_password1": "a-brand-new-phrase", "new_password2": "a-brand-new-phrase"},
        REMOTE_ADDR=HOME,
    )

    response = client.post(
        "/accounts/login/",
        {"username": person.username, "password": "a-brand-new-phrase"},
        REMOTE_ADDR=HOME,
    )

    assert response.status_code == 302
    assert "_auth_user_id" in client.session


def test_behind_a_proxy_the_throttle_counts_the_address_the_proxy_added(
    client, person, settings
):
    """The same client-address rule as every other limit (home.throttle): the last
    X-Forwarded-For entry, not the ones the client wrote itself."""
    settings.CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"

    def attempt(password, forwarded_for):
        return client.post(
            "/accounts/login/",
            {"username": person.username, "password": password},
            HTTP_X_FORWARDED_FOR=forwarded_for,
        )

    for number in range(LIMIT):
        attempt("a-wrong-guess", f"192.0.2.{number}, {ELSEWHERE}")

    assert attempt(PASSWORD, f"{HOME}, {ELSEWHERE}").status_code == 429
    assert attempt(PASSWORD, f"{ELSEWHERE}, {HOME}").status_code == 302


def test_while_the_cache_is_unreachable_sign_in_still_works_and_says_so(
    client, person, monkeypatch, caplog
):
    class Unreachable:
        def __getattr__(self, name):
            def fail(*args, **kwargs):
                raise ConnectionError("cache down")

            return fail

    monkeypatch.setattr(AxesProxyHandler.get_implementation(), "cache", Unreachable())
    door = sign_in_door(client, "/accounts/login/", person.username)

    with caplog.at_level(logging.ERROR, logger="members.throttle"):
        assert door.attempt(right=False, address=HOME).status_code == 400
        assert door.passed(door.attempt(right=True, address=HOME))

    assert "cache unreachable" in caplog.text


def test_the_public_api_checks_no_passwords(client, person, home_page):
    """Django REST framework's default would check HTTP Basic passwords on every API
    endpoint: a door with no throttle page. The public API reads no credentials."""

    def get(password):
        token = base64.b64encode(f"{person.username}:{password}".encode()).decode()
        return client.get("/api/v2/pages/", HTTP_AUTHORIZATION=f"Basic {token}")

    assert get("a-wrong-guess").status_code == 200
    assert get(PASSWORD).status_code == 200
    assert "_auth_user_id" not in client.session
