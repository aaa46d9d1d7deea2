"""Ten single-use recovery codes: made when the authenticator app is first
confirmed, shown once, typed in place of the app's code (each once, wrong ones
throttled like wrong app codes), and replaced when the person asks for new ones."""

import re
from urllib.parse import unquote

import pytest
from django.contrib.messages import get_messages
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from members.actions.two_factor import do_make_recovery_codes
from members.two_factor import read_code

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("two_factor_required"),
]

PROMPT = "/accounts/two-factor/"
CODES_PAGE = "/accounts/two-factor/recovery-codes/"


def current_code(device):
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():06d}"


def shown_codes(response):
    return re.findall(
        r"<li><code>([a-z2-7]{4}-[a-z2-7]{4})</code></li>", response.content.decode()
    )


def set_up(client, user):
    """Sign in, set up the app and confirm its first code; the response."""
    client.force_login(user)
    client.get(f"{PROMPT}?next=/admin/")
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    return client.post(PROMPT, {"token": current_code(device), "next": "/admin/"})


@pytest.fixture
def enrolled(coordinator):
    """A coordinator with a confirmed app and ten recovery codes."""
    TOTPDevice.objects.create(user=coordinator, name="app", confirmed=True)
    return do_make_recovery_codes(coordinator)


def use(client, code, next_url="/admin/"):
    return client.post(PROMPT, {"token": code, "method": "recovery", "next": next_url})


def wait_out_the_back_off(user):
    """django-otp's own back-off after a wrong code is not what is tested."""
    for device in StaticDevice.objects.filter(user=user):
        device.throttle_reset()


def test_confirming_the_app_makes_ten_codes_shown_once_then_never_again(
    client, coordinator
):
    confirmed = set_up(client, coordinator)

    assert confirmed.status_code == 302
    assert confirmed["Location"] == f"{CODES_PAGE}?next=%2Fadmin%2F"
    page = client.get(confirmed["Location"])
    codes = shown_codes(page)
    assert len(codes) == 10 == len(set(codes))
    stored = set(
        StaticToken.objects.filter(device__user=coordinator).values_list(
            "token", flat=True
        )
    )
    assert {code.replace("-", "") for code in codes} == stored
    html = page.content.decode()
    assert "the only time they are shown" in html
    assert 'download="recovery-codes.txt"' in html
    assert 'href="/admin/"' in html  # "I have saved them: continue"

    again = client.get(confirmed["Location"])

    assert shown_codes(again) == []
    assert not any(code in again.content.decode() for code in codes)
    assert "You have 10 unused recovery codes" in again.content.decode()


def test_the_download_holds_the_codes_and_needs_no_script_from_elsewhere(
    client, coordinator
):
    page = client.get(set_up(client, coordinator)["Location"])
    html = page.content.decode()

    href = re.search(r'href="(data:text/plain;charset=utf-8,[^"]+)"', html).group(1)
    text = unquote(href.removeprefix("data:text/plain;charset=utf-8,"))
    assert all(code in text for code in shown_codes(page))
    scripts = re.findall(r'<script[^>]*src="([^"]+)"', html)
    assert "/static/js/recovery-codes.js" in scripts
    assert all(script.startswith("/static/js/") for script in scripts), scripts


def test_each_recovery_code_works_once(client, coordinator, enrolled):
    client.force_login(coordinator)

    first = use(client, enrolled[0])

    assert first.status_code == 302
    assert first["Location"] == "/admin/"
    assert client.session.get("otp_device_id") == (
        StaticDevice.objects.get(user=coordinator).persistent_id
    )
    client.logout()
    client.force_login(coordinator)
    reused = use(client, enrolled[0])
    assert reused.status_code == 400
    assert "used already" in reused.content.decode()
    assert not client.session.get("otp_device_id")
    wait_out_the_back_off(coordinator)
    assert use(client, enrolled[1]).status_code == 302
    assert StaticToken.objects.filter(device__user=coordinator).count() == 8


def test_a_code_may_be_typed_as_shown_in_capitals_or_with_spaces(
    client, coordinator, enrolled
):
    client.force_login(coordinator)
    code = enrolled[3]

    response = use(client, f" {code[:4].upper()} - {code[4:].upper()} ")

    assert response.status_code == 302


def test_the_person_is_told_how_many_codes_remain(client, coordinator, enrolled):
    client.force_login(coordinator)

    response = use(client, enrolled[0])

    messages = [str(message) for message in get_messages(response.wsgi_request)]
    assert messages == ["Recovery code accepted. You have 9 recovery codes left."]


def test_after_the_last_code_the_codes_page_offers_new_ones(client, coordinator):
    TOTPDevice.objects.create(user=coordinator, name="app", confirmed=True)
    device = StaticDevice.objects.create(user=coordinator, name="codes")
    device.token_set.create(token="lastcode")
    client.force_login(coordinator)

    response = use(client, "lastcode")

    assert response.status_code == 302
    assert response["Location"] == f"{CODES_PAGE}?next=%2Fadmin%2F"
    messages = [str(message) for message in get_messages(response.wsgi_request)]
    assert messages[0].startswith("Recovery code accepted. That was your last one")
    page = client.get(response["Location"])
    assert "You have no recovery codes left" in page.content.decode()
    assert "Make new codes" in page.content.decode()


def test_making_new_codes_replaces_the_old_ones(client, coordinator, enrolled):
    client.force_login(coordinator)
    use(client, enrolled[0])

    made = client.post(CODES_PAGE, {"next": "/account/"})

    assert made.status_code == 302
    new_codes = shown_codes(client.get(made["Location"]))
    assert len(new_codes) == 10
    stored = set(
        StaticToken.objects.filter(device__user=coordinator).values_list(
            "token", flat=True
        )
    )
    assert stored == {code.replace("-", "") for code in new_codes}
    assert stored.isdisjoint(enrolled)
    # The session that signed in with a recovery code stays confirmed.
    assert client.get("/admin/").status_code == 200
    client.logout()
    client.force_login(coordinator)
    assert use(client, enrolled[1]).status_code == 400
    wait_out_the_back_off(coordinator)
    assert use(client, new_codes[0]).status_code == 302


def test_new_codes_need_a_confirmed_session(client, coordinator, enrolled):
    client.force_login(coordinator)

    page = client.get(CODES_PAGE)
    made = client.post(CODES_PAGE)

    assert page.status_code == made.status_code == 302
    assert page["Location"].startswith(f"{PROMPT}?next=")
    assert set(
        StaticToken.objects.filter(device__user=coordinator).values_list(
            "token", flat=True
        )
    ) == set(enrolled)


def test_someone_with_an_app_and_no_codes_is_offered_them_after_the_app_code(
    client, coordinator
):
    """Coordinators who set up two-factor before recovery codes existed."""
    device = TOTPDevice.objects.create(user=coordinator, name="app", confirmed=True)
    client.force_login(coordinator)

    response = client.post(PROMPT, {"token": current_code(device), "next": "/admin/"})

    assert response["Location"] == f"{CODES_PAGE}?next=%2Fadmin%2F"


def test_wrong_recovery_codes_are_throttled_like_wrong_app_codes(
    client, coordinator, enrolled
):
    client.force_login(coordinator)
    for _attempt in range(5):
        # The fifth wrong code already answers with the pause.
        assert use(client, "zzzz-zzzz").status_code in (400, 429)
        wait_out_the_back_off(coordinator)

    response = use(client, enrolled[0])

    assert response.status_code == 429
    assert not client.session.get("otp_device_id")
    assert StaticToken.objects.filter(device__user=coordinator).count() == 10


def test_wrong_codes_of_both_kinds_count_together(client, coordinator, enrolled):
    client.force_login(coordinator)
    app = TOTPDevice.objects.get(user=coordinator)
    for attempt in range(5):
        if attempt % 2:
            use(client, "zzzz-zzzz")
        else:
            client.post(PROMPT, {"token": "000000"})
        wait_out_the_back_off(coordinator)
        app.refresh_from_db()
        app.throttle_reset()

    assert client.post(PROMPT, {"token": current_code(app)}).status_code == 429


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("abcd-ef01", "letters a to z and the digits 2 to 7 only"),
        ("abc", "8 letters and digits"),
        ("1234567", "8 letters and digits"),
        ("abcd-ef23-gh", "8 letters and digits"),
        ("x" * 200, "8 letters and digits"),
        ("ábcd-ef23", "8 letters and digits"),
        ("", "8 letters and digits"),
    ],
)
def test_a_code_of_neither_shape_is_refused_with_a_clear_message_and_not_counted(
    client, coordinator, enrolled, typed, message
):
    client.force_login(coordinator)
    for _attempt in range(6):
        response = use(client, typed)
        assert response.status_code == 400
        assert message in response.content.decode()

    assert use(client, enrolled[0]).status_code == 302  # nothing was counted


def test_the_two_shapes_of_code_are_told_apart_at_the_edge():
    assert read_code("123 456", recovery_codes_allowed=True) == ("totp", "123456")
    assert read_code("ABCD-EF23", recovery_codes_allowed=True) == (
        "recovery",
        "abcdef23",
    )
    with pytest.raises(ValueError, match="6-digit code your authenticator app"):
        read_code("abcd-ef23", recovery_codes_allowed=False)


def test_recovery_codes_are_not_taken_while_setting_up(client, coordinator):
    client.force_login(coordinator)
    client.get(PROMPT)

    response = use(client, "abcd-ef23")

    assert response.status_code == 400
    assert "Enter the 6-digit code your authenticator app shows" in (
        response.content.decode()
    )


def test_the_codes_page_continues_only_to_this_site(client, coordinator, enrolled):
    client.force_login(coordinator)
    use(client, enrolled[0])

    page = client.get(CODES_PAGE, {"next": "https://evil.example/"})

    assert "evil.example" not in page.content.decode()
    assert 'href="/account/"' in page.content.decode()
