"""A profile the viewer may not see answers exactly like a profile that does not
exist: the same 404 page, after the same database work, so that neither the page
nor its timing confirms a guessed hidden organization (issue 11, item 11)."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.factories import MemberOrganizationPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def members_only(directory):
    org = MemberOrganizationPageFactory(
        parent=directory, title="Quiet Harbor Legal Aid", visibility="members"
    )
    org.save_revision().publish()
    return org


def answer(client, path):
    """(status, body, SQL queries) of one request."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    # Read now: Django empties the query log when the next request starts.
    # The sign-out form's CSRF token is masked afresh on every page.
    body = re.sub(
        rb'(name="csrfmiddlewaretoken" value=")[^"]+', rb"\1", response.content
    )
    return response.status_code, body, len(queries)


def compare(client, hidden_path, made_up_path, rounds=3):
    answer(client, "/members/no-such-warm-up/")  # caches (site root, settings)
    hidden, made_up = [], []
    for _round in range(rounds):  # interleaved, as a timing probe would be
        hidden.append(answer(client, hidden_path))
        made_up.append(answer(client, made_up_path))
    return hidden, made_up


@pytest.mark.parametrize("who", ["visitor", "member_of_another_org"])
@pytest.mark.parametrize("suffix", ["", "anything/"])
def test_a_hidden_profile_answers_exactly_like_a_made_up_one(
    org_b, admin_a, who, suffix
):
    client = Client()
    if who == "member_of_another_org":
        client.force_login(admin_a)

    hidden, made_up = compare(
        client, f"/members/{org_b.slug}/{suffix}", f"/members/no-such-org/{suffix}"
    )

    assert hidden[0][0] == 404
    assert hidden == made_up


def test_a_members_only_profile_answers_a_visitor_like_a_made_up_one(members_only):
    hidden, made_up = compare(
        Client(), f"/members/{members_only.slug}/", "/members/no-such-org/"
    )

    assert hidden[0][0] == 404
    assert hidden == made_up


def test_the_profile_is_still_served_to_those_who_may_see_it(
    client, org_b, user_b, coordinator_client
):
    client.force_login(user_b)

    assert client.get(f"/members/{org_b.slug}/").status_code == 200
    assert coordinator_client.get(f"/members/{org_b.slug}/").status_code == 200
    assert client.get(f"/members/{org_b.slug}/anything/").status_code == 404
