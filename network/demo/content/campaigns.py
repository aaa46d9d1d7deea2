"""Words for the demo's campaigns: thirteen joint campaigns across statuses and
issue areas, the updates they post, the figures they quote and the names of
their supporters. No real campaign is described."""

from campaigns.models import CampaignStatus

ACTIVE = CampaignStatus.ACTIVE
UPCOMING = CampaignStatus.UPCOMING
CONCLUDED = CampaignStatus.CONCLUDED

# (slug, title, status, start offset in days, length in days, issue-area slugs,
#  summary, ask, statement, story)
CAMPAIGNS = [
    (
        "us-upr-coalition-report",
        "Universal Periodic Review of the United States: our coalition report",
        ACTIVE,
        -45,
        330,
        ["un-advocacy", "racial-discrimination", "criminal-justice", "immigration"],
        "Member organizations write one joint stakeholder report for the next UN "
        "review of the United States, and follow the review through to adoption.",
        "Send your evidence to the drafting team before the stakeholder deadline.",
        "We submit this joint report so that the Human Rights Council hears, in "
        "their own words, from the communities most affected by the gaps between "
        "the United States' human-rights commitments and daily life at home.",
        "Every UN member state's human-rights record is reviewed by its peers about "
        "every four and a half years. Civil society can send a stakeholder report "
        "months before the review; the UN summarizes these for the delegations, "
        "which then make recommendations to the government under review. This "
        "campaign coordinates one strong coalition report, briefings for "
        "delegations in Geneva, and follow-up on the recommendations at home.",
    ),
    (
        "end-winter-evictions",
        "Housing is a human right: end winter evictions",
        ACTIVE,
        -60,
        180,
        ["housing", "poverty", "health"],
        "A moratorium on evictions during the coldest months, and a right to "
        "counsel for every tenant facing eviction.",
        "Ask your city council to pass a winter eviction moratorium.",
        "We call on state and local governments to halt evictions into freezing "
        "weather and to guarantee legal counsel to tenants in eviction court.",
        "Tenants in our member cities are evicted in the middle of winter, often "
        "without a lawyer, while the courts that order the evictions process "
        "hundreds of cases a morning. Adequate housing is a right the United States "
        "has recognized in international fora; this campaign asks cities and "
        "states to act like it.",
    ),
    (
        "close-desert-detention",
        "Close the desert detention center",
        ACTIVE,
        -120,
        240,
        ["detention", "immigration", "asylum", "health"],
        "Reports of medical neglect and isolation keep coming from a remote "
        "immigration detention center. We want it closed and people released to "
        "community-based alternatives.",
        "Sign the letter to the county commission ending its detention contract.",
        "We call for the closure of the detention center and for release to "
        "community-based case management, which costs less and keeps families "
        "together.",
        "Member organizations visiting people held at the center have documented "
        "delayed medical care, long periods in isolation and limited access to "
        "lawyers. The county's contract comes up for renewal this year.",
    ),
    (
        "restore-the-vote",
        "Restore the vote after prison",
        UPCOMING,
        30,
        200,
        ["voting-rights", "criminal-justice", "racial-discrimination"],
        "Automatic restoration of voting rights for everyone who has left prison.",
        "Pledge to help register voters in your neighborhood.",
        "We call for every state to restore voting rights automatically on release "
        "from prison, with no fees or waiting periods.",
        "Millions of citizens cannot vote because of a past conviction, and the "
        "rules differ so much from state to state that many who could vote do not "
        "know it. Members will run registration drives and push for one clear rule.",
    ),
    (
        "farmworker-wage-theft",
        "Wage theft is theft: fair pay in the fields",
        ACTIVE,
        -200,
        400,
        ["labor", "immigration", "human-trafficking"],
        "Farmworkers lose wages to unpaid overtime and illegal deductions. We "
        "push growers and buyers to sign an enforceable fair-pay code.",
        "Ask grocery chains to buy only from growers that sign the fair-pay code.",
        "We support the farmworkers' fair-pay code and call on buyers to make it a "
        "condition of every contract.",
        "Worker-led monitoring has recovered back pay on several farms. This "
        "campaign brings the code to the buyers who set prices for the whole "
        "supply chain.",
    ),
    (
        "clean-water-tribal-nations",
        "Clean water now for tribal communities",
        ACTIVE,
        -90,
        365,
        ["indigenous-rights", "food-and-water", "environmental-justice"],
        "Households on tribal lands are far more likely to lack running water. "
        "We back tribal nations' own water plans and the funding they need.",
        "Tell your representatives to fund tribal water infrastructure in full.",
        "We stand with tribal nations in their call for full funding of the water "
        "and sanitation systems they design and run.",
        "The right to water and sanitation is recognized at the UN. Tribal "
        "governments have the plans; what they lack is funding that arrives on "
        "time and respects their sovereignty.",
    ),
    (
        "end-juvenile-life-without-parole",
        "End life without parole for children",
        CONCLUDED,
        -900,
        700,
        ["youth-justice", "criminal-justice", "childrens-rights"],
        "No child should be sentenced to die in prison. Our campaign helped end "
        "the sentence in two more states.",
        "Read what we achieved and what comes next.",
        "We call for an end to sentences of life without parole for people who "
        "were children at the time of the offense.",
        "The campaign ran for two years with families of people sentenced as "
        "children. It closed after two state legislatures abolished the sentence; "
        "members continue the work on resentencing.",
    ),
    (
        "torture-committee-shadow-report",
        "Shadow report to the Committee against Torture",
        UPCOMING,
        14,
        260,
        ["torture", "prison-conditions", "un-advocacy", "detention"],
        "A joint shadow report on solitary confinement and conditions in "
        "detention for the UN Committee against Torture's next review.",
        "Share documented cases with the drafting group.",
        "We submit this shadow report to assist the Committee against Torture in "
        "its review, and ask it to address prolonged solitary confinement.",
        "Treaty bodies review each state's compliance with the treaties it has "
        "ratified. Their questions and concluding observations give members "
        "leverage at home when they are grounded in documented cases.",
    ),
    (
        "language-access-courts",
        "Language access in every courthouse",
        CONCLUDED,
        -700,
        500,
        ["language-and-culture", "immigration", "criminal-justice"],
        "Qualified interpreters in every court hearing, in every language people "
        "speak.",
        "See the court rule we won.",
        "We call on state courts to provide qualified interpreters at no cost in "
        "every proceeding.",
        "After a year of court-watching and testimony, the state supreme court "
        "adopted a rule guaranteeing interpreters in civil as well as criminal "
        "hearings.",
    ),
    (
        "safe-homes-survivors",
        "Safe homes for survivors",
        ACTIVE,
        -30,
        300,
        ["gender-based-violence", "housing", "womens-rights"],
        "Survivors of domestic violence should not lose their homes for calling "
        "for help. We want nuisance-ordinance evictions ended.",
        "Ask your city to repeal its nuisance ordinance.",
        "We call on cities to repeal nuisance ordinances that punish tenants for "
        "calling emergency services, and to protect survivors from eviction.",
        "Several member cities count calls to the police against a property; "
        "landlords then evict the survivor who called. The fix is local and fast.",
    ),
    (
        "defend-the-defenders",
        "Defend the defenders: stop lawsuits that silence",
        ACTIVE,
        -15,
        270,
        ["human-rights-defenders", "freedom-of-expression"],
        "Strategic lawsuits drain organizations that speak out. We support "
        "anti-SLAPP laws and stand with groups under attack.",
        "Sign on, openly or unlisted, to show defenders they are not alone.",
        "We stand with human-rights defenders facing lawsuits meant to silence "
        "them, and call for strong anti-SLAPP protections in every state.",
        "Some organizations that sign this statement face real risks for doing "
        "so. They can sign as unlisted signers: counted, never named.",
    ),
    (
        "emergency-care-for-all",
        "Emergency care for all, whatever their papers",
        UPCOMING,
        45,
        240,
        ["health", "immigration"],
        "Hospitals must not ask about immigration status before treating people.",
        "Pledge your support and share your story.",
        "We call on hospitals and states to keep immigration enforcement out of "
        "emergency care.",
        "Fear of questions about status keeps people from the emergency room. "
        "Members will gather stories and ask hospital systems for clear policies.",
    ),
    (
        "cerd-follow-up",
        "Follow-up on the racial discrimination review",
        CONCLUDED,
        -540,
        360,
        ["racial-discrimination", "un-advocacy", "policing"],
        "We tracked what the government did about the UN race committee's "
        "recommendations, and reported back.",
        "Read our follow-up report.",
        "We submit this follow-up information on the priority recommendations "
        "of the Committee on the Elimination of Racial Discrimination.",
        "The committee asked for follow-up on a few priority recommendations "
        "within a year. Members compiled evidence from their communities and "
        "briefed committee members online.",
    ),
]

UPDATE_TEXTS = [
    (
        "We delivered the statement",
        "Representatives of the lead organizations delivered the statement and "
        "the list of signatories in person, and asked for a meeting within a month.",
    ),
    (
        "A first meeting with officials",
        "Officials agreed to meet people directly affected. We will report on the "
        "meeting here and prepare together beforehand.",
    ),
    (
        "Thank you for signing",
        "More organizations signed on in the first week than in any campaign "
        "before. Keep sharing the campaign with your partners.",
    ),
    (
        "Evidence gathering continues",
        "The drafting team has received case summaries from members in many "
        "states. Late contributions are welcome until the deadline.",
    ),
]

FIRST_NAMES = ["Ana", "Ben", "Chidi", "Dana", "Eli", "Fatima", "Gus", "Hana", "Ivan"]

LAST_NAMES = ["Lopez", "Kim", "Okafor", "Nguyen", "Smith", "Haddad", "Running Bear"]

STATISTICS = [
    ("3 in 5", "affected people surveyed by members had no lawyer"),
    ("48", "states where members documented cases"),
    ("1,200+", "people who shared their experience"),
    ("12", "months of monitoring"),
]
