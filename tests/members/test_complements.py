"""Complementary partners: organizations on the same issue areas that work in ways
the anchor does not, nearby first; on the profile, and in the directory's
"Complements us" view for one's own organization only. Hidden organizations never
appear to those who may not see them, and the counts stay constant."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from members.related import complementary_partners, partner, profile_partners
from members.viewer import ANONYMOUS, Viewer
from tests.factories import (
    CoordinatorFactory,
    MembershipFactory,
    UserFactory,
    build_organization,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def litigators(directory):
    """A litigation group in El Paso working on immigration, and around it:"""
    anchor = build_organization(
        directory,
        title="El Paso Legal Defense",
        issue_areas=["immigration"],
        approaches=["litigation"],
        subdivision="US-TX",
    )
    for title, approaches, areas, subdivision, visibility in [
        # Grassroots organizers on the same right, nearby and far.
        (
            "Juarez Street Organizers",
            ["grassroots-organizing"],
            ["immigration"],
            "US-TX",
            "public",
        ),
        (
            "Fresno Organizers",
            ["grassroots-organizing"],
            ["immigration"],
            "US-CA",
            "public",
        ),
        # Direct services, for members only.
        ("Houston Help Desk", ["direct-services"], ["immigration"], "US-TX", "members"),
        # Litigation too, but also organizing: it brings organizing.
        (
            "Dallas Mixed",
            ["litigation", "grassroots-organizing"],
            ["immigration"],
            "US-TX",
            "public",
        ),
        # The same way of working only: related, not complementary.
        ("Austin Litigators", ["litigation"], ["immigration"], "US-TX", "public"),
        # Says nothing of how it works: nothing to compare.
        ("Quiet Method", [], ["immigration"], "US-TX", "public"),
        # Organizers on another right.
        (
            "Texas Tenant Organizers",
            ["grassroots-organizing"],
            ["housing"],
            "US-TX",
            "public",
        ),
        # Hidden: only its staff and coordinators may ever see it.
        ("Quiet Refuge", ["direct-services"], ["immigration"], "US-TX", "hidden"),
    ]:
        build_organization(
            directory,
            title=title,
            approaches=approaches,
            issue_areas=areas,
            subdivision=subdivision,
            visibility=visibility,
        )
    return anchor


def partners_for(anchor, viewer):
    return profile_partners(
        anchor, viewer, list(anchor.issue_areas.all()), list(anchor.approaches.all())
    )


def complements_of(anchor, viewer):
    """Every complement, as the "Complements us" view lists them."""
    rows = complementary_partners(
        anchor,
        viewer,
        [area.pk for area in anchor.issue_areas.all()],
        [approach.pk for approach in anchor.approaches.all()],
    )
    return [
        partner(row, anchor, {a.pk: a for a in anchor.issue_areas.all()})
        for row in rows
    ]


def titles(partners):
    return [partner.organization.title for partner in partners]


def staff_of(organization):
    user = UserFactory()
    MembershipFactory(user=user, organization=organization)
    return user


def test_complements_share_an_issue_area_and_bring_another_way_of_working(
    litigators,
):
    complements = complements_of(litigators, ANONYMOUS)

    # Nearby first; among the Texas ones, those that work wholly otherwise (the
    # organizers) before those that also litigate; then elsewhere in the country.
    assert titles(complements) == [
        "Juarez Street Organizers",
        "Dallas Mixed",
        "Fresno Organizers",
    ]
    assert [item.organization.complement_score for item in complements] == [
        pytest.approx(3.0),
        pytest.approx(2.5),
        pytest.approx(2.0),
    ]
    reasons = {p.organization.title: str(p.complement_reason) for p in complements}
    assert reasons["Dallas Mixed"] == (
        "Brings Grassroots organizing to Immigration and migrant rights"
    )


def test_members_see_members_only_complements_and_coordinators_hidden_ones(
    litigators,
):
    member = Viewer.for_user(staff_of(litigators))
    coordinator = Viewer.for_user(CoordinatorFactory())

    assert titles(complements_of(litigators, member)) == [
        "Houston Help Desk",
        "Juarez Street Organizers",
        "Dallas Mixed",
        "Fresno Organizers",
    ]
    assert "Quiet Refuge" in titles(complements_of(litigators, coordinator))


def test_the_profile_shows_each_organization_once_related_first(litigators, directory):
    # Six more litigators in Texas fill the related list.
    for number in range(6):
        build_organization(
            directory,
            title=f"Litigator {number}",
            issue_areas=["immigration"],
            approaches=["litigation"],
            subdivision="US-TX",
        )

    partners = partners_for(litigators, ANONYMOUS)

    related = titles(partners.related)
    assert related == [
        "Austin Litigators",
        "Dallas Mixed",
        "Juarez Street Organizers",
        "Litigator 0",
        "Litigator 1",
        "Litigator 2",
    ]
    # The complements not already related, best first.
    assert titles(partners.complements) == ["Fresno Organizers"]
    # Related ones that complement say how.
    assert titles(partners.related_complements) == [
        "Dallas Mixed",
        "Juarez Street Organizers",
    ]
    assert partners.related[1].other_approaches == ["Grassroots organizing"]


def test_when_every_complement_is_related_the_profile_says_so(client, litigators):
    html = client.get(litigators.url).content.decode()

    section = html[html.index('id="complements-heading"') :]
    assert "that work differently are all the ones that complement" in section
    assert "No other organization on these issue areas works in other ways" not in (
        section
    )


def test_an_organization_that_says_not_how_it_works_has_no_complements(
    client, litigators, directory
):
    silent = build_organization(
        directory, title="Silent", issue_areas=["immigration"], subdivision="US-TX"
    )

    partners = partners_for(silent, ANONYMOUS)

    assert partners.complements == [] and not partners.complements_possible
    assert partners.related
    html = client.get(silent.url).content.decode()
    assert "does not say how the organization works yet" in html


def test_the_profile_shows_complements_beside_related(client, litigators, directory):
    for number in range(6):
        build_organization(
            directory,
            title=f"Litigator {number}",
            issue_areas=["immigration"],
            approaches=["litigation"],
            subdivision="US-TX",
        )

    html = client.get(litigators.url).content.decode()

    assert "Working on the same rights differently" in html
    assert "Works differently: Grassroots organizing" in html
    assert "Brings Grassroots organizing to Immigration and migrant rights" in html
    assert "Quiet Refuge" not in html
    assert "Houston Help Desk" not in html  # members only
    # Only its own staff are offered the full list.
    assert "?complements=" not in html
    client.force_login(staff_of(litigators))
    html = client.get(litigators.url).content.decode()
    assert f"?complements={litigators.slug}" in html


# --- the directory's "Complements us" view -----------------------------------------


def complements(client, slug, **params):
    return client.get("/members/", {"complements": slug, **params})


def test_its_staff_see_every_complement_of_their_organization(client, litigators):
    client.force_login(staff_of(litigators))

    response = complements(client, litigators.slug)

    assert response.status_code == 200
    html = response.content.decode()
    for title in [
        "Dallas Mixed",
        "Houston Help Desk",
        "Juarez Street Organizers",
        "Fresno Organizers",
    ]:
        assert title in html
    assert html.index("Juarez Street Organizers") < html.index("Fresno Organizers")
    for title in ["Austin Litigators", "Quiet Method", "Texas Tenant Organizers"]:
        assert title not in html
    assert "Quiet Refuge" not in html
    assert "4 organizations complement yours" in html
    assert response["Cache-Control"] == "private, no-store"


def test_the_directory_offers_the_view_to_staff_only(client, litigators):
    assert "?complements=" not in client.get("/members/").content.decode()
    client.force_login(staff_of(litigators))
    html = client.get("/members/").content.decode()
    assert f'href="/members/?complements={litigators.slug}"' in html


def content_of(html):
    """The page's own part, without the site's header and footer."""
    return html[
        html.index('<div class="container complements">') : html.index("</main>")
    ]


def refusal(response):
    assert response.status_code == 403
    html = response.content.decode()
    assert "Dallas Mixed" not in html
    return html


def test_anyone_else_is_refused_the_same_whatever_the_slug(client, litigators):
    hidden = litigators.get_parent().get_children().get(title="Quiet Refuge")
    slugs = [litigators.slug, hidden.slug, "no-such-organization"]

    visitor = [refusal(complements(client, slug)) for slug in slugs]
    assert "Sign in as staff of a member organization" in visitor[0]

    neighbour = build_organization(
        litigators.get_parent(), title="Neighbour", issue_areas=["immigration"]
    )
    client.force_login(staff_of(neighbour))
    member = [refusal(complements(client, slug)) for slug in slugs]
    assert "only for your own organization" in member[0]
    # Another organization's, a hidden one's and no one's: the same answer.
    assert len({content_of(html) for html in member}) == 1
    assert "Quiet Refuge" not in "".join(member)
    assert "Organizations that complement Neighbour" in member[0]

    client.force_login(CoordinatorFactory())
    assert "only for your own organization" in refusal(
        complements(client, litigators.slug)
    )


def test_staff_of_a_suspended_organization_or_a_closed_account_are_refused(
    client, litigators
):
    from members.complements import own_organization, own_organizations

    closed = staff_of(litigators)
    closed.is_active = False
    closed.save()
    assert own_organization(Viewer.for_user(closed), litigators.slug) is None
    assert own_organizations(Viewer.for_user(closed)) == []

    staff = staff_of(litigators)
    litigators.membership_status = "suspended"
    litigators.save_revision().publish()
    client.force_login(staff)
    assert "only for your own organization" in refusal(
        complements(client, litigators.slug)
    )


def test_a_hidden_organizations_staff_see_its_complements_and_no_one_else(
    client, litigators, directory
):
    hidden = build_organization(
        directory,
        title="Hidden Litigators",
        issue_areas=["immigration"],
        approaches=["litigation"],
        subdivision="US-TX",
        visibility="hidden",
    )
    client.force_login(staff_of(hidden))
    html = complements(client, hidden.slug).content.decode()
    assert "Juarez Street Organizers" in html
    # It is never its own partner, and it appears in no one else's list.
    listed = html[html.index('<ol class="org-list') : html.index("</ol>")]
    assert "Hidden Litigators" not in listed
    assert "Quiet Refuge" not in html

    client.force_login(staff_of(litigators))
    assert (
        "Hidden Litigators" not in complements(client, litigators.slug).content.decode()
    )


@pytest.mark.parametrize(
    "value",
    ["\x00", "a" * 5000, "el-paso-legal-defense'--", "../graph", " ", "", "é" * 300],
)
def test_hostile_slugs_are_refused_plainly(client, litigators, value):
    client.force_login(staff_of(litigators))
    html = refusal(complements(client, value))
    assert "only for your own organization" in html


def test_the_view_says_what_it_made_of_the_page_and_other_parameters(
    client, litigators
):
    client.force_login(staff_of(litigators))

    html = complements(client, litigators.slug, page="abc").content.decode()
    assert "is not a page number, so this is the first page" in html
    html = complements(client, litigators.slug, page="99").content.decode()
    assert "There is only 1 page of results, so this is it." in html
    html = complements(client, litigators.slug, q="housing").content.decode()
    assert "search words and filters do not apply" in html
    assert "Dallas Mixed" in html


def grow(directory, start, stop):
    for number in range(start, stop):
        build_organization(
            directory,
            title=f"Grown {number}",
            issue_areas=[["immigration"], ["immigration", "labor"], ["housing"]][
                number % 3
            ],
            approaches=[["grassroots-organizing"], ["litigation"], []][number % 3],
            subdivision=["US-TX", "US-CA", "US-NY"][number % 3],
            visibility=["public", "members", "public", "hidden"][number % 4],
        )


def test_the_view_takes_the_same_queries_at_any_size(client, litigators, directory):
    client.force_login(staff_of(litigators))
    counts = []
    for start, stop in [(0, 25), (25, 75)]:
        grow(directory, start, stop)
        complements(client, litigators.slug)  # warm the site's caches
        with CaptureQueriesContext(connection) as captured:
            response = complements(client, litigators.slug)
        assert response.status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1]
