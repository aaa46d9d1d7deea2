"""The demo board: a room per issue area (and per campaign), the general rooms, and a
few hundred posts in threads between demo organizations, some of them flagged.

Everything here is invented. Posts are written straight to the database (with
their event-log rows) rather than through the actions, so seeding stays fast and
sends no broadcasts.
"""

import datetime

from django.utils import timezone
from wagtail.models import Page

from members.models import Membership, User, Visibility
from network.board.markdown import render_markdown
from network.board.rooms import (
    ensure_campaign_room,
    ensure_general_rooms,
    is_campaign_page,
    sync_issue_area_rooms,
)
from network.demo import DEMO_PASSWORD
from network.models import (
    Flag,
    FlagReason,
    Post,
    Room,
    RoomEvent,
    RoomKind,
    Thread,
    ThreadIssueArea,
)

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


def build(rng, organizations, coordinator, member_users):
    """Rooms for every issue area, live campaign and general topic; threads and
    posts between demo organizations; a few flags. Returns the rooms. Call it after
    the campaigns demo so every campaign has its room."""
    ensure_general_rooms()
    sync_issue_area_rooms()
    campaigns = Page.objects.live().filter(
        content_type__app_label="campaigns", content_type__model="campaignpage"
    )
    for page in campaigns:
        if is_campaign_page(page):
            ensure_campaign_room(page)
    speakers = make_speakers(rng, organizations, member_users)
    if not speakers:
        return list(Room.objects.all())
    rooms = {room.slug: room for room in Room.objects.all()}
    now = timezone.now()
    start = now - datetime.timedelta(days=60)
    created_posts = []
    for index, (room_slug, title, opening) in enumerate(THREADS):
        room = rooms.get(room_slug)
        if room is None:
            continue
        replies = rng.randint(6, 16)
        thread_start = start + datetime.timedelta(hours=index * 50 + rng.randint(0, 20))
        created_posts += build_thread(
            rng, room, title, opening, replies, speakers, thread_start
        )
    campaign_rooms = Room.objects.filter(kind=RoomKind.CAMPAIGN).order_by("pk")[:4]
    for index, room in enumerate(campaign_rooms):
        thread_start = start + datetime.timedelta(days=10 + index * 7)
        created_posts += build_thread(
            rng,
            room,
            f"Who does what: {room.name}",
            "Let's split the work for this campaign: outreach to new signers, "
            "a briefing for legislators' staff, and the media plan. Reply with what "
            "your organization can take on.",
            rng.randint(5, 10),
            speakers,
            thread_start,
        )
    flag_some(rng, created_posts, speakers, coordinator)
    return list(rooms.values())


def make_speakers(rng, organizations, member_users):
    """(user, organization) pairs: the demo people and a staff member for some
    organizations (never suspended ones)."""
    speakers = []
    for membership in Membership.objects.filter(user__in=member_users).select_related(
        "user", "organization"
    ):
        speakers.append((membership.user, membership.organization))
    candidates = [
        org
        for org in organizations
        if org.membership_status != "suspended" and org.live
    ]
    public = [org for org in candidates if org.visibility == Visibility.PUBLIC]
    others = [org for org in candidates if org.visibility != Visibility.PUBLIC]
    chosen = rng.sample(public, k=min(len(public), 14)) + others[:4]
    for (first, last), organization in zip(STAFF_NAMES, chosen, strict=False):
        username = f"{first.lower().replace('á', 'a')}.{last.lower()}"
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": first,
                "last_name": last,
                "email": f"{username}@members.example",
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        Membership.objects.get_or_create(user=user, organization=organization)
        speakers.append((user, organization))
    return speakers


def build_thread(rng, room, title, opening, replies, speakers, started):
    author, organization = rng.choice(speakers)
    thread = Thread.objects.create(
        room=room,
        title=title,
        author=author,
        organization=organization,
        last_activity_at=started,
    )
    Thread.objects.filter(pk=thread.pk).update(created_at=started)
    if room.issue_area_id:
        ThreadIssueArea.objects.create(tag_id=room.issue_area_id, content_object=thread)
    posts = [
        Post(thread=thread, author=author, organization=organization, body=opening)
    ]
    when = started
    times = [when]
    for _ in range(replies):
        replier, replier_org = rng.choice(speakers)
        when = when + datetime.timedelta(minutes=rng.randint(10, 1800))
        times.append(when)
        posts.append(
            Post(
                thread=thread,
                author=replier,
                organization=replier_org,
                body=rng.choice(REPLIES),
            )
        )
    for post in posts:
        post.html = render_markdown(post.body)
    created = Post.objects.bulk_create(posts)
    for post, moment in zip(created, times, strict=True):
        Post.objects.filter(pk=post.pk).update(created_at=moment)
    if len(created) != len(posts) or created[0].pk is None:
        created = list(thread.posts.order_by("pk"))
    record_demo_events(room, thread, created)
    Thread.objects.filter(pk=thread.pk).update(
        post_count=len(created), last_activity_at=times[-1]
    )
    Room.objects.filter(pk=room.pk).update(last_activity_at=times[-1])
    return created


def record_demo_events(room, thread, posts, thread_created=True):
    room.refresh_from_db(fields=["last_event_id"])
    next_id = room.last_event_id
    events = []
    previous = Thread.objects.get(pk=thread.pk).last_event_id
    if thread_created:
        next_id += 1
        events.append(
            RoomEvent(
                room=room,
                id_in_room=next_id,
                previous_in_thread=previous,
                kind=RoomEvent.Kind.THREAD_CREATED,
                thread=thread,
            )
        )
        previous = next_id
    for post in posts:
        next_id += 1
        events.append(
            RoomEvent(
                room=room,
                id_in_room=next_id,
                previous_in_thread=previous,
                kind=RoomEvent.Kind.POST_CREATED,
                thread=thread,
                post=post,
            )
        )
        previous = next_id
    RoomEvent.objects.bulk_create(events)
    Room.objects.filter(pk=room.pk).update(last_event_id=next_id)
    Thread.objects.filter(pk=thread.pk).update(last_event_id=next_id)
    room.last_event_id = next_id


def flag_some(rng, posts, speakers, coordinator):
    if len(posts) < 10:
        return
    for post in rng.sample(posts, k=min(len(posts), 5)):
        reporters = [user for user, _org in speakers if user.pk != post.author_id]
        if not reporters:
            continue
        reason, note = rng.choice(FLAG_NOTES)
        Flag.objects.get_or_create(
            post=post,
            reporter=rng.choice(reporters),
            resolved_at=None,
            defaults={"reason": reason, "note": note},
        )


def add_posts(thread, count, speakers, body="A reply in a long thread."):
    """Append `count` posts to a thread quickly (benchmarks and query-count tests)."""
    html = render_markdown(body)
    posts = Post.objects.bulk_create(
        [
            Post(
                thread=thread,
                author=speakers[i % len(speakers)][0],
                organization=speakers[i % len(speakers)][1],
                body=body,
                html=html,
            )
            for i in range(count)
        ]
    )
    if not posts or posts[0].pk is None:
        posts = list(thread.posts.order_by("-pk")[:count])[::-1]
    record_demo_events(thread.room, thread, posts, thread_created=False)
    Thread.objects.filter(pk=thread.pk).update(
        post_count=thread.posts.filter(hidden=False).count()
    )
    return posts
