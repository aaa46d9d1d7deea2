"""Words for the demo's network news: ten items, their issue areas and whether
each has a picture. Invented events."""

NEWS = [
    (
        "Network Welcomes Twelve New Member Organizations",
        "From a tenants' union in Tucson to a language access collective in St. Paul, "
        "twelve groups joined the network this fall.",
        ["housing", "language-and-culture"],
        True,
    ),
    (
        "Joint UPR Submission Sent to Geneva",
        "Two dozen member organizations signed the network's stakeholder submission "
        "for "
        "the review of the United States.",
        ["un-advocacy"],
        True,
    ),
    (
        "Members Brief the Committee against Torture",
        "Three members travelled to Geneva to brief committee experts on solitary "
        "confinement and detention.",
        ["torture", "prison-conditions"],
        False,
    ),
    (
        "Right to Counsel Wins in Two More Cities",
        "Tenant groups using the network's model policy won right-to-counsel laws.",
        ["housing"],
        True,
    ),
    (
        "Human Rights Day Gathering Announced",
        "The network marks its anniversary on 10 December with workshops and a public "
        "hearing.",
        ["un-advocacy"],
        False,
    ),
    (
        "New Toolkit for Rapid Response Networks",
        "Immigrant rights members released a toolkit for rapid response hotlines.",
        ["immigration", "detention"],
        False,
    ),
    (
        "Statement on Heat in Prisons",
        "The network calls on states to end extreme heat in prisons before next "
        "summer.",
        ["prison-conditions", "health"],
        False,
    ),
    (
        "Training Series on Digital Security Begins",
        "Monthly sessions for staff of member organizations, online and free.",
        ["digital-rights", "human-rights-defenders"],
        False,
    ),
    (
        "Coalition Hearing on Water Shutoffs",
        "Residents testified on shutoffs; members presented the network's report.",
        ["food-and-water", "poverty"],
        False,
    ),
    (
        "Voting Access Report Presented to State Legislators",
        "Members working with tribal nations presented findings on polling places.",
        ["voting-rights", "indigenous-rights"],
        False,
    ),
]
