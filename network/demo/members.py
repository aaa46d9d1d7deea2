"""Demo member organizations: invented names, places at city level, a realistic skew.

Some issue areas are common (criminal justice, immigration, housing), some rare
(transitional justice, torture). About 10 % are members-only and 3 % hidden; about 60
are founding members. None of these organizations exist.
"""

import datetime
import random
from io import BytesIO

from django.core.files.images import ImageFile
from PIL import Image, ImageDraw

from home.models import SiteImage
from members.models import (
    Approach,
    IssueArea,
    MemberOrganizationPage,
    Membership,
    MembershipStatus,
    OrganizationLink,
    Population,
    Scope,
    Visibility,
)

FOUNDING_DATE = datetime.date(2011, 12, 10)  # launched on Human Rights Day
FOUNDING_MEMBERS = 60
# Organizations beyond this many get no logo, so large benchmark networks seed fast.
MAX_LOGOS = 300

# How often each issue area is someone's focus (higher is more common).
ISSUE_WEIGHTS = {
    "criminal-justice": 14,
    "immigration": 14,
    "housing": 12,
    "racial-discrimination": 11,
    "labor": 10,
    "health": 9,
    "policing": 9,
    "education": 8,
    "poverty": 8,
    "womens-rights": 7,
    "detention": 7,
    "gender-based-violence": 6,
    "lgbtiq-rights": 6,
    "childrens-rights": 6,
    "disability-rights": 5,
    "environmental-justice": 5,
    "voting-rights": 5,
    "asylum": 5,
    "prison-conditions": 5,
    "un-advocacy": 4,
    "youth-justice": 4,
    "indigenous-rights": 3,
    "death-penalty": 3,
    "human-trafficking": 3,
    "food-and-water": 3,
    "freedom-of-expression": 3,
    "digital-rights": 2,
    "language-and-culture": 2,
    "human-rights-defenders": 2,
    "religious-freedom": 1,
    "torture": 1,
    "transitional-justice": 1,
}

# Issue areas that tend to go together, so related organizations make sense.
NEIGHBORS = {
    "immigration": ["detention", "asylum", "labor", "language-and-culture"],
    "detention": ["immigration", "asylum", "prison-conditions", "torture"],
    "criminal-justice": [
        "policing",
        "prison-conditions",
        "youth-justice",
        "death-penalty",
        "racial-discrimination",
    ],
    "housing": ["poverty", "health", "racial-discrimination"],
    "labor": ["immigration", "poverty", "human-trafficking", "womens-rights"],
    "health": ["disability-rights", "womens-rights", "poverty"],
    "womens-rights": ["gender-based-violence", "health", "labor"],
    "indigenous-rights": [
        "environmental-justice",
        "language-and-culture",
        "food-and-water",
        "un-advocacy",
    ],
    "un-advocacy": ["torture", "racial-discrimination", "transitional-justice"],
}

STATES = {
    "Alabama": ["Birmingham", "Montgomery", "Mobile"],
    "Alaska": ["Anchorage", "Juneau"],
    "Arizona": ["Phoenix", "Tucson", "Flagstaff"],
    "Arkansas": ["Little Rock", "Fayetteville"],
    "California": ["Los Angeles", "Oakland", "Fresno", "San Diego", "Salinas"],
    "Colorado": ["Denver", "Pueblo"],
    "Connecticut": ["Hartford", "New Haven"],
    "Delaware": ["Wilmington"],
    "District of Columbia": ["Washington"],
    "Florida": ["Miami", "Orlando", "Tallahassee", "Immokalee"],
    "Georgia": ["Atlanta", "Savannah"],
    "Hawaii": ["Honolulu", "Hilo"],
    "Idaho": ["Boise"],
    "Illinois": ["Chicago", "Rockford"],
    "Indiana": ["Indianapolis", "Gary"],
    "Iowa": ["Des Moines"],
    "Kansas": ["Wichita"],
    "Kentucky": ["Louisville", "Lexington"],
    "Louisiana": ["New Orleans", "Baton Rouge"],
    "Maine": ["Portland", "Lewiston"],
    "Maryland": ["Baltimore"],
    "Massachusetts": ["Boston", "Springfield"],
    "Michigan": ["Detroit", "Flint", "Grand Rapids"],
    "Minnesota": ["Minneapolis", "Duluth"],
    "Mississippi": ["Jackson"],
    "Missouri": ["St. Louis", "Kansas City"],
    "Montana": ["Missoula", "Billings"],
    "Nebraska": ["Omaha"],
    "Nevada": ["Las Vegas", "Reno"],
    "New Hampshire": ["Manchester"],
    "New Jersey": ["Newark", "Camden"],
    "New Mexico": ["Albuquerque", "Las Cruces", "Gallup"],
    "New York": ["New York", "Buffalo", "Rochester"],
    "North Carolina": ["Durham", "Charlotte"],
    "North Dakota": ["Fargo"],
    "Ohio": ["Cleveland", "Columbus", "Cincinnati"],
    "Oklahoma": ["Tulsa", "Oklahoma City"],
    "Oregon": ["Portland", "Eugene"],
    "Pennsylvania": ["Philadelphia", "Pittsburgh"],
    "Puerto Rico": ["San Juan"],
    "Rhode Island": ["Providence"],
    "South Carolina": ["Columbia", "Charleston"],
    "South Dakota": ["Rapid City"],
    "Tennessee": ["Memphis", "Nashville"],
    "Texas": ["Houston", "El Paso", "San Antonio", "Austin", "Brownsville"],
    "Utah": ["Salt Lake City"],
    "Vermont": ["Burlington"],
    "Virginia": ["Richmond", "Norfolk"],
    "Washington": ["Seattle", "Yakima", "Spokane"],
    "West Virginia": ["Charleston"],
    "Wisconsin": ["Milwaukee", "Madison"],
    "Wyoming": ["Cheyenne"],
}

# States with many members, the way real networks cluster.
STATE_WEIGHTS = {
    "California": 6,
    "New York": 6,
    "Texas": 5,
    "Florida": 4,
    "Illinois": 4,
    "District of Columbia": 4,
    "Georgia": 3,
    "Louisiana": 3,
    "New Mexico": 3,
    "Washington": 3,
    "Pennsylvania": 3,
    "Michigan": 3,
    "Arizona": 3,
}

INTERNATIONAL = [
    ("MX", "Baja California", "Tijuana"),
    ("GT", "Guatemala", "Guatemala City"),
    ("CA", "Ontario", "Toronto"),
    ("CH", "Geneva", "Geneva"),
    ("SV", "San Salvador", "San Salvador"),
    ("HT", "Ouest", "Port-au-Prince"),
]

# Name patterns by focus; {city} and {state} are filled in. Invented on purpose.
NAME_PATTERNS = {
    "criminal-justice": [
        "{city} Second Chance Collective",
        "Fair Trial Project of {state}",
        "{city} Public Defense Alliance",
        "{state} Justice Commons",
    ],
    "policing": [
        "{city} Community Safety Watch",
        "Neighbors for Police Accountability ({city})",
        "{city} Copwatch Circle",
    ],
    "death-penalty": [
        "{state} Voices Against Execution",
        "Last Appeal Project ({state})",
    ],
    "prison-conditions": [
        "Inside Out Advocates of {state}",
        "{city} Jail Health Monitor",
    ],
    "youth-justice": ["{city} Youth Futures Project", "Kids Not Cells {state}"],
    "immigration": [
        "{city} Newcomer Dignity Center",
        "{state} Migrant Justice Commons",
        "Puentes {city}",
        "{city} Immigrant Legal Lantern",
    ],
    "detention": ["{state} Detention Watch Circle", "Open Doors Visitation {city}"],
    "asylum": ["{city} Asylum Accompaniment Network", "Safe Harbor Clinic of {city}"],
    "housing": [
        "{city} Tenants United",
        "Homes for All {state}",
        "{city} Right to Housing Coalition",
        "{city} Eviction Defense Collective",
    ],
    "labor": [
        "{city} Workers' Dignity Center",
        "{state} Farmworker Alliance for Fair Wages",
        "{city} Domestic Workers Circle",
    ],
    "health": ["{city} Health Equity Project", "{state} Patients' Rights Collective"],
    "education": ["{city} Schools Not Prisons", "{state} Equal Schools Alliance"],
    "poverty": ["{city} Economic Justice Table", "{state} Budget for People"],
    "food-and-water": [
        "{city} Clean Water Defenders",
        "{state} Food Sovereignty Circle",
    ],
    "environmental-justice": [
        "{city} Breathe Free Coalition",
        "{state} Environmental Justice Commons",
    ],
    "racial-discrimination": [
        "{city} Racial Equity Forum",
        "{state} Equal Protection Project",
        "{city} Civil Rights Roundtable",
    ],
    "womens-rights": ["{city} Women's Equality Circle", "{state} Women's Rights Table"],
    "gender-based-violence": [
        "{city} Survivors' Haven",
        "{state} Safe at Home Alliance",
    ],
    "lgbtiq-rights": ["{city} Rainbow Rights Center", "{state} Trans Equality Circle"],
    "disability-rights": ["{city} Access for All", "{state} Independent Living Voices"],
    "childrens-rights": [
        "{city} Children First Collaborative",
        "{state} Foster Youth Voices",
    ],
    "indigenous-rights": [
        "{state} Native Lands Defense Circle",
        "{city} Indigenous Sovereignty Project",
    ],
    "language-and-culture": ["{city} Language Access Collective"],
    "human-trafficking": [
        "{state} Freedom from Trafficking Network",
        "{city} Safe Passage Project",
    ],
    "freedom-of-expression": [
        "{city} Open Press Collective",
        "{state} Right to Protest Project",
    ],
    "torture": ["{city} Survivors of Torture Healing Center"],
    "transitional-justice": ["{state} Truth and Repair Initiative"],
    "voting-rights": [
        "{state} Every Vote Counts Coalition",
        "{city} Ballot Access Project",
    ],
    "religious-freedom": ["{city} Interfaith Rights Council"],
    "digital-rights": ["{city} Digital Privacy Collective"],
    "human-rights-defenders": ["{state} Defenders' Shield"],
    "un-advocacy": [
        "{state} Human Rights Treaty Watch",
        "{city} Geneva Bridge Project",
    ],
}

SUMMARIES = {
    "criminal-justice": "We defend people facing the criminal legal system and push "
    "for sentencing, bail and defense reforms.",
    "immigration": "We stand with immigrant families: know-your-rights trainings, "
    "legal referrals and campaigns for fair immigration policy.",
    "housing": "Tenants organizing tenants: we fight evictions, unsafe conditions and "
    "displacement, and press for housing as a human right.",
}
GENERIC_SUMMARY = (
    "A {scope} organization in {city} working on {issue}, led by the communities it "
    "serves."
)

PARTNER_REQUESTS = [
    "A joint shadow report to the next UN treaty-body review.",
    "Know-your-rights trainings in Spanish and Indigenous languages.",
    "Sharing court-watch data with groups in neighboring counties.",
    "A regional coalition on rent stabilization.",
    "Co-hosting a public hearing with people directly affected.",
    "Legal partners for strategic litigation on detention conditions.",
    "",
    "",
]

LOGO_COLORS = ["#1d5c63", "#a8431c", "#4b3f72", "#2f6b3a", "#8a5a00", "#24476b"]


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


def make_logo(rng, name, index):
    """A simple generated mark: two overlapping circles and the initials."""
    size = 160
    image = Image.new("RGB", (size, size), "#ffffff")
    draw = ImageDraw.Draw(image)
    first, second = rng.sample(LOGO_COLORS, 2)
    draw.ellipse((16, 30, 112, 126), fill=first)
    draw.ellipse((56, 30, 152, 126), fill=second)
    initials = "".join(word[0] for word in name.split() if word[0].isupper())[:3]
    draw.text((size // 2, 142), initials, fill="#1c2326", anchor="mm")
    buffer = BytesIO()
    image.save(buffer, format="PNG")
    return SiteImage.objects.create(
        title=f"{name} logo",
        file=ImageFile(buffer, name=f"demo-logo-{index}.png"),
    )


def build(rng, directory, count, member_users):
    """Create `count` organizations under the directory; link the demo people."""
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
        organization = MemberOrganizationPage(
            title=name,
            summary=summary,
            mission=(
                f"{name} works on {primary_name.lower()} in and around {city}. "
                "We document what people in our community face, support them "
                "directly, and bring their experience to decision makers, from city "
                "councils to UN review bodies."
            ),
            city=city,
            region=region,
            country=country,
            scope=scope,
            founded_year=rng.randint(1968, 2022),
            founding_member=founding,
            member_since=member_since,
            membership_status=(
                MembershipStatus.LAPSED
                if rng.random() < 0.04
                else MembershipStatus.ACTIVE
            ),
            website=f"https://org{index}.example.org",
            public_email=f"info@org{index}.example.org",
            contact_name=rng.choice(["Rosa", "Dev", "Kim", "Tomás", "Aisha", "Noor"])
            + " "
            + rng.choice(["Alvarez", "Brooks", "Nguyen", "Haddad", "Okoro", "Lind"]),
            contact_email=f"coordination@org{index}.example.org",
            contact_phone=f"+1 555 01{index % 100:02d}",
            looking_for_partners_on=rng.choice(PARTNER_REQUESTS),
            led_by_directly_affected=rng.random() < 0.35,
            visibility=visibility,
        )
        organization.issue_areas.set([areas[slug] for slug in issue_slugs])
        organization.approaches.set(rng.sample(approaches, k=rng.randint(1, 3)))
        organization.populations.set(rng.sample(populations, k=rng.randint(1, 3)))
        organization.social_links = demo_social_links(index)
        # A handful of organizations have not uploaded a logo.
        if index < MAX_LOGOS and rng.random() > 0.06:
            organization.logo = make_logo(rng, name, index)
        directory.add_child(instance=organization)
        organizations.append(organization)

    link_demo_people(organizations, member_users)
    return organizations


SOCIAL_SERVICES = ["Bluesky", "Mastodon", "Instagram", "YouTube", "Facebook"]


def demo_social_links(index):
    """Zero to three links elsewhere. They draw on their own random stream so that
    adding them left every other part of the demo as it was."""
    own = random.Random(index)
    services = own.sample(SOCIAL_SERVICES, k=own.choice([0, 1, 1, 2, 2, 3]))
    return [
        OrganizationLink(
            label=service,
            url=f"https://{service.lower()}.example.net/org{index}",
            sort_order=position,
        )
        for position, service in enumerate(services)
    ]


def link_demo_people(organizations, member_users):
    """maria and lena share a public organization; james works for a hidden one;
    sam for a members-only one; priya for two organizations."""
    if not organizations or not member_users:
        return
    people = {user.username: user for user in member_users}

    def first(visibility):
        return next(
            (org for org in organizations if org.visibility == visibility),
            organizations[0],
        )

    public = first(Visibility.PUBLIC)
    others = [org for org in organizations if org.visibility == Visibility.PUBLIC]
    plan = [
        ("maria", public, Membership.Role.ADMIN),
        ("lena", public, Membership.Role.EDITOR),
        ("james", first(Visibility.HIDDEN), Membership.Role.ADMIN),
        ("sam", first(Visibility.MEMBERS), Membership.Role.ADMIN),
        ("priya", others[1] if len(others) > 1 else public, Membership.Role.ADMIN),
        ("priya", others[2] if len(others) > 2 else public, Membership.Role.EDITOR),
    ]
    for username, organization, role in plan:
        if username in people:
            Membership.objects.get_or_create(
                user=people[username],
                organization=organization,
                defaults={"role": role},
            )
