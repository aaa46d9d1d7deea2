"""Every form answers bad input with a clear message, keeps what was typed, and
never fails with a server error."""

import datetime
import re

import pytest

from campaigns.models import Pledge, SignOn

pytestmark = pytest.mark.django_db

GOOD = {
    "name": "Rosa Alvarez",
    "email": "rosa@example.org",
    "postcode": "87102",
    "consent": "on",
}


@pytest.mark.parametrize(
    ("changes", "message", "kept"),
    [
        ({"name": ""}, "Please give your name.", 'value="rosa@example.org"'),
        ({"email": ""}, "Please give your email address.", 'value="Rosa Alvarez"'),
        (
            {"postcode": ""},
            "Please give your ZIP or postal code.",
            'value="Rosa Alvarez"',
        ),
        (
            {"name": "R" * 121},
            "Please shorten your name to at most 120 characters.",
            'value="' + "R" * 121 + '"',
        ),
        (
            {"email": "rosa-at-example"},
            "Please enter an email address like name@example.org.",
            'value="rosa-at-example"',
        ),
        (
            {"email": "x" * 250 + "@example.org"},
            "Ensure this value has at most 254 characters",
            'value="Rosa Alvarez"',
        ),
        (
            {"name": "<script>alert(1)</script>"},
            "Please leave out the characters &lt; and &gt;.",
            'value="&lt;script&gt;alert(1)&lt;/script&gt;"',
        ),
        (
            {"postcode": "<b>871"},
            "Please leave out the characters &lt; and &gt;.",
            'value="&lt;b&gt;871"',
        ),
        (
            {"postcode": "8710234567891"},
            "A postal code has at most 12 characters.",
            'value="8710234567891"',
        ),
    ],
)
def test_the_pledge_form_explains_bad_input_and_keeps_it(
    client, campaign, changes, message, kept
):
    response = client.post(campaign.url + "pledge/", {**GOOD, **changes})

    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert kept in html
    assert "Please correct the problems below." in html
    assert "<script>alert(1)</script>" not in html
    assert not Pledge.objects.exists()


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("", "Choose the organization you are signing for."),
        ("999999", "Choose one of the organizations you are an admin of."),
        (
            "<script>alert(1)</script>",
            "Choose one of the organizations you are an admin of.",
        ),
    ],
)
def test_the_sign_on_form_explains_bad_input(
    client, campaign, org_admin, value, message
):
    client.force_login(org_admin)

    response = client.post(
        campaign.url + "sign-on/", {"organization": value, "unlisted": "on"}
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert "<script>alert(1)</script>" not in html
    # What they chose is kept: the unlisted box stays ticked.
    assert re.search(r'<input[^>]*name="unlisted"[^>]*checked', html)
    assert not SignOn.objects.exists()


def test_a_withdrawal_with_nonsense_says_so(client, campaign, org_admin):
    client.force_login(org_admin)

    response = client.post(
        campaign.url + "sign-on/withdraw/", {"organization": "<script>"}, follow=True
    )

    assert response.status_code == 200
    assert "There is no sign-on of yours to withdraw here." in response.content.decode()


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("", "Please give your email address."),
        ("not-an-email", "Please enter an email address like name@example.org."),
        ("<script>@x", "Please enter an email address like name@example.org."),
    ],
)
def test_the_removal_request_form_explains_bad_input(client, campaign, value, message):
    response = client.post(campaign.url + "pledge/remove/", {"email": value})

    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert "<script>@x" not in html


@pytest.mark.parametrize(
    ("path", "query", "message"),
    [
        ("/campaigns/", {"status": "<script>"}, "Unknown status; showing all."),
        ("/campaigns/", {"issue": "<script>"}, "That issue area does not exist"),
        ("/campaigns/", {"page": "<script>"}, None),
        ("/calendar/", {"kind": "x" * 500}, "Unknown kind; showing all."),
        ("/calendar/", {"issue": "nope"}, "That issue area does not exist"),
    ],
)
def test_filters_with_bad_values_explain_and_show_everything(
    client, campaign, calendar_page, path, query, message
):
    response = client.get(path, query)

    assert response.status_code == 200
    html = response.content.decode()
    if message:
        assert message in html
    assert "<script>" not in html.split("<main", 1)[1]


@pytest.mark.parametrize(
    ("end_date_offset", "end_time", "refused"),
    [
        (None, datetime.time(9, 0), True),  # one day, ends before it starts
        (0, datetime.time(9, 0), True),  # the same, with the last day given
        (0, datetime.time(10, 0), True),  # ends as it starts
        (0, datetime.time(12, 0), False),
        (1, datetime.time(9, 0), False),  # next day, earlier hour: fine
    ],
)
def test_an_event_must_end_after_it_starts(db, end_date_offset, end_time, refused):
    from django.core.exceptions import ValidationError

    from campaigns.models import Event

    day = datetime.date(2027, 3, 1)
    event = Event(
        title="Vigil",
        kind="action-day",
        date=day,
        end_date=None
        if end_date_offset is None
        else day + datetime.timedelta(days=end_date_offset),
        start_time=datetime.time(10, 0),
        end_time=end_time,
        time_zone="America/New_York",
    )

    if refused:
        with pytest.raises(ValidationError, match="end time must be after"):
            event.clean()
    else:
        event.clean()
