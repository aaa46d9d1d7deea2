"""Related organizations: ranked in the database by shared issue areas weighted by
rarity and by place (same state or region above same country above abroad), on
small networks where the right answer is known, in a constant number of queries."""

import math

import pytest
from django.contrib.auth.models import AnonymousUser

from members.models import IssueArea
from members.related import PLACE_STEP, profile_partners
from members.viewer import ANONYMOUS, Viewer
from tests.factories import CoordinatorFactory, build_organization

pytestmark = pytest.mark.django_db


def weight(organizations, working_on_it):
    return math.log1p(organizations / working_on_it)


@pytest.fixture
def subject(directory):
    """Subject works on torture (rare), housing (common) and detention, in New
    Mexico. Seen by a visitor, six organizations (Echo is hidden):

    torture: Subject, Alpha                     -> ln(1 + 6/2)
    housing: Subject, Bravo, Charlie, Dana      -> ln(1 + 6/4)
    detention: Subject, Dana                    -> ln(1 + 6/2)
    """
    org = build_organization(
        directory,
        title="Subject Org",
        issue_areas=["torture", "housing", "detention"],
        subdivision="US-NM",
    )
    build_organization(
        directory,
        title="Alpha",
        issue_areas=["torture", "voting-rights"],
        subdivision="US-TX",
    )
    build_organization(
        directory, title="Bravo", issue_areas=["housing"], subdivision="US-NM"
    )
    build_organization(
        directory, title="Charlie", issue_areas=["housing"], subdivision="US-TX"
    )
    build_organization(
        directory,
        title="Dana",
        issue_areas=["housing", "detention"],
        subdivision="US-UT",
    )
    build_organization(
        directory,
        title="Echo",
        issue_areas=["housing"],
        subdivision="US-NM",
        visibility="hidden",
    )
    build_organization(
        directory, title="Foxtrot", issue_areas=["labor"], subdivision="US-NM"
    )
    return org


def ranked(subject, user):
    """The profile's related list, asked as the profile asks (profile_partners)."""
    areas = list(subject.issue_areas.all())
    approaches = list(subject.approaches.all())
    return profile_partners(subject, Viewer.for_user(user), areas, approaches).related


def test_rare_shared_issue_areas_and_nearness_both_add_to_the_score(subject):
    related = ranked(subject, AnonymousUser())

    rare, common = weight(6, 2), weight(6, 4)
    total = 2 * rare + common
    # Bravo shares only housing but is in New Mexico: one step nearer than Dana,
    # which shares housing and detention from Utah.
    expected = {
        "Bravo": common / total + 2 * PLACE_STEP,
        "Dana": (common + rare) / total + PLACE_STEP,
        "Alpha": rare / total + PLACE_STEP,
        "Charlie": common / total + PLACE_STEP,
    }
    assert [r.organization.title for r in related] == list(expected)
    for item in related:
        assert item.score == pytest.approx(expected[item.organization.title], abs=1e-5)


def test_the_same_state_ranks_above_the_same_country_above_abroad(directory):
    anchor = build_organization(
        directory, title="Anchor", issue_areas=["housing"], subdivision="US-TX"
    )
    for title, country, subdivision in [
        ("Abroad", "MX", "MX-CHH"),
        ("Same country", "US", "US-CA"),
        ("Same state", "US", "US-TX"),
        ("Country only", "US", ""),
    ]:
        build_organization(
            directory,
            title=title,
            issue_areas=["housing"],
            country=country,
            subdivision=subdivision,
        )

    related = ranked(anchor, None)

    assert [r.organization.title for r in related] == [
        "Same state",
        "Country only",
        "Same country",
        "Abroad",
    ]
    assert [r.closeness for r in related] == [2, 1, 1, 0]


@pytest.fixture
def el_paso(directory):
    """An El Paso immigration group, the Texas groups that also work on
    immigration, and groups elsewhere sharing as much or more (the demo's case:
    Honolulu, Tallahassee and Omaha used to fill the list)."""
    # Immigration is common, asylum and labor less so.
    for number in range(12):
        build_organization(
            directory,
            title=f"Filler {number}",
            issue_areas=["immigration"] if number < 8 else ["labor"],
            subdivision=["US-IL", "US-NY", "US-WA"][number % 3],
        )
    anchor = build_organization(
        directory,
        title="El Paso Immigrant Legal Lantern",
        city="El Paso",
        issue_areas=["immigration", "asylum", "labor"],
        subdivision="US-TX",
    )
    texas = [
        build_organization(
            directory,
            title=title,
            city=city,
            issue_areas=areas,
            subdivision="US-TX",
        )
        for title, city, areas in [
            ("San Antonio Racial Equity Forum", "San Antonio", ["immigration"]),
            ("Texas Defenders' Shield", "Brownsville", ["immigration", "torture"]),
            ("Austin Newcomer Dignity Center", "Austin", ["immigration", "asylum"]),
        ]
    ]
    build_organization(
        directory,
        title="Texas Tenants",
        city="Houston",
        issue_areas=["housing"],
        subdivision="US-TX",
    )
    distant = {
        title: build_organization(
            directory, title=title, issue_areas=areas, subdivision=subdivision
        )
        for title, areas, subdivision in [
            ("Denver Newcomer Dignity Center", ["immigration", "asylum"], "US-CO"),
            ("Tallahassee Trans Equality Circle", ["asylum", "labor"], "US-FL"),
            ("Omaha Equal Schools Alliance", ["asylum", "labor"], "US-NE"),
            ("Boise Immigrant Voices", ["immigration"], "US-ID"),
        ]
    }
    return anchor, texas, distant


def test_an_el_paso_immigration_groups_first_related_are_the_texas_ones(el_paso):
    anchor, texas, distant = el_paso

    related = ranked(anchor, None)
    titles = [r.organization.title for r in related]

    assert set(titles[: len(texas)]) == {org.title for org in texas}
    assert "Texas Tenants" not in titles  # nearby, but no shared issue area
    # Ahead of distant ones sharing the same issue areas: Austin and Denver share
    # immigration and asylum, San Antonio and Boise immigration.
    assert titles.index("Austin Newcomer Dignity Center") < titles.index(
        "Denver Newcomer Dignity Center"
    )
    assert titles.index("San Antonio Racial Equity Forum") < (
        titles.index("Boise Immigrant Voices")
        if "Boise Immigrant Voices" in titles
        else len(titles)
    )
    reasons = {r.organization.title: str(r.reason) for r in related}
    assert reasons["Austin Newcomer Dignity Center"] == (
        "Also works on Asylum and refugee protection, Immigration and migrant rights;"
        " also in Texas"
    )


def test_the_reason_names_the_shared_issue_areas_and_the_shared_state(subject):
    reasons = {r.organization.title: str(r.reason) for r in ranked(subject, None)}

    assert reasons["Dana"] == "Also works on Detention, Housing and homelessness"
    assert reasons["Alpha"] == "Also works on Torture and ill-treatment"
    assert reasons["Bravo"] == (
        "Also works on Housing and homelessness; also in New Mexico"
    )


def test_organizations_the_viewer_may_not_see_are_neither_ranked_nor_weighed(subject):
    coordinator = CoordinatorFactory()

    related = ranked(subject, coordinator)

    titles = [r.organization.title for r in related]
    assert "Echo" in titles
    # Echo is visible to a coordinator: seven organizations, five on housing.
    rare, common = weight(7, 2), weight(7, 5)
    dana = next(r for r in related if r.organization.title == "Dana")
    assert dana.score == pytest.approx(
        (common + rare) / (2 * rare + common) + PLACE_STEP, abs=1e-5
    )


def test_hidden_organizations_move_no_score_for_those_who_cannot_see_them(
    subject, directory
):
    before = {r.organization.title: r.score for r in ranked(subject, None)}
    for number in range(3):
        build_organization(
            directory,
            title=f"Hidden {number}",
            issue_areas=["torture", "detention"],
            subdivision="US-NM",
            visibility="hidden",
        )

    assert {r.organization.title: r.score for r in ranked(subject, None)} == before


def test_at_most_six_related_organizations_are_shown(directory):
    subject = build_organization(directory, title="Hub", issue_areas=["housing"])
    for number in range(9):
        build_organization(directory, title=f"Peer {number}", issue_areas=["housing"])

    assert len(ranked(subject, None)) == 6


def test_an_organization_without_issue_areas_has_no_related_organizations(directory):
    lonely = build_organization(directory, title="Lonely")
    assert profile_partners(lonely, ANONYMOUS, []).related == []


def grow(directory, start, stop):
    areas = ["housing", "torture", "detention", "labor", "health"]
    for number in range(start, stop):
        build_organization(
            directory,
            title=f"Grown {number}",
            issue_areas=[areas[number % 5], areas[(number + 2) % 5]],
            approaches=[["litigation"], ["grassroots-organizing"], []][number % 3],
            subdivision=["US-NM", "US-TX", "US-CA"][number % 3],
            visibility=["public", "public", "members", "hidden"][number % 4],
        )


@pytest.mark.parametrize("who", ["visitor", "coordinator"])
def test_each_list_takes_one_query_at_any_size(
    directory, django_assert_num_queries, who
):
    """The weights, then related organizations and complementary partners, one
    query each, at 20 and at 60 organizations."""
    viewer = ANONYMOUS if who == "visitor" else Viewer.for_user(CoordinatorFactory())
    subject = build_organization(
        directory,
        title="Subject",
        issue_areas=["housing", "torture"],
        approaches=["litigation"],
        subdivision="US-NM",
    )
    areas = list(subject.issue_areas.all())
    approaches = list(subject.approaches.all())
    found = []
    for start, stop in [(0, 20), (20, 60)]:
        grow(directory, start, stop)
        with django_assert_num_queries(2):
            profile_partners(subject, viewer, areas)
        with django_assert_num_queries(3):
            partners = profile_partners(subject, viewer, areas, approaches)
        found.append((len(partners.related), len(partners.complements)))
    # Related organizations filled the list at both sizes, and complements
    # beyond them at the larger.
    assert [related for related, _complements in found] == [6, 6]
    assert found[-1][1] == 6


def test_the_profile_shows_related_organizations_with_their_reason(client, subject):
    html = client.get(subject.url).content.decode()

    assert "Related organizations" in html
    assert "Also works on Detention, Housing and homelessness" in html
    assert 'href="/members/dana/"' in html
    assert "Echo" not in html
    assert IssueArea.objects.get(slug="torture").name in html
