"""The demo resource library: ~40 resources across kinds, issue areas and
organizations, each with a small generated PDF or text file; a US Universal
Periodic Review joint submission with co-signers; treaty-body and
special-procedure submissions; one contribution waiting for a coordinator's
review. Built through tests.factories (the waiting one through the library's
own submit action); the words are in network/demo/content/library.py.
"""

import datetime

from django.core.files.base import ContentFile
from wagtail.rich_text import RichText

from campaigns.library.contributions import assign_review_workflow
from campaigns.models import (
    CampaignPage,
    Event,
    EventKind,
    ResourceKind,
    ResourceVisibility,
    TreatyBody,
    UNMechanism,
)
from members.models import IssueArea, Membership, OrganizationIssueArea, Visibility
from network.demo.content.library import LIBRARY, UN_SUBMISSIONS
from network.demo.dates import TODAY
from network.demo.pdf import make_pdf
from tests.factories import (
    DocumentFactory,
    ResourceIndexPageFactory,
    ResourcePageFactory,
    submit_resource,
)

UPR_SLUG = "us-upr-joint-submission"

# Which calendar deadline (from the campaigns demo) each demo submission answered.
DEADLINES_ANSWERED = {
    (UNMechanism.UPR, ""): "UPR of the United States: stakeholder submissions due",
    (UNMechanism.TREATY_BODY, TreatyBody.CAT): "Committee against Torture: list of",
}


def _paragraphs(title, summary, area_names):
    return [
        summary,
        f"This {title.lower()} was prepared by member organizations of the Common "
        "Ground Human Rights Network for use by members and allies. It applies "
        "international human-rights standards to conditions at home.",
        "Issue areas: " + ", ".join(area_names) + ".",
        "How to use it: share it with your staff and partners, adapt the examples to "
        "your community, and tell the network what worked so the next edition is "
        "better. Demo document generated for this site; it describes no real case.",
    ]


def _document(title, summary, area_names, index, as_text=False):
    if as_text:
        content = "\n\n".join([title, *_paragraphs(title, summary, area_names)])
        file = ContentFile(content.encode("utf-8"), name=f"demo-resource-{index}.txt")
        doc_title = f"{title} (plain text)"
    else:
        file = ContentFile(
            make_pdf(title, _paragraphs(title, summary, area_names)),
            name=f"demo-resource-{index}.pdf",
        )
        doc_title = f"{title} (PDF)"
    return DocumentFactory(title=doc_title, file=file)


def _campaigns_by_area():
    by_area = {}
    for campaign in CampaignPage.objects.live().prefetch_related(
        "issue_area_items__tag"
    ):
        for item in campaign.issue_area_items.all():
            by_area.setdefault(item.tag.slug, []).append(campaign)
    return by_area


def _deadline_answered(mechanism, body_or_name):
    title = DEADLINES_ANSWERED.get((mechanism, body_or_name))
    if title is None:
        return None
    return (
        Event.objects.filter(
            kind=EventKind.SUBMISSION_DEADLINE, title__startswith=title
        )
        .select_related("campaign")
        .first()
    )


def _orgs_by_area(organizations):
    ids = {org.pk: org for org in organizations}
    by_area = {}
    for org_id, slug in OrganizationIssueArea.objects.filter(
        content_object_id__in=ids
    ).values_list("content_object_id", "tag__slug"):
        by_area.setdefault(slug, []).append(ids[org_id])
    return by_area


def build(rng, home, organizations):
    """The library section under `home`, with its demo resources."""
    library = ResourceIndexPageFactory(
        parent=home,
        title="Resources",
        slug="resources",
        show_in_menus=True,
        introduction=(
            "Toolkits, reports, training materials, model policies and UN "
            "submissions made by member organizations. Search them, filter by "
            "issue area or organization, and share what you find."
        ),
    )
    assign_review_workflow(library)

    areas = {area.slug: area for area in IssueArea.objects.all()}
    by_area = _orgs_by_area(organizations)
    campaigns_by_area = _campaigns_by_area()
    eligible = [org for org in organizations if org.live]

    def credit_for(slugs, count):
        pool = []
        for slug in slugs:
            pool.extend(org for org in by_area.get(slug, []) if org not in pool)
        pool = pool or eligible
        return rng.sample(pool, k=min(count, len(pool)))

    # Repeat the catalogue with later editions so the library has ~40 entries.
    editions = LIBRARY + [
        (kind, f"{title} (2nd edition)", summary, slugs, language)
        for kind, title, summary, slugs, language in LIBRARY[:6]
    ]
    for index, (kind, title, summary, slugs, language) in enumerate(editions):
        slugs = [slug for slug in slugs if slug in areas]
        area_names = [areas[slug].name for slug in slugs]
        # The random draws happen in this order; changing it changes the demo.
        credited = credit_for(slugs, rng.choice([1, 1, 2, 3]))
        publication_date = TODAY - datetime.timedelta(days=rng.randint(20, 2400))
        visibility = (
            ResourceVisibility.MEMBERS
            if rng.random() < 0.15
            else ResourceVisibility.PUBLIC
        )
        related = [c for slug in slugs for c in campaigns_by_area.get(slug, [])]
        related_campaign = (
            rng.choice(related) if related and rng.random() < 0.4 else None
        )
        ResourcePageFactory(
            parent=library,
            title=title,
            slug="",  # Wagtail makes it from the title, as the editor does
            summary=summary,
            kind=kind,
            language=language,
            publication_date=publication_date,
            visibility=visibility,
            submitting_organization=credited[0] if credited else None,
            body=[
                ("paragraph", RichText(f"<p>{paragraph}</p>"))
                for paragraph in _paragraphs(title, summary, area_names)[1:]
            ],
            issue_areas=[areas[slug] for slug in slugs],
            organizations=credited,
            related_campaign=related_campaign,
            documents=[
                _document(title, summary, area_names, index, as_text=index % 7 == 3)
            ],
            links=(
                [
                    (
                        "Recording on the network's video archive",
                        f"https://video.commonground.example/recordings/{index}",
                    )
                ]
                if kind == ResourceKind.RECORDING
                else []
            ),
        )

    for index, item in enumerate(UN_SUBMISSIONS, start=len(editions)):
        title, summary, slugs, mechanism, body_or_name, session, signers = item
        slugs = [slug for slug in slugs if slug in areas]
        credited = credit_for(slugs, 2)
        pool = [org for org in eligible if org not in credited]
        cosigners = rng.sample(pool, k=min(signers, len(pool)))
        if index == len(editions):
            # The UPR submission's co-signers include a hidden organization, so the
            # demo shows it as "a member organization" to everyone else.
            hidden = [o for o in eligible if o.visibility == Visibility.HIDDEN]
            if hidden and hidden[0] not in cosigners + credited:
                cosigners.append(hidden[0])
        publication_date = TODAY - datetime.timedelta(days=rng.randint(30, 700))
        deadline = _deadline_answered(mechanism, body_or_name)
        if deadline is not None:
            # Sent ahead of the deadline it answers.
            publication_date = min(TODAY, deadline.date - datetime.timedelta(days=12))
        ResourcePageFactory(
            parent=library,
            title=title,
            slug=UPR_SLUG if mechanism == UNMechanism.UPR else "",
            summary=summary,
            kind=ResourceKind.UN_SUBMISSION,
            language="en",
            publication_date=publication_date,
            visibility=ResourceVisibility.PUBLIC,
            submitting_organization=credited[0] if credited else None,
            un_mechanism=mechanism,
            treaty_body=body_or_name if mechanism == UNMechanism.TREATY_BODY else "",
            special_procedure=(
                body_or_name if mechanism == UNMechanism.SPECIAL_PROCEDURE else ""
            ),
            session=session,
            reviewed_state="US",
            body=[
                (
                    "paragraph",
                    RichText(
                        "<p>This page records the submission: the mechanism and "
                        "session it was sent to, who wrote it and who signed on. The "
                        "full text is attached. Members following the review can "
                        "plan lobbying and follow-up on the board.</p>"
                    ),
                )
            ],
            issue_areas=[areas[slug] for slug in slugs],
            organizations=credited,
            cosigners=cosigners,
            answers_deadline=deadline,
            related_campaign=deadline.campaign if deadline is not None else None,
            documents=[
                _document(title, summary, [areas[slug].name for slug in slugs], index)
            ],
        )

    _pending_contribution(library, areas)
    return library


def _pending_contribution(library, areas):
    """One member contribution waiting for a coordinator, to show the workflow."""
    membership = (
        Membership.objects.select_related("user", "organization")
        .filter(user__username="maria")
        .first()
    )
    if membership is None:
        return
    submit_resource(
        membership.user,
        library,
        organization=membership.organization,
        title="Neighborhood Heat Safety Plan",
        summary="A plan for checking on older neighbors and tenants without "
        "cooling during heat waves.",
        body_text="Drafted with tenants in three buildings.\n\nWaiting for "
        "a coordinator's review.",
        kind=ResourceKind.TOOLKIT,
        publication_date=TODAY,
        language="en",
        visibility=ResourceVisibility.PUBLIC,
        issue_areas=[areas[slug] for slug in ("housing", "health") if slug in areas],
    )
