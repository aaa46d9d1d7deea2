"""Every view of the membership lifecycle against every kind of person, with the
exact status each must get. Ids of another organization's page, membership,
invitation and revision are guessed on purpose.

People: visitor (not signed in), editor of org A, admin of org A, user of org B
(admin there, nothing in A), coordinator (two-factor confirmed, on no team).
"""

import pytest
from django.db import transaction

from members.models import IssueAreaSuggestion, Membership
from tests.conftest import pass_two_factor
from tests.factories import MembershipApplicationFactory, make_invitation
from tests.members.profile_forms import profile_data

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("two_factor_required"),
]

PEOPLE = ["visitor", "editor_a", "admin_a", "user_b", "coordinator"]

# (name, method, url template, expected status per person in PEOPLE order)
# 302 for the visitor on /account/… is the redirect to the sign-in page.
MATRIX = [
    ("join form", "get", "/join/", [200, 200, 200, 200, 200]),
    ("my account", "get", "/account/", [302, 200, 200, 200, 200]),
    (
        "two-factor page",
        "get",
        "/accounts/two-factor/?next=/account/",
        [302, 200, 200, 200, 302],
    ),
    ("org A overview", "get", "/account/organizations/{a}/", [302, 200, 200, 404, 404]),
    ("org B overview", "get", "/account/organizations/{b}/", [302, 404, 404, 200, 404]),
    (
        "org A edit form",
        "get",
        "/account/organizations/{a}/profile/",
        [302, 200, 200, 404, 404],
    ),
    (
        "org A edit submit",
        "post",
        "/account/organizations/{a}/profile/",
        [302, 302, 302, 404, 404],
    ),
    (
        "org B edit form",
        "get",
        "/account/organizations/{b}/profile/",
        [302, 404, 404, 200, 404],
    ),
    (
        "org B edit submit",
        "post",
        "/account/organizations/{b}/profile/",
        [302, 404, 404, 302, 404],
    ),
    (
        "org A revision preview",
        "get",
        "/account/organizations/{a}/revisions/{rev_a}/preview/",
        [302, 200, 200, 404, 404],
    ),
    (
        "org B revision through org A",
        "get",
        "/account/organizations/{a}/revisions/{rev_b}/preview/",
        [302, 404, 404, 404, 404],
    ),
    (
        "org B revision preview",
        "get",
        "/account/organizations/{b}/revisions/{rev_b}/preview/",
        [302, 404, 404, 200, 404],
    ),
    (
        "missing organization",
        "get",
        "/account/organizations/999999/",
        [302, 404, 404, 404, 404],
    ),
    (
        "invite to org A",
        "post",
        "/account/organizations/{a}/people/invite/",
        [302, 403, 302, 404, 404],
    ),
    (
        "change role in org A",
        "post",
        "/account/organizations/{a}/people/{editor_membership}/role/",
        [302, 403, 302, 404, 404],
    ),
    (
        "org B membership through org A",
        "post",
        "/account/organizations/{a}/people/{b_membership}/role/",
        [302, 403, 404, 404, 404],
    ),
    (
        "remove from org A",
        "post",
        "/account/organizations/{a}/people/{editor_membership}/remove/",
        [302, 403, 302, 404, 404],
    ),
    (
        "cancel org A invitation",
        "post",
        "/account/organizations/{a}/invitations/{invitation_a}/cancel/",
        [302, 403, 302, 404, 404],
    ),
    (
        "org B invitation through org A",
        "post",
        "/account/organizations/{a}/invitations/{invitation_b}/cancel/",
        [302, 403, 404, 404, 404],
    ),
    (
        "unknown invitation link",
        "get",
        "/accounts/invitations/guessed-token/",
        [404, 404, 404, 404, 404],
    ),
    ("admin home", "get", "/admin/", [302, 403, 403, 403, 200]),
    ("application queue", "get", "/admin/applications/", [302, 403, 403, 403, 200]),
    (
        "application decision",
        "get",
        "/admin/applications/edit/{application}/",
        [302, 403, 403, 403, 200],
    ),
    (
        "issue area suggestions",
        "get",
        "/admin/issue-area-suggestions/",
        [302, 403, 403, 403, 200],
    ),
    (
        "org A's suggestion, decision form",
        "get",
        "/admin/issue-area-suggestions/edit/{suggestion}/",
        [302, 403, 403, 403, 200],
    ),
    (
        "org A in the page editor",
        "get",
        "/admin/pages/{a}/edit/",
        [302, 403, 403, 403, 200],
    ),
]

POST_DATA = {
    "invite to org A": {"email": "new@example.org", "role": "editor"},
    "change role in org A": {"role": "admin"},
    "org B membership through org A": {"role": "editor"},
}


@pytest.fixture
def world(org_a, org_b, editor_a, admin_a, user_b, coordinator):
    org_a.save_revision(user=editor_a)
    org_b.save_revision(user=user_b)
    return {
        "a": org_a.pk,
        "b": org_b.pk,
        "rev_a": org_a.revisions.order_by("-pk").first().pk,
        "rev_b": org_b.revisions.order_by("-pk").first().pk,
        "editor_membership": Membership.objects.get(user=editor_a).pk,
        "b_membership": Membership.objects.get(user=user_b).pk,
        "invitation_a": make_invitation(org_a, "x@example.org")[0].pk,
        "invitation_b": make_invitation(org_b, "y@example.org")[0].pk,
        "application": MembershipApplicationFactory().pk,
        "suggestion": IssueAreaSuggestion.objects.create(
            name="Water rights", organization=org_a, suggested_by=editor_a
        ).pk,
        "people": {
            "visitor": None,
            "editor_a": editor_a,
            "admin_a": admin_a,
            "user_b": user_b,
            "coordinator": coordinator,
        },
    }


def profile_post(client, url, org_id):
    from members.models import MemberOrganizationPage

    org = MemberOrganizationPage.objects.get(pk=org_id)
    areas = [str(area.pk) for area in org.issue_areas.all()] or _any_area()
    return client.post(url, profile_data(org, issue_areas=areas))


def _any_area():
    from tests.factories import IssueAreaFactory

    return [str(IssueAreaFactory(name="Any", slug="any").pk)]


def request_row(client, world, name, method, url):
    if method == "post" and "/profile/" in url:
        org_id = world["a"] if "/{}/".format(world["a"]) in url else world["b"]
        return profile_post(client, url, org_id)
    if method == "post":
        return client.post(url, POST_DATA.get(name, {}))
    return client.get(url)


@pytest.mark.parametrize(
    ("person_index", "person"), list(enumerate(PEOPLE)), ids=PEOPLE
)
def test_each_person_gets_exactly_the_expected_status_on_every_view(
    client, world, person_index, person
):
    user = world["people"][person]
    if user is not None:
        client.force_login(user)
        if person == "coordinator":
            pass_two_factor(client, user)
    mismatches = []
    for name, method, template, expected in MATRIX:
        url = template.format(**world)
        # Each row starts from the same data: writes are rolled back.
        with transaction.atomic():
            response = request_row(client, world, name, method, url)
            transaction.set_rollback(True)
        if response.status_code != expected[person_index]:
            mismatches.append((name, response.status_code, expected[person_index]))
        elif person == "visitor" and response.status_code == 302:
            assert response["Location"].startswith("/accounts/login/"), name

    assert mismatches == []


def test_a_member_never_reaches_any_admin_page(client, world):
    client.force_login(world["people"]["admin_a"])
    for path in [
        "/admin/",
        "/admin/pages/",
        f"/admin/pages/{world['a']}/edit/",
        f"/admin/pages/{world['a']}/revisions/{world['rev_a']}/view/",
        "/admin/applications/",
        "/admin/users/",
        "/admin/snippets/",
        "/admin/images/",
        "/admin/logout/",
    ]:
        response = client.get(path)
        assert response.status_code == 403, path
        assert "for the network" in response.content.decode()
