"""Demo campaigns: a dozen joint campaigns across statuses and issue areas, with lead
and partner organizations, sign-ons (some unlisted), pledges, updates, and events,
including an example UN Universal Periodic Review cycle for the United States.

Every date is an example, placed relative to the day the demo is built so the
calendar always has something coming up. No real campaign is described.
"""

import datetime

from django.utils import timezone

from campaigns.models import (
    CampaignIndexPage,
    CampaignOrganization,
    CampaignPage,
    CampaignStatus,
    CampaignUpdate,
    Event,
    EventKind,
    Pledge,
    SignOn,
    SignOnStatus,
)
from members.models import (
    IssueArea,
    Membership,
    OrganizationIssueArea,
    Visibility,
)

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


def day(offset):
    return timezone.localdate() + datetime.timedelta(days=offset)


def next_weekday(date, weekday):
    return date + datetime.timedelta(days=(weekday - date.weekday()) % 7)


def body_for(story, statistic):
    return [
        ("heading", {"text": "Why this campaign", "level": "h2"}),
        ("paragraph", f"<p>{story}</p>"),
        ("statistic", {"figure": statistic[0], "label": statistic[1]}),
        (
            "quote",
            {
                "quote": "When the people most affected speak for themselves, "
                "decision makers have to listen.",
                "attribution": "Organizer, a member organization",
            },
        ),
    ]


STATISTICS = [
    ("3 in 5", "affected people surveyed by members had no lawyer"),
    ("48", "states where members documented cases"),
    ("1,200+", "people who shared their experience"),
    ("12", "months of monitoring"),
]


def build(rng, sections, organizations, member_users, coordinator):
    """Create the campaigns under the campaign index, with their people and dates."""
    index = sections.get(CampaignIndexPage)
    if index is None:
        return []
    areas = {area.slug: area for area in IssueArea.objects.all()}
    # The demo people's own organizations stay unsigned, so anyone trying the demo
    # (or the browser test) can sign on for them.
    demo_orgs = set(
        Membership.objects.filter(user__in=member_users).values_list(
            "organization_id", flat=True
        )
    )
    candidates = [org for org in organizations if org.pk not in demo_orgs]
    public = [org for org in candidates if org.visibility == Visibility.PUBLIC]
    org_slugs = issue_slugs_by_organization(candidates)
    campaigns = []
    for position, spec in enumerate(CAMPAIGNS):
        (slug, title, status, start, length, issue_slugs, summary, ask, statement) = (
            spec[:9]
        )
        story = spec[9]
        campaign = build_campaign(
            rng,
            index,
            slug=slug,
            title=title,
            status=status,
            start=day(start),
            end=day(start + length),
            issue_areas=[areas[s] for s in issue_slugs if s in areas],
            summary=summary,
            ask=ask,
            statement=statement,
            story=story,
            statistic=STATISTICS[position % len(STATISTICS)],
            position=position,
        )
        link_organizations(rng, campaign, candidates, public, issue_slugs, org_slugs)
        add_signons(rng, campaign, candidates, coordinator, position)
        add_pledges(rng, campaign, position)
        campaigns.append(campaign)
    build_events(campaigns, areas)
    return campaigns


def build_campaign(rng, index, *, position, story, statistic, issue_areas, **fields):
    status = fields["status"]
    updates = []
    if status != UPCOMING:
        for number, (heading, text) in enumerate(
            rng.sample(UPDATE_TEXTS, k=rng.randint(1, 3))
        ):
            updates.append(
                CampaignUpdate(
                    title=heading,
                    body=f"<p>{text}</p>",
                    published_at=timezone.now()
                    - datetime.timedelta(days=5 + 17 * number + position),
                )
            )
    campaign = CampaignPage(
        title=fields["title"],
        slug=fields["slug"],
        summary=fields["summary"],
        ask=fields["ask"],
        status=status,
        start_date=fields["start"],
        end_date=fields["end"],
        signon_statement=f"<p>{fields['statement']}</p>",
        # One campaign lists sign-ons at once; the others wait for a coordinator.
        auto_approve_signons=fields["slug"] == "defend-the-defenders",
        body=body_for(story, statistic),
    )
    campaign.updates = updates
    campaign.issue_areas.set(issue_areas)
    index.add_child(instance=campaign)
    return campaign


def issue_slugs_by_organization(organizations):
    """{organization pk: {issue-area slugs}} in one query."""
    slugs = {}
    rows = OrganizationIssueArea.objects.filter(
        content_object__in=[org.pk for org in organizations]
    ).values_list("content_object_id", "tag__slug")
    for org_id, slug in rows:
        slugs.setdefault(org_id, set()).add(slug)
    return slugs


def link_organizations(rng, campaign, candidates, public, issue_slugs, org_slugs):
    wanted = set(issue_slugs)
    working_on = [
        org for org in candidates if wanted & org_slugs.get(org.pk, set())
    ] or candidates
    public_working_on = [org for org in working_on if org in public] or public
    leads = rng.sample(public_working_on, k=min(len(public_working_on), 2))
    rest = [org for org in working_on if org not in leads]
    partners = rng.sample(rest, k=min(len(rest), rng.randint(2, 5)))
    links = [
        CampaignOrganization(
            campaign=campaign, organization=org, role=CampaignOrganization.Role.LEAD
        )
        for org in leads
    ] + [
        CampaignOrganization(
            campaign=campaign, organization=org, role=CampaignOrganization.Role.PARTNER
        )
        for org in partners
    ]
    for order, link in enumerate(links):
        link.sort_order = order
    CampaignOrganization.objects.bulk_create(links)


def add_signons(rng, campaign, candidates, coordinator, position):
    if campaign.status == UPCOMING or not candidates:
        return
    count = min(len(candidates), rng.randint(8, 45))
    now = timezone.now()
    signons = []
    for org in rng.sample(candidates, k=count):
        # Hidden organizations, and a few others, sign without being named.
        unlisted = org.visibility == Visibility.HIDDEN or rng.random() < 0.08
        pending = campaign.status == ACTIVE and rng.random() < 0.1
        signons.append(
            SignOn(
                campaign=campaign,
                organization=org,
                unlisted=unlisted,
                status=SignOnStatus.PENDING if pending else SignOnStatus.APPROVED,
                decided_at=None if pending else now,
                decided_by=None if pending else coordinator,
            )
        )
    SignOn.objects.bulk_create(signons)


def add_pledges(rng, campaign, position):
    if campaign.status == UPCOMING and position % 2:
        return
    count = rng.randint(5, 80)
    now = timezone.now()
    Pledge.objects.bulk_create(
        Pledge(
            campaign=campaign,
            name=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
            email=f"supporter{position}-{number}@example.org",
            postcode=f"{rng.randint(10000, 99999)}",
            consented_at=now - datetime.timedelta(hours=rng.randint(1, 2000)),
        )
        for number in range(count)
    )


def build_events(campaigns, areas):
    by_slug = {campaign.slug: campaign for campaign in campaigns}
    upr = by_slug.get("us-upr-coalition-report")
    cat = by_slug.get("torture-committee-shadow-report")
    evictions = by_slug.get("end-winter-evictions")
    detention = by_slug.get("close-desert-detention")
    voting = by_slug.get("restore-the-vote")
    defenders = by_slug.get("defend-the-defenders")
    time = datetime.time

    # An example UPR cycle for the United States: stakeholder submissions are due
    # months before the Working Group session in Geneva; the Human Rights Council
    # adopts the outcome at a later regular session.
    deadline = next_weekday(day(40), 3)  # a Thursday
    session = next_weekday(day(190), 0)  # a Monday
    adoption = next_weekday(day(300), 2)
    specs = [
        {
            "title": "UPR of the United States: stakeholder submissions due",
            "kind": EventKind.SUBMISSION_DEADLINE,
            "date": deadline,
            "start_time": time(23, 59),
            "time_zone": "Europe/Zurich",
            "location": "Online submission to the UN human rights office",
            "description": "The last moment for civil-society stakeholder reports to "
            "reach the UN. The coalition's drafting team closes its own intake two "
            "weeks earlier. (Example date.)",
            "campaign": upr,
            "issue": ["un-advocacy"],
        },
        {
            "title": "Coalition drafting deadline for the UPR report",
            "kind": EventKind.SUBMISSION_DEADLINE,
            "date": deadline - datetime.timedelta(days=14),
            "time_zone": "America/New_York",
            "location": "Online",
            "description": "Send case summaries and data to the drafting team.",
            "campaign": upr,
            "issue": ["un-advocacy"],
        },
        {
            "title": "UPR Working Group: review of the United States",
            "kind": EventKind.UN_REVIEW,
            "date": session,
            "start_time": time(9, 0),
            "end_time": time(12, 30),
            "time_zone": "Europe/Zurich",
            "location": "Palais des Nations, Geneva, and UN Web TV",
            "description": "The interactive dialogue between the United States "
            "delegation and other states. Members follow it live together. "
            "(Example date.)",
            "campaign": upr,
            "issue": ["un-advocacy", "racial-discrimination"],
        },
        {
            "title": "Pre-session briefing for delegations on the U.S. review",
            "kind": EventKind.BRIEFING,
            "date": session - datetime.timedelta(days=35),
            "start_time": time(14, 0),
            "end_time": time(15, 30),
            "time_zone": "Europe/Zurich",
            "location": "Geneva and online",
            "description": "Coalition members brief state delegations on the report's "
            "priority recommendations.",
            "campaign": upr,
            "issue": ["un-advocacy"],
        },
        {
            "title": "Human Rights Council adopts the U.S. review outcome",
            "kind": EventKind.UN_REVIEW,
            "date": adoption,
            "start_time": time(15, 0),
            "end_time": time(16, 0),
            "time_zone": "Europe/Zurich",
            "location": "Palais des Nations, Geneva",
            "description": "Adoption of the Working Group's report at a regular "
            "session of the Council; stakeholders may make short statements. "
            "(Example date.)",
            "campaign": upr,
            "issue": ["un-advocacy"],
        },
        {
            "title": "Committee against Torture: list of issues deadline",
            "kind": EventKind.SUBMISSION_DEADLINE,
            "date": day(75),
            "time_zone": "Europe/Zurich",
            "location": "Online submission",
            "campaign": cat,
            "issue": ["torture"],
        },
        {
            "title": "Committee against Torture session",
            "kind": EventKind.TREATY_BODY,
            "date": next_weekday(day(230), 0),
            "end_date": next_weekday(day(230), 0) + datetime.timedelta(days=18),
            "time_zone": "Europe/Zurich",
            "location": "Palais Wilson, Geneva",
            "campaign": cat,
            "issue": ["torture", "prison-conditions"],
        },
        {
            "title": "Day of action: no winter evictions",
            "kind": EventKind.ACTION_DAY,
            "date": day(12),
            "time_zone": "America/Chicago",
            "location": "City halls in member cities",
            "description": "Tenant unions rally at city halls and deliver the "
            "statement to council members.",
            "campaign": evictions,
            "issue": ["housing"],
        },
        {
            "title": "Vigil outside the detention center",
            "kind": EventKind.ACTION_DAY,
            "date": day(-20),
            "start_time": time(18, 0),
            "end_time": time(20, 0),
            "time_zone": "America/Denver",
            "location": "Outside the county building",
            "campaign": detention,
            "issue": ["detention"],
        },
        {
            "title": "County commission vote on the detention contract",
            "kind": EventKind.MEETING,
            "date": day(33),
            "start_time": time(10, 0),
            "time_zone": "America/Denver",
            "location": "County commission chambers",
            "campaign": detention,
            "issue": ["detention", "immigration"],
        },
        {
            "title": "Voter registration training for organizers",
            "kind": EventKind.BRIEFING,
            "date": day(38),
            "start_time": time(18, 30),
            "end_time": time(20, 0),
            "time_zone": "America/New_York",
            "location": "Online",
            "campaign": voting,
            "issue": ["voting-rights"],
        },
        {
            "title": "Solidarity call for defenders facing lawsuits",
            "kind": EventKind.MEETING,
            "date": day(9),
            "start_time": time(12, 0),
            "end_time": time(13, 0),
            "time_zone": "America/New_York",
            "location": "Online (members only link sent by email)",
            "campaign": defenders,
            "issue": ["human-rights-defenders"],
        },
        # Network-wide dates that belong to no campaign.
        {
            "title": "Human Rights Day: the network's anniversary",
            "kind": EventKind.ACTION_DAY,
            "date": next_december_10(),
            "time_zone": "America/New_York",
            "location": "Everywhere",
            "description": "The network was launched on Human Rights Day. Members hold "
            "events in their communities.",
            "issue": ["un-advocacy"],
        },
        {
            "title": "Monthly members' call",
            "kind": EventKind.MEETING,
            "date": next_weekday(day(5), 1),
            "start_time": time(13, 0),
            "end_time": time(14, 0),
            "time_zone": "America/New_York",
            "location": "Online",
        },
        {
            "title": "Briefing: how treaty bodies work",
            "kind": EventKind.BRIEFING,
            "date": day(-45),
            "start_time": time(16, 0),
            "end_time": time(17, 0),
            "time_zone": "America/New_York",
            "location": "Online",
            "issue": ["un-advocacy"],
        },
    ]
    for spec in specs:
        issue_slugs = spec.pop("issue", [])
        event = Event(**spec)
        event.issue_areas.set([areas[s] for s in issue_slugs if s in areas])
        event.save()


def next_december_10():
    today = timezone.localdate()
    candidate = datetime.date(today.year, 12, 10)
    return candidate if candidate >= today else candidate.replace(year=today.year + 1)
