"""Every response that depends on who asks carries the private-cache, CSP and
frame headers, including those a middleware answers before any view runs (issue 11
#13: the admin gate's 403 and its two-factor redirect had none of them)."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.conftest import pass_two_factor
from tests.factories import MembershipFactory, UserFactory


def assert_private_and_guarded(response, csp=True):
    cache_control = response.get("Cache-Control", "")
    assert "private" in cache_control and "no-store" in cache_control
    assert response.get("X-Frame-Options") in {"DENY", "SAMEORIGIN"}
    if csp:
        assert "script-src 'self'" in response.get("Content-Security-Policy", "")


@pytest.fixture
def member(org_a):
    user = UserFactory(username="member")
    MembershipFactory(user=user, organization=org_a)
    return user


# Paths a signed-in member asks for, each answered by a different layer: a view, the
# admin gate, URL resolution (404) and CSRF refusal.
MEMBER_REQUESTS = [
    ("get", "/account/", 200),
    ("get", "/admin/", 403),
    ("get", "/admin/pages/", 403),
    ("get", "/admin/login/", 302),
    ("get", "/no-such-page/", 404),
    ("post", "/accounts/logout/", 403),  # no CSRF token
]


@pytest.mark.django_db
@pytest.mark.parametrize(("method", "path", "status"), MEMBER_REQUESTS)
def test_every_response_to_a_member_is_private_and_guarded(
    member, method, path, status
):
    client = Client(enforce_csrf_checks=True)
    client.force_login(member)
    response = getattr(client, method)(path)
    assert response.status_code == status
    assert_private_and_guarded(response)


@pytest.mark.django_db
@pytest.mark.usefixtures("two_factor_required")
def test_the_two_factor_redirect_is_private_and_guarded(org_a, coordinator):
    client = Client()
    client.force_login(coordinator)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("two_factor"))
    assert_private_and_guarded(response)


@pytest.mark.django_db
@pytest.mark.usefixtures("two_factor_required")
def test_the_wagtail_admin_keeps_its_own_script_policy_but_stays_private(
    org_a, coordinator
):
    client = Client()
    client.force_login(coordinator)
    pass_two_factor(client, coordinator)
    response = client.get("/admin/")
    assert response.status_code == 200
    # Wagtail's admin ships inline scripts: the site's CSP would break it.
    assert "Content-Security-Policy" not in response
    assert_private_and_guarded(response, csp=False)
