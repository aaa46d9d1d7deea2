"""The demo calendar: the campaigns' deadlines, action days and meetings, an
example UN Universal Periodic Review cycle for the United States, a treaty-body
review, and network-wide dates. Each event is built by tests.factories.EventFactory.

Every date is an example, placed relative to the day the demo is built so the
calendar always has something coming up.
"""

import datetime

from campaigns.models import EventKind
from members.models import IssueArea
from network.demo.dates import day, next_december_10, next_weekday
from tests.factories import EventFactory


def build(campaigns):
    """The calendar: campaigns' deadlines, action days and UN sessions, and
    network-wide dates that belong to no campaign."""
    areas = {area.slug: area for area in IssueArea.objects.all()}
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
        spec.setdefault("start_time", None)  # an all-day event
        EventFactory(issue_areas=[areas[s] for s in issue_slugs if s in areas], **spec)
