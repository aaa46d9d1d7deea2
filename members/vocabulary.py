"""The network's starting vocabulary: issue areas, approaches and populations served.

Coordinators curate these afterwards in the admin; the `seed_vocabulary` data
migration loads them once so a new network starts with a usable taxonomy.
"""

from members.models.taxonomy import RightsCategory

CP = RightsCategory.CIVIL_POLITICAL
ES = RightsCategory.ECONOMIC_SOCIAL
CU = RightsCategory.CULTURAL
CC = RightsCategory.CROSS_CUTTING

# (slug, name, rights category, one-line description)
ISSUE_AREAS = [
    (
        "criminal-justice",
        "Criminal justice",
        CP,
        "Fair trials, sentencing, bail, public defense and alternatives to prison.",
    ),
    (
        "policing",
        "Policing and police accountability",
        CP,
        "Use of force, police surveillance, civilian oversight and community safety.",
    ),
    (
        "death-penalty",
        "Death penalty",
        CP,
        "Abolition, fair process in capital cases and conditions on death row.",
    ),
    (
        "prison-conditions",
        "Prison and jail conditions",
        CP,
        "Solitary confinement, health care behind bars and the rights of people held.",
    ),
    (
        "youth-justice",
        "Youth justice",
        CP,
        "Keeping children out of adult courts and prisons, and diversion programs.",
    ),
    (
        "immigration",
        "Immigration and migrant rights",
        CC,
        "Due process, family unity, labor protections and access to services for "
        "migrants.",
    ),
    (
        "detention",
        "Detention",
        CP,
        "Immigration detention, its alternatives and conditions in detention centers.",
    ),
    (
        "asylum",
        "Asylum and refugee protection",
        CP,
        "Access to asylum, non-refoulement and support for resettled refugees.",
    ),
    (
        "housing",
        "Housing and homelessness",
        ES,
        "The right to adequate housing, tenant protections, evictions and "
        "homelessness.",
    ),
    (
        "labor",
        "Labor and workers' rights",
        ES,
        "Wage theft, safe workplaces, organizing, and domestic and farm workers.",
    ),
    (
        "health",
        "Health care",
        ES,
        "Access to care, reproductive health, mental health and health equity.",
    ),
    (
        "education",
        "Education",
        ES,
        "Equal access to quality schooling, school discipline and school funding.",
    ),
    (
        "poverty",
        "Poverty and economic justice",
        ES,
        "An adequate standard of living, social protection and fair public budgets.",
    ),
    (
        "food-and-water",
        "Food and water",
        ES,
        "The rights to food and to safe, affordable water and sanitation.",
    ),
    (
        "environmental-justice",
        "Environmental justice",
        ES,
        "Pollution, climate harms and land use that fall hardest on marginalized "
        "communities.",
    ),
    (
        "racial-discrimination",
        "Racial discrimination",
        CC,
        "Structural racism and equal protection, including CERD reporting.",
    ),
    (
        "womens-rights",
        "Women's rights",
        CC,
        "Equality for women and girls in law, work, health and public life.",
    ),
    (
        "gender-based-violence",
        "Gender-based violence",
        CC,
        "Domestic and sexual violence, survivor services and accountability.",
    ),
    (
        "lgbtiq-rights",
        "LGBTIQ+ rights",
        CC,
        "Equality and safety for lesbian, gay, bisexual, trans, intersex and queer "
        "people.",
    ),
    (
        "disability-rights",
        "Disability rights",
        CC,
        "Accessibility, independent living and the rights in the CRPD.",
    ),
    (
        "childrens-rights",
        "Children's rights",
        CC,
        "The rights of children in care, in school, at work and in the justice system.",
    ),
    (
        "indigenous-rights",
        "Indigenous peoples' rights",
        CU,
        "Self-determination, land, sacred sites and free, prior and informed consent.",
    ),
    (
        "language-and-culture",
        "Language and cultural rights",
        CU,
        "Language access, cultural heritage and taking part in cultural life.",
    ),
    (
        "human-trafficking",
        "Human trafficking",
        CP,
        "Prevention, survivor protection and labor and sex trafficking prosecutions.",
    ),
    (
        "freedom-of-expression",
        "Freedom of expression and press",
        CP,
        "Speech, protest, press freedom and the right to information.",
    ),
    (
        "torture",
        "Torture and ill-treatment",
        CP,
        "Prevention of torture, redress for survivors and the Convention against "
        "Torture.",
    ),
    (
        "transitional-justice",
        "Transitional justice",
        CP,
        "Truth, reparations and accountability for past abuses.",
    ),
    (
        "voting-rights",
        "Voting rights",
        CP,
        "Access to the ballot, felony disenfranchisement and fair districts.",
    ),
    (
        "religious-freedom",
        "Freedom of religion and belief",
        CP,
        "Freedom to practice, or not practice, a religion without discrimination.",
    ),
    (
        "digital-rights",
        "Privacy and digital rights",
        CP,
        "Surveillance, data protection and rights online.",
    ),
    (
        "human-rights-defenders",
        "Protection of human-rights defenders",
        CP,
        "Safety, legal support and solidarity for people defending rights.",
    ),
    (
        "un-advocacy",
        "UN and international advocacy",
        CC,
        "The Universal Periodic Review, treaty bodies and special procedures.",
    ),
]

# (slug, name): how organizations work.
APPROACHES = [
    ("litigation", "Litigation"),
    ("policy-advocacy", "Policy advocacy"),
    ("grassroots-organizing", "Grassroots organizing"),
    ("direct-services", "Direct services"),
    ("research-and-documentation", "Research and documentation"),
    ("education-and-training", "Education and training"),
    ("lobbying", "Lobbying"),
    ("un-and-international-advocacy", "UN and international advocacy"),
    ("humanitarian-relief", "Humanitarian relief"),
    ("communications", "Communications"),
]

# (slug, name): who organizations serve.
POPULATIONS = [
    ("children-and-youth", "Children and youth"),
    ("women-and-girls", "Women and girls"),
    ("immigrants-and-refugees", "Immigrants and refugees"),
    ("incarcerated-people", "Incarcerated and formerly incarcerated people"),
    ("lgbtiq-people", "LGBTIQ+ people"),
    ("people-with-disabilities", "People with disabilities"),
    ("indigenous-peoples", "Indigenous peoples"),
    ("workers", "Workers"),
    ("unhoused-people", "People experiencing homelessness"),
    ("racial-and-ethnic-minorities", "Racial and ethnic minorities"),
    ("older-people", "Older people"),
    ("survivors-of-violence", "Survivors of violence"),
    ("low-income-communities", "Low-income communities"),
    ("rural-communities", "Rural communities"),
]
