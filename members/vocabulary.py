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

# {slug: [alias, ...]}: the other names people search for or type, for each term of
# the starting vocabulary. Coordinators curate them afterwards in the admin; a name
# or alias belongs to one term of its vocabulary only.
ISSUE_AREA_ALIASES = {
    "criminal-justice": [
        "Criminal legal system",
        "Mass incarceration",
        "Sentencing reform",
        "Bail reform",
        "Public defense",
    ],
    "policing": ["Police accountability", "Police brutality", "Police violence"],
    "death-penalty": ["Capital punishment", "Death row", "Executions"],
    "prison-conditions": [
        "Prisoners' rights",
        "Solitary confinement",
        "Jail conditions",
    ],
    "youth-justice": ["Juvenile justice", "Juvenile detention"],
    "immigration": [
        "Migrant rights",
        "Migrants",
        "Immigrant rights",
        "Refugees",
        "Undocumented immigrants",
        "Deportation",
    ],
    "detention": ["Immigration detention", "Detention centers"],
    "asylum": [
        "Asylum seekers",
        "Refugee rights",
        "Refugee resettlement",
        "Non-refoulement",
    ],
    "housing": [
        "Tenants' rights",
        "Evictions",
        "Affordable housing",
        "Right to housing",
    ],
    "labor": ["Labour rights", "Labor rights", "Wage theft", "Unions"],
    "health": ["Healthcare", "Right to health", "Reproductive health", "Mental health"],
    "education": ["Right to education", "Schools", "School discipline"],
    "poverty": ["Economic rights", "Social protection", "Welfare"],
    "food-and-water": [
        "Right to food",
        "Right to water",
        "Food security",
    ],
    "environmental-justice": ["Climate justice", "Environmental racism", "Pollution"],
    "racial-discrimination": ["Racial justice", "Racism", "Civil rights", "CERD"],
    "womens-rights": ["Gender equality", "Feminism", "CEDAW"],
    "gender-based-violence": [
        "Domestic violence",
        "Sexual violence",
        "Violence against women",
        "GBV",
    ],
    "lgbtiq-rights": [
        "LGBTQ",
        "LGBT",
        "LGBT rights",
        "LGBTQ rights",
        "Queer rights",
        "Gay rights",
        "Trans rights",
        "Transgender rights",
        "SOGI",
    ],
    "disability-rights": ["Disability justice", "Accessibility", "CRPD"],
    "childrens-rights": ["Child rights", "Rights of the child", "Child welfare"],
    "indigenous-rights": [
        "Native American rights",
        "Tribal sovereignty",
        "First Nations",
        "Land rights",
    ],
    "language-and-culture": ["Language access", "Cultural heritage", "Interpretation"],
    "human-trafficking": [
        "Trafficking",
        "Forced labor",
        "Modern slavery",
        "Sex trafficking",
        "Labor trafficking",
    ],
    "freedom-of-expression": [
        "Free speech",
        "Freedom of speech",
        "Press freedom",
        "Right to protest",
        "Freedom of assembly",
    ],
    "torture": ["Ill-treatment", "Convention against Torture"],
    "transitional-justice": ["Truth commissions", "Reparations"],
    "voting-rights": ["Right to vote", "Ballot access", "Disenfranchisement"],
    "religious-freedom": ["Freedom of religion", "Religious liberty"],
    "digital-rights": [
        "Privacy",
        "Surveillance",
        "Data protection",
        "Internet freedom",
    ],
    "human-rights-defenders": ["HRDs", "Defenders at risk", "Activists at risk"],
    "un-advocacy": [
        "United Nations",
        "UPR",
        "Universal Periodic Review",
        "Treaty bodies",
        "Special procedures",
    ],
}

APPROACH_ALIASES = {
    "litigation": ["Strategic litigation", "Impact litigation", "Lawsuits"],
    "policy-advocacy": ["Advocacy", "Policy change", "Public policy"],
    "grassroots-organizing": [
        "Community organizing",
        "Organizing",
        "Grassroots organising",
        "Movement building",
    ],
    "direct-services": ["Legal services", "Case management", "Services"],
    "research-and-documentation": ["Research", "Documentation", "Monitoring"],
    "education-and-training": [
        "Training",
        "Know your rights",
        "Human rights education",
        "Workshops",
    ],
    "lobbying": ["Legislative advocacy", "Government relations"],
    "un-and-international-advocacy": [
        "UN advocacy",
        "International advocacy",
        "Shadow reports",
    ],
    "humanitarian-relief": [
        "Relief",
        "Emergency aid",
        "Mutual aid",
        "Humanitarian aid",
    ],
    "communications": ["Media", "Storytelling", "Public awareness"],
}

POPULATION_ALIASES = {
    "children-and-youth": ["Children", "Youth", "Young people", "Minors"],
    "women-and-girls": ["Women", "Girls"],
    "immigrants-and-refugees": [
        "Immigrants",
        "Refugees",
        "Migrants",
        "Asylum seekers",
        "Undocumented people",
        "Newcomers",
    ],
    "incarcerated-people": [
        "Prisoners",
        "People in prison",
        "Formerly incarcerated people",
        "Returning citizens",
    ],
    "lgbtiq-people": ["LGBTQ people", "LGBTQ", "LGBT", "Queer people", "Trans people"],
    "people-with-disabilities": ["Disabled people", "People with disability"],
    "indigenous-peoples": ["Native Americans", "Tribal communities", "First Nations"],
    "workers": ["Laborers", "Domestic workers", "Farmworkers", "Low-wage workers"],
    "unhoused-people": ["Homeless people", "Unhoused people", "Unhoused"],
    "racial-and-ethnic-minorities": [
        "Communities of color",
        "People of color",
        "Ethnic minorities",
    ],
    "older-people": ["Elders", "Seniors", "Older adults"],
    "survivors-of-violence": ["Survivors", "Victims of violence", "Crime victims"],
    "low-income-communities": ["Poor communities", "Low-income families"],
    "rural-communities": ["Rural areas", "Farming communities"],
}

# Pairs of issue areas the network treats as related from the start (linked both
# ways). Coordinators curate them afterwards in the admin; hubs and board threads
# also relate issue areas that many organizations work on together.
RELATED_ISSUE_AREAS = [
    ("immigration", "asylum"),
    ("immigration", "detention"),
    ("asylum", "detention"),
    ("detention", "prison-conditions"),
    ("criminal-justice", "policing"),
    ("criminal-justice", "prison-conditions"),
    ("criminal-justice", "youth-justice"),
    ("childrens-rights", "youth-justice"),
    ("death-penalty", "prison-conditions"),
    ("torture", "prison-conditions"),
    ("torture", "transitional-justice"),
    ("un-advocacy", "transitional-justice"),
    ("housing", "poverty"),
    ("food-and-water", "poverty"),
    ("food-and-water", "environmental-justice"),
    ("indigenous-rights", "environmental-justice"),
    ("indigenous-rights", "language-and-culture"),
    ("womens-rights", "gender-based-violence"),
    ("human-trafficking", "labor"),
    ("disability-rights", "health"),
    ("racial-discrimination", "voting-rights"),
    ("freedom-of-expression", "digital-rights"),
    ("freedom-of-expression", "human-rights-defenders"),
    ("freedom-of-expression", "religious-freedom"),
]
