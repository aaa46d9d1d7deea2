"""Demo campaigns: thirteen joint campaigns across statuses and issue areas, with
lead and partner organizations, sign-ons (some unlisted), pledges and updates,
each built through tests.factories. Their calendar is in network/demo/events.py,
their words in network/demo/content/campaigns.py. No real campaign is described.
"""

import datetime

from django.utils import timezone

from campaigns.models import CampaignIndexPage, SignOnStatus
from members.models import IssueArea, Membership, OrganizationIssueArea, Visibility
from network.demo.content.campaigns import (
    ACTIVE,
    CAMPAIGNS,
    FIRST_NAMES,
    LAST_NAMES,
    STATISTICS,
    UPCOMING,
    UPDATE_TEXTS,
)
from network.demo.dates import day
from tests.factories import (
    CampaignPageFactory,
    CampaignUpdateFactory,
    PledgeFactory,
    SignOnFactory,
)


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
        # The random draws happen in this order; changing it changes the demo.
        updates = updates_for(rng, status, position)
        leads, partners = choose_organizations(
            rng, candidates, public, issue_slugs, org_slugs
        )
        campaign = CampaignPageFactory(
            parent=index,
            slug=slug,
            title=title,
            summary=summary,
            ask=ask,
            status=status,
            start_date=day(start),
            end_date=day(start + length),
            signon_statement=f"<p>{statement}</p>",
            # One campaign lists sign-ons at once; the others wait for a coordinator.
            auto_approve_signons=slug == "defend-the-defenders",
            body=body_for(story, STATISTICS[position % len(STATISTICS)]),
            updates=updates,
            issue_areas=[areas[s] for s in issue_slugs if s in areas],
            leads=leads,
            partners=partners,
        )
        add_signons(rng, campaign, candidates, coordinator)
        add_pledges(rng, campaign, position)
        campaigns.append(campaign)
    return campaigns


def updates_for(rng, status, position):
    """One to three updates, newest first, for a campaign that has started."""
    if status == UPCOMING:
        return []
    return [
        CampaignUpdateFactory.build(
            title=heading,
            body=f"<p>{text}</p>",
            published_at=timezone.now()
            - datetime.timedelta(days=5 + 17 * number + position),
        )
        for number, (heading, text) in enumerate(
            rng.sample(UPDATE_TEXTS, k=rng.randint(1, 3))
        )
    ]


def issue_slugs_by_organization(organizations):
    """{organization pk: {issue-area slugs}} in one query."""
    slugs = {}
    rows = OrganizationIssueArea.objects.filter(
        content_object__in=[org.pk for org in organizations]
    ).values_list("content_object_id", "tag__slug")
    for org_id, slug in rows:
        slugs.setdefault(org_id, set()).add(slug)
    return slugs


def choose_organizations(rng, candidates, public, issue_slugs, org_slugs):
    """Two public lead organizations working on the campaign's issues, and two to
    five partners."""
    wanted = set(issue_slugs)
    working_on = [
        org for org in candidates if wanted & org_slugs.get(org.pk, set())
    ] or candidates
    public_working_on = [org for org in working_on if org in public] or public
    leads = rng.sample(public_working_on, k=min(len(public_working_on), 2))
    rest = [org for org in working_on if org not in leads]
    partners = rng.sample(rest, k=min(len(rest), rng.randint(2, 5)))
    return leads, partners


def add_signons(rng, campaign, candidates, coordinator):
    if campaign.status == UPCOMING or not candidates:
        return
    count = min(len(candidates), rng.randint(8, 45))
    now = timezone.now()
    for org in rng.sample(candidates, k=count):
        # Hidden organizations, and a few others, sign without being named.
        unlisted = org.visibility == Visibility.HIDDEN or rng.random() < 0.08
        pending = campaign.status == ACTIVE and rng.random() < 0.1
        SignOnFactory(
            campaign=campaign,
            organization=org,
            unlisted=unlisted,
            status=SignOnStatus.PENDING if pending else SignOnStatus.APPROVED,
            decided_at=None if pending else now,
            decided_by=None if pending else coordinator,
        )


def add_pledges(rng, campaign, position):
    if campaign.status == UPCOMING and position % 2:
        return
    count = rng.randint(5, 80)
    now = timezone.now()
    for number in range(count):
        PledgeFactory(
            campaign=campaign,
            name=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
            email=f"supporter{position}-{number}@example.org",
            postcode=f"{rng.randint(10000, 99999)}",
            consented_at=now - datetime.timedelta(hours=rng.randint(1, 2000)),
        )
