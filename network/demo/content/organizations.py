"""Words for the demo's member organizations: how common each issue area is and
which go together, the states and cities members are in, name patterns by
focus, summaries, partnership requests and the services they link to. None of
these organizations exist."""

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

SOCIAL_SERVICES = ["Bluesky", "Mastodon", "Instagram", "YouTube", "Facebook"]
