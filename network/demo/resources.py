"""Demo resource library and network news: ~40 resources across kinds, issue areas
and organizations, each with a small generated PDF or text file; a US Universal
Periodic Review joint submission with co-signers; treaty-body and special-procedure
submissions; one contribution waiting for a coordinator's review; ~10 news items.
All text is written for this demo; none of it describes a real document.
"""

import datetime
from io import BytesIO

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from PIL import Image, ImageDraw
from wagtail.documents import get_document_model
from wagtail.rich_text import RichText

from campaigns.library.contributions import assign_review_workflow, do_submit_resource
from campaigns.models import (
    CampaignPage,
    Event,
    EventKind,
    NewsIndexPage,
    NewsPage,
    ResourceContributor,
    ResourceCoSigner,
    ResourceDocument,
    ResourceIndexPage,
    ResourceKind,
    ResourceLink,
    ResourcePage,
    ResourceVisibility,
    TreatyBody,
    UNMechanism,
)
from home.models import SiteImage
from members.models import IssueArea, Membership, OrganizationIssueArea, Visibility
from network.demo.pdf import make_pdf

UPR_SLUG = "us-upr-joint-submission"
TODAY = datetime.date(2026, 11, 1)

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

NEWS_COLORS = ["#1d5c63", "#a8431c", "#4b3f72", "#2f6b3a"]


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
    Document = get_document_model()
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
    document = Document(title=doc_title, file=file)
    document._set_document_file_metadata()
    document.save()
    return document


def _news_image(rng, title, index):
    image = Image.new("RGB", (960, 540), rng.choice(NEWS_COLORS))
    draw = ImageDraw.Draw(image)
    for step in range(6):
        offset = 60 + step * 140
        draw.ellipse((offset, 180, offset + 220, 400), outline="#ffffff", width=6)
    buffer = BytesIO()
    image.save(buffer, format="PNG")
    return SiteImage.objects.create(
        title=f"{title} illustration",
        file=ImageFile(buffer, name=f"demo-news-{index}.png"),
    )


def _campaigns_by_area():
    by_area = {}
    for campaign in CampaignPage.objects.live().prefetch_related(
        "issue_area_items__tag"
    ):
        for item in campaign.issue_area_items.all():
            by_area.setdefault(item.tag.slug, []).append(campaign)
    return by_area


# Which calendar deadline (from the campaigns demo) each demo submission answered.
DEADLINES_ANSWERED = {
    (UNMechanism.UPR, ""): "UPR of the United States: stakeholder submissions due",
    (UNMechanism.TREATY_BODY, TreatyBody.CAT): "Committee against Torture: list of",
}


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


def build(rng, home, organizations, coordinator, member_users):
    """The library and news sections under `home`, with their demo content."""
    library = ResourceIndexPage(
        title="Resources",
        slug="resources",
        show_in_menus=True,
        introduction=(
            "Toolkits, reports, training materials, model policies and UN "
            "submissions made by member organizations. Search them, filter by "
            "issue area or organization, and share what you find."
        ),
    )
    home.add_child(instance=library)
    news_index = NewsIndexPage(
        title="News",
        slug="news",
        show_in_menus=True,
        introduction="What the network and its members have been doing.",
    )
    home.add_child(instance=news_index)
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

    made = 0
    # Repeat the catalogue with later editions so the library has ~40 entries.
    editions = LIBRARY + [
        (kind, f"{title} (2nd edition)", summary, slugs, language)
        for kind, title, summary, slugs, language in LIBRARY[:6]
    ]
    for index, (kind, title, summary, slugs, language) in enumerate(editions):
        slugs = [slug for slug in slugs if slug in areas]
        credited = credit_for(slugs, rng.choice([1, 1, 2, 3]))
        page = ResourcePage(
            title=title,
            summary=summary,
            kind=kind,
            language=language,
            publication_date=TODAY - datetime.timedelta(days=rng.randint(20, 2400)),
            visibility=(
                ResourceVisibility.MEMBERS
                if rng.random() < 0.15
                else ResourceVisibility.PUBLIC
            ),
            submitting_organization=credited[0] if credited else None,
            body=[
                ("paragraph", RichText(f"<p>{paragraph}</p>"))
                for paragraph in _paragraphs(
                    title, summary, [areas[slug].name for slug in slugs]
                )[1:]
            ],
        )
        page.issue_areas.set([areas[slug] for slug in slugs])
        page.contributors = [ResourceContributor(organization=org) for org in credited]
        related = [c for slug in slugs for c in campaigns_by_area.get(slug, [])]
        if related and rng.random() < 0.4:
            page.related_campaign = rng.choice(related)
        page.document_items = [
            ResourceDocument(
                document=_document(
                    title,
                    summary,
                    [areas[slug].name for slug in slugs],
                    index,
                    as_text=index % 7 == 3,
                )
            )
        ]
        if kind == ResourceKind.RECORDING:
            page.links = [
                ResourceLink(
                    label="Recording on the network's video archive",
                    url=f"https://video.commonground.example/recordings/{index}",
                )
            ]
        library.add_child(instance=page)
        made += 1

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
        page = ResourcePage(
            title=title,
            slug=UPR_SLUG if mechanism == UNMechanism.UPR else "",
            summary=summary,
            kind=ResourceKind.UN_SUBMISSION,
            language="en",
            publication_date=TODAY - datetime.timedelta(days=rng.randint(30, 700)),
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
        )
        page.issue_areas.set([areas[slug] for slug in slugs])
        page.contributors = [ResourceContributor(organization=org) for org in credited]
        page.cosigners = [ResourceCoSigner(organization=org) for org in cosigners]
        deadline = _deadline_answered(mechanism, body_or_name)
        if deadline is not None:
            page.answers_deadline = deadline
            page.related_campaign = deadline.campaign
            # Sent ahead of the deadline it answers.
            page.publication_date = min(
                TODAY, deadline.date - datetime.timedelta(days=12)
            )
        page.document_items = [
            ResourceDocument(
                document=_document(
                    title, summary, [areas[slug].name for slug in slugs], index
                )
            )
        ]
        library.add_child(instance=page)
        made += 1

    _pending_contribution(library, areas)

    for index, (title, summary, slugs, with_image) in enumerate(NEWS):
        page = NewsPage(
            title=title,
            summary=summary,
            date=TODAY - datetime.timedelta(days=index * 9 + rng.randint(0, 5)),
            body=[
                ("paragraph", RichText(f"<p>{summary}</p>")),
                (
                    "paragraph",
                    RichText(
                        "<p>Member organizations can find the related resources in "
                        "the library and plan next steps on the board.</p>"
                    ),
                ),
            ],
        )
        if with_image:
            page.featured_image = _news_image(rng, title, index)
            page.featured_image_alt = (
                "An abstract illustration: a row of linked circles on a colored "
                "background, the network's mark."
            )
        page.issue_areas.set([areas[slug] for slug in slugs if slug in areas])
        news_index.add_child(instance=page)
        page.save_revision(user=coordinator).publish()
    return library, news_index


def _pending_contribution(library, areas):
    """One member contribution waiting for a coordinator, to show the workflow."""
    membership = (
        Membership.objects.select_related("user", "organization")
        .filter(user__username="maria")
        .first()
    )
    if membership is None:
        return
    do_submit_resource(
        membership.user,
        library,
        {
            "organization": membership.organization,
            "title": "Neighborhood Heat Safety Plan",
            "summary": "A plan for checking on older neighbors and tenants without "
            "cooling during heat waves.",
            "body_text": "Drafted with tenants in three buildings.\n\nWaiting for "
            "a coordinator's review.",
            "kind": ResourceKind.TOOLKIT,
            "publication_date": TODAY,
            "language": "en",
            "visibility": ResourceVisibility.PUBLIC,
            "issue_areas": [
                areas[slug] for slug in ("housing", "health") if slug in areas
            ],
        },
    )
