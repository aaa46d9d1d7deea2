"""Demo member organizations: invented names, places at city level, a realistic skew.

Some issue areas are common (criminal justice, immigration, housing), some rare
(transitional justice, torture). About 10 % are members-only and 3 % hidden; about 60
are founding members. None of these organizations exist. Each is built by
tests.factories.build_organization, with a generated logo and a few links elsewhere.
"""

import datetime
import random

from members.geography import match_subdivision
from members.models import (
    Approach,
    IssueArea,
    MembershipStatus,
    Population,
    Scope,
    Visibility,
)
from network.demo.content.organizations import (
    GENERIC_SUMMARY,
    INTERNATIONAL,
    ISSUE_WEIGHTS,
    NAME_PATTERNS,
    NEIGHBORS,
    PARTNER_REQUESTS,
    SOCIAL_SERVICES,
    STATE_WEIGHTS,
    STATES,
    SUMMARIES,
)
from network.demo.images import make_logo
from tests.factories import build_organization

FOUNDING_DATE = datetime.date(2011, 12, 10)  # launched on Human Rights Day
FOUNDING_MEMBERS = 60
# Organizations beyond this many get no logo, so large benchmark networks seed fast.
MAX_LOGOS = 300


def pick_issue_areas(rng, slugs, weights):
    primary = rng.choices(slugs, weights=weights)[0]
    chosen = [primary]
    pool = NEIGHBORS.get(primary, [])
    for slug in rng.sample(pool, k=min(len(pool), rng.randint(0, 2))):
        chosen.append(slug)
    while len(chosen) < rng.randint(2, 5):
        extra = rng.choices(slugs, weights=weights)[0]
        if extra not in chosen:
            chosen.append(extra)
    return chosen


def build(rng, directory, count):
    """Create `count` organizations under the directory."""
    areas = {area.slug: area for area in IssueArea.objects.all()}
    slugs = [slug for slug in ISSUE_WEIGHTS if slug in areas]
    weights = [ISSUE_WEIGHTS[slug] for slug in slugs]
    approaches = list(Approach.objects.all())
    populations = list(Population.objects.all())
    states = list(STATES)
    state_weights = [STATE_WEIGHTS.get(state, 1) for state in states]
    used_names = set()
    organizations = []
    for index in range(count):
        if index % 40 == 39:
            country, region, city = rng.choice(INTERNATIONAL)
            scope = Scope.INTERNATIONAL
        else:
            # Cycle through every state first so the demo spans the country.
            region = (
                states[index]
                if index < len(states)
                else rng.choices(states, weights=state_weights)[0]
            )
            city = rng.choice(STATES[region])
            country = "US"
            scope = rng.choices(
                [Scope.LOCAL, Scope.STATE, Scope.REGIONAL, Scope.NATIONAL],
                weights=[5, 3, 1, 1],
            )[0]
        issue_slugs = pick_issue_areas(rng, slugs, weights)
        patterns = NAME_PATTERNS.get(issue_slugs[0]) or NAME_PATTERNS["housing"]
        name = rng.choice(patterns).format(city=city, state=region)
        if name in used_names:
            name = (
                f"{name} – {['North', 'South', 'East', 'West', 'Central'][index % 5]}"
            )
        if name in used_names:
            name = f"{name} {index}"
        used_names.add(name)
        founding = index < FOUNDING_MEMBERS
        roll = rng.random()
        visibility = (
            Visibility.HIDDEN
            if roll < 0.03
            else Visibility.MEMBERS
            if roll < 0.13
            else Visibility.PUBLIC
        )
        member_since = (
            FOUNDING_DATE
            if founding
            else FOUNDING_DATE + datetime.timedelta(days=rng.randint(60, 5000))
        )
        primary_name = areas[issue_slugs[0]].name
        summary = SUMMARIES.get(issue_slugs[0]) or GENERIC_SUMMARY.format(
            scope=scope.label.lower(), city=city, issue=primary_name.lower()
        )
        # The random draws below happen in this order; changing it changes the demo.
        fields = {
            "title": name,
            "summary": summary,
            "mission": (
                f"{name} works on {primary_name.lower()} in and around {city}. "
                "We document what people in our community face, support them "
                "directly, and bring their experience to decision makers, from city "
                "councils to UN review bodies."
            ),
            "city": city,
            # The content names places; they are stored as ISO 3166-2 codes.
            "subdivision": match_subdivision(region, country),
            "country": country,
            "scope": scope,
            "founded_year": rng.randint(1968, 2022),
            "founding_member": founding,
            "member_since": member_since,
            "membership_status": (
                MembershipStatus.LAPSED
                if rng.random() < 0.04
                else MembershipStatus.ACTIVE
            ),
            "website": f"https://org{index}.example.org",
            "public_email": f"info@org{index}.example.org",
            "contact_name": rng.choice(["Rosa", "Dev", "Kim", "Tomás", "Aisha", "Noor"])
            + " "
            + rng.choice(["Alvarez", "Brooks", "Nguyen", "Haddad", "Okoro", "Lind"]),
            "contact_email": f"coordination@org{index}.example.org",
            "contact_phone": f"+1 555 01{index % 100:02d}",
            "looking_for_partners_on": rng.choice(PARTNER_REQUESTS),
            "led_by_directly_affected": rng.random() < 0.35,
            "visibility": visibility,
        }
        chosen_approaches = rng.sample(approaches, k=rng.randint(1, 3))
        chosen_populations = rng.sample(populations, k=rng.randint(1, 3))
        # A handful of organizations have not uploaded a logo.
        if index < MAX_LOGOS and rng.random() > 0.06:
            fields["logo"] = make_logo(rng, name, index)
        organizations.append(
            build_organization(
                directory,
                issue_areas=[areas[slug] for slug in issue_slugs],
                approaches=chosen_approaches,
                populations=chosen_populations,
                social_links=demo_social_links(index),
                **fields,
            )
        )
    return organizations


def demo_social_links(index):
    """Zero to three (label, url) links elsewhere. They draw on their own random
    stream so that adding them left every other part of the demo as it was."""
    own = random.Random(index)
    services = own.sample(SOCIAL_SERVICES, k=own.choice([0, 1, 1, 2, 2, 3]))
    return [
        (service, f"https://{service.lower()}.example.net/org{index}")
        for service in services
    ]
