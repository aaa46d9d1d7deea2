"""Words for the demo board: the staff who talk there, the threads they open in
each room, the replies they write and why some posts get flagged. Invented
people and conversations."""

from network.models import FlagReason

# Staff of demo organizations who talk on the board (besides the sign-in people).
STAFF_NAMES = [
    ("Rosa", "Alvarez"),
    ("Dev", "Brooks"),
    ("Kim", "Nguyen"),
    ("Tomás", "Haddad"),
    ("Aisha", "Okoro"),
    ("Noor", "Lind"),
    ("Ben", "Castillo"),
    ("Grace", "Yazzie"),
    ("Omar", "Fitzgerald"),
    ("Hana", "Kowalski"),
    ("Luis", "Mbeki"),
    ("Ruth", "Sandoval"),
    ("Malik", "Ortega"),
    ("Ivy", "Tsosie"),
    ("Jonah", "Park"),
    ("Carmen", "Idowu"),
    ("Theo", "Barros"),
    ("Fatima", "Lowe"),
]

# (room slug or None for the room of the first issue area, title, opening post)
THREADS = [
    (
        "welcome",
        "Introduce yourselves: who is new this year?",
        "Welcome to everyone who joined since the assembly. Tell us who you are, "
        "where you work and what you would like partners for.",
    ),
    (
        "network-business",
        "Agenda for the spring assembly",
        "Draft agenda is up for comment until the end of the month. Proposed "
        "sessions:\n\n1. Report back on the UPR follow-up\n2. Regional caucuses\n"
        "3. **Budget and dues** for next year\n\nWhat is missing?",
    ),
    (
        "security-and-safety",
        "Device checklist before travelling to a hearing",
        "After last month's border stops we put together a short checklist: full-"
        "disk encryption, a travel phone, and signing out of shared drives. "
        "Additions welcome.",
    ),
    (
        "detention",
        "Visiting access at county jails holding immigration detainees",
        "Three facilities in our area have cut legal visits to two days a week. Is "
        "anyone else seeing this? We are documenting cases for a joint letter.",
    ),
    (
        "detention",
        "Medical neglect reports: shared template",
        "We drafted a template for documenting medical neglect in detention that "
        "follows the Istanbul Protocol where it applies. Happy to share.",
    ),
    (
        "immigration",
        "Know-your-rights trainings in Indigenous languages",
        "Looking for interpreters and partners to run know-your-rights sessions in "
        "Mam and K'iche'. We can cover travel.",
    ),
    (
        "housing",
        "Eviction filings spiking after the moratorium ended",
        "Court-watch volunteers counted 40% more filings this quarter. Who else "
        "tracks this? We would like to compare numbers before the council hearing.",
    ),
    (
        "housing",
        "Right to housing in the state constitution: drafting group",
        "A few of us are drafting model language for a state constitutional "
        "amendment. First call next Thursday; reply here to join.",
    ),
    (
        "criminal-justice",
        "Cash bail data across counties",
        "We have three years of pretrial detention data for two counties and want "
        "to extend it. Anyone holding similar records?",
    ),
    (
        "policing",
        "Civilian oversight board nominations",
        "Our city is accepting nominations for the new oversight board. Sharing "
        "what we learned from the last round about vetting candidates.",
    ),
    (
        "un-advocacy",
        "UPR stakeholder submission: coordination thread",
        "The stakeholder submission deadline is in about four months. Let's split "
        "the chapters: detention, housing, policing, indigenous rights. Who leads "
        "which?",
    ),
    (
        "un-advocacy",
        "Shadow report to the Human Rights Committee",
        "Planning a joint shadow report for the ICCPR review. We need case studies "
        "with consent from the people involved.",
    ),
    (
        "labor",
        "Wage theft clinic partners",
        "Our clinic recovered back wages for 120 workers last year. We want to "
        "open a second site and are looking for a legal partner.",
    ),
    (
        "health",
        "Language access in public hospitals",
        "Patients keep being handed English-only discharge papers. Collecting "
        "stories for a complaint to the state health department.",
    ),
    (
        "education",
        "School discipline data request",
        "We filed public records requests for suspension data broken down by race "
        "and disability. Template attached below if useful.",
    ),
    (
        "womens-rights",
        "Shelter capacity after the funding cuts",
        "Two shelters in our region closed beds this winter. Mapping capacity "
        "across the state so we can make the case together.",
    ),
    (
        "death-penalty",
        "Execution date set: rapid response",
        "An execution date has been set for next spring. Coordinating clemency "
        "letters and a vigil; please reply if your organization can sign.",
    ),
    (
        "environmental-justice",
        "Water testing near the refinery",
        "Residents are asking for independent water testing. Any members with lab "
        "partners or funds for sampling?",
    ),
    (
        "voting-rights",
        "Polling place closures before the election",
        "Tracking closures county by county. Add what you know in this thread and "
        "we will keep a combined list.",
    ),
    (
        "disability-rights",
        "Accessible formats for our joint reports",
        "Can we agree that every joint report comes with a plain-language version "
        "and a screen-reader-friendly file?",
    ),
    (
        "lgbtiq-rights",
        "Safety planning for Pride events",
        "Sharing our safety plan from last year's march and asking for feedback "
        "from groups who organized counter-protest responses.",
    ),
    (
        "youth-justice",
        "Raise the age campaign: testimony",
        "We need young people willing to testify about their time in adult "
        "facilities, with support. How are others preparing witnesses?",
    ),
    (
        "human-trafficking",
        "Referral pathways for survivors",
        "Updating our referral list. Which shelters and legal services are taking "
        "referrals right now?",
    ),
    (
        "indigenous-rights",
        "Consultation on the pipeline route",
        "The consultation period opened yesterday. Tribal nations have asked "
        "allies to support their submissions, not speak over them.",
    ),
]

REPLIES = [
    "We are seeing the same here. I can share our notes from the last three months.",
    "Count us in. Our director can join the call; send the invite to our shared inbox.",
    "Thank you for starting this. One thing we learned the hard way: get consent "
    "in writing and in the person's own language.",
    "We have a volunteer lawyer who might help. Let me check her availability and "
    "come back to you this week.",
    "Agree with the approach. Could we add a section on what people directly "
    "affected told us they want?",
    "Our data is in a spreadsheet with **county**, **date** and **outcome**. Happy "
    "to align column names so we can merge.",
    "Reminder that the coordinators can book the network's video room for calls.",
    "We did something similar two years ago. The main lesson: start with the "
    "people who will be in the room, not the policy paper.",
    "Could we move this to a call? Thursday afternoon works for us.",
    "Adding a link to the template we used: "
    "[documentation guide](https://commonground.example/resources/documentation/).",
    "Quick update: the council moved the hearing to next month, so we have more time.",
    "> start with the people who will be in the room\n\nThis. Our best testimony "
    "came from people who had never spoken publicly before, with a lot of support.",
    "We can translate the summary into Spanish and Vietnamese.",
    "Please keep names of people in detention out of this thread; send them to me "
    "directly.",
    "Following. Our board meets next week and I will raise it there.",
    "We signed. Let us know what else is needed.",
]

FLAG_NOTES = [
    (FlagReason.SAFETY, "This names a facility and a date; could identify someone."),
    (FlagReason.SPAM, "Looks like an advert for a paid training."),
    (FlagReason.MISINFORMATION, "The deadline quoted here is wrong."),
]
