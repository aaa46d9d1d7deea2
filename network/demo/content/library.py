"""Words for the demo's resource library: ~34 toolkits, reports, trainings,
model policies, fact sheets and recordings, and five UN submissions with the
mechanisms and sessions they went to. None describes a real document."""

from campaigns.models import ResourceKind, TreatyBody, UNMechanism

# (kind, title, summary, issue-area slugs, language)
LIBRARY = [
    (
        ResourceKind.TOOLKIT,
        "Know Your Rights at Home: A Tenant Organizing Toolkit",
        "Step-by-step guides for forming a tenants' association, documenting repairs "
        "and "
        "answering an eviction notice.",
        ["housing", "poverty"],
        "en",
    ),
    (
        ResourceKind.TOOLKIT,
        "Conozca sus derechos: guía para inquilinos",
        "The tenant organizing toolkit in Spanish, with forms adapted for Spanish-"
        "speaking households.",
        ["housing", "immigration"],
        "es",
    ),
    (
        ResourceKind.TOOLKIT,
        "Court Watch Starter Kit",
        "How to recruit volunteers, observe bail hearings and publish what you see.",
        ["criminal-justice", "policing"],
        "en",
    ),
    (
        ResourceKind.TOOLKIT,
        "Rapid Response Networks for Immigrant Families",
        "Hotline scripts, legal referral trees and safety planning for families facing "
        "enforcement.",
        ["immigration", "detention"],
        "en",
    ),
    (
        ResourceKind.TOOLKIT,
        "Documenting Conditions in Detention",
        "Interview protocols and consent forms for documenting conditions with people "
        "held in detention.",
        ["detention", "prison-conditions", "torture"],
        "en",
    ),
    (
        ResourceKind.TOOLKIT,
        "Accessible Meetings Checklist",
        "Making coalition meetings accessible to disabled members, online and in "
        "person.",
        ["disability-rights"],
        "en",
    ),
    (
        ResourceKind.REPORT,
        "Locked Out: Evictions and the Right to Housing in Our Cities",
        "A joint report on eviction filings in twelve cities, measured against "
        "international standards on adequate housing.",
        ["housing", "racial-discrimination"],
        "en",
    ),
    (
        ResourceKind.REPORT,
        "Heat Behind Bars",
        "Temperatures in state prisons without air conditioning, and what the "
        "prohibition of cruel treatment requires.",
        ["prison-conditions", "health", "environmental-justice"],
        "en",
    ),
    (
        ResourceKind.REPORT,
        "Wage Theft in Agriculture",
        "Findings from interviews with farmworkers across four states.",
        ["labor", "immigration", "human-trafficking"],
        "en",
    ),
    (
        ResourceKind.REPORT,
        "Water Shutoffs and the Human Right to Water",
        "How shutoff policies affect families and what a rights-based policy looks "
        "like.",
        ["food-and-water", "poverty", "health"],
        "en",
    ),
    (
        ResourceKind.REPORT,
        "Children in Adult Courts",
        "A state-by-state review of transfer laws against the Convention on the Rights "
        "of the Child.",
        ["youth-justice", "childrens-rights"],
        "en",
    ),
    (
        ResourceKind.REPORT,
        "Voting Access on Tribal Lands",
        "Polling-place distances, address requirements and language access for Native "
        "voters.",
        ["voting-rights", "indigenous-rights"],
        "en",
    ),
    (
        ResourceKind.TRAINING,
        "Human Rights 101 for Community Organizers",
        "A two-hour workshop with slides and facilitator notes on the human-rights "
        "framework at home.",
        ["un-advocacy", "human-rights-defenders"],
        "en",
    ),
    (
        ResourceKind.TRAINING,
        "Trauma-Informed Interviewing",
        "Training materials for staff documenting violations with survivors.",
        ["gender-based-violence", "torture", "human-trafficking"],
        "en",
    ),
    (
        ResourceKind.TRAINING,
        "Digital Security for Defenders",
        "Phone hygiene, encrypted messaging and safe storage of case files.",
        ["digital-rights", "human-rights-defenders"],
        "en",
    ),
    (
        ResourceKind.TRAINING,
        "Formación en derechos laborales",
        "Workshop materials on wage and safety rights for worker centers, in Spanish.",
        ["labor"],
        "es",
    ),
    (
        ResourceKind.TRAINING,
        "Engaging the UN Treaty Bodies",
        "How shadow reports, lists of issues and follow-up procedures work, with "
        "timelines.",
        ["un-advocacy"],
        "en",
    ),
    (
        ResourceKind.MODEL_POLICY,
        "Model Municipal Human Rights Ordinance",
        "An ordinance that commits a city to report on its human-rights obligations "
        "and creates a commission.",
        ["un-advocacy", "racial-discrimination"],
        "en",
    ),
    (
        ResourceKind.MODEL_POLICY,
        "Model Right to Counsel in Eviction Policy",
        "A model law guaranteeing tenants a lawyer in eviction cases.",
        ["housing", "poverty"],
        "en",
    ),
    (
        ResourceKind.MODEL_POLICY,
        "Model Policy on Solitary Confinement",
        "Limits on isolation consistent with the Nelson Mandela Rules.",
        ["prison-conditions", "torture"],
        "en",
    ),
    (
        ResourceKind.MODEL_POLICY,
        "Language Access Policy for County Services",
        "A model language access plan for counties, with a budget template.",
        ["language-and-culture", "immigration"],
        "en",
    ),
    (
        ResourceKind.MODEL_POLICY,
        "Model School Discipline Code",
        "Replacing suspensions and police referrals with restorative practices.",
        ["education", "youth-justice", "racial-discrimination"],
        "en",
    ),
    (
        ResourceKind.FACT_SHEET,
        "The Death Penalty: Ten Facts",
        "A two-page fact sheet on capital punishment in the United States.",
        ["death-penalty", "criminal-justice"],
        "en",
    ),
    (
        ResourceKind.FACT_SHEET,
        "Asylum Seekers' Rights at the Border",
        "What international law says about people asking for protection.",
        ["asylum", "immigration"],
        "en",
    ),
    (
        ResourceKind.FACT_SHEET,
        "Fiche d'information : droit au logement",
        "A fact sheet on the right to housing for French- and Haitian-speaking "
        "tenants.",
        ["housing"],
        "fr",
    ),
    (
        ResourceKind.FACT_SHEET,
        "Maternal Health and Human Rights",
        "Disparities in maternal mortality and the obligations they engage.",
        ["health", "womens-rights", "racial-discrimination"],
        "en",
    ),
    (
        ResourceKind.FACT_SHEET,
        "LGBTIQ+ Youth and Homelessness",
        "Numbers, causes and rights-based responses.",
        ["lgbtiq-rights", "housing", "childrens-rights"],
        "en",
    ),
    (
        ResourceKind.FACT_SHEET,
        "Trafficking Survivors: Access to Services",
        "Which services survivors are entitled to and where to refer them.",
        ["human-trafficking"],
        "en",
    ),
    (
        ResourceKind.RECORDING,
        "Webinar: Preparing for the UPR Review",
        "Recording of the network's briefing on lobbying delegations before the "
        "review.",
        ["un-advocacy"],
        "en",
    ),
    (
        ResourceKind.RECORDING,
        "Panel: Police Accountability After Consent Decrees",
        "Organizers and lawyers on what worked and what did not.",
        ["policing", "criminal-justice"],
        "en",
    ),
    (
        ResourceKind.RECORDING,
        "Community Hearing on Environmental Racism",
        "Testimony from residents living next to industrial sites.",
        ["environmental-justice", "racial-discrimination", "health"],
        "en",
    ),
    (
        ResourceKind.RECORDING,
        "Transitional Justice at Home: A Conversation",
        "Truth commissions and reparations in the United States.",
        ["transitional-justice", "racial-discrimination"],
        "en",
    ),
    (
        ResourceKind.REPORT,
        "Religious Freedom in Prisons",
        "Access to chaplains, diets and religious texts in state facilities.",
        ["religious-freedom", "prison-conditions"],
        "en",
    ),
    (
        ResourceKind.TOOLKIT,
        "Protest Rights Pocket Guide",
        "What to know before, during and after a demonstration.",
        ["freedom-of-expression", "policing"],
        "en",
    ),
]

# UN submissions: (title, summary, issue slugs, mechanism, treaty body or special
# procedure, session, cosigners)
UN_SUBMISSIONS = [
    (
        "United States UPR Joint Stakeholder Submission",
        "The network's joint submission to the Universal Periodic Review of the United "
        "States: housing, criminal justice, immigration detention, voting rights and "
        "racial discrimination.",
        [
            "un-advocacy",
            "housing",
            "criminal-justice",
            "detention",
            "racial-discrimination",
        ],
        UNMechanism.UPR,
        "",
        "Fourth cycle, 2025",
        24,
    ),
    (
        "Shadow Report to the Committee on the Elimination of Racial Discrimination",
        "A shadow report on policing, housing segregation and environmental racism.",
        ["racial-discrimination", "policing", "environmental-justice"],
        UNMechanism.TREATY_BODY,
        TreatyBody.CERD,
        "113th session (2024)",
        12,
    ),
    (
        "Submission to the Committee against Torture",
        "Solitary confinement, conditions in immigration detention and accountability "
        "for abuse.",
        ["torture", "prison-conditions", "detention"],
        UNMechanism.TREATY_BODY,
        TreatyBody.CAT,
        "82nd session (2025)",
        8,
    ),
    (
        "Input to the Special Rapporteur on the Right to Adequate Housing",
        "Evictions, homelessness criminalization and the housing needs of migrant "
        "families.",
        ["housing", "poverty", "immigration"],
        UNMechanism.SPECIAL_PROCEDURE,
        "Special Rapporteur on the right to adequate housing",
        "Call for input, 2026",
        6,
    ),
    (
        "Human Rights Committee: List of Issues Submission",
        "Proposed questions for the review of the United States under the ICCPR.",
        ["un-advocacy", "death-penalty", "voting-rights"],
        UNMechanism.TREATY_BODY,
        TreatyBody.CCPR,
        "Pre-sessional working group, 2026",
        10,
    ),
]
