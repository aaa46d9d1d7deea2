"""The weekly digest: what came up in a person's issue areas (their
organizations' and the ones they follow) over the week, the busiest threads
they follow, and the notifications they chose to read here — each section only
for a kind the person left in the digest, and everything read through their
Viewer, so the digest names nothing the person may not see on the site.

Building one digest takes the same few queries whatever the size of the
network (`build_digest`); `send_digests` sends them in batches over one mail
connection each.
"""

import datetime
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.mail import get_connection
from django.db.models import Count, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from home.languages import language_of
from home.links import absolute_url
from members.models import MemberOrganizationPage, Membership
from members.viewer import Viewer
from network.notifications.emails import email_message
from network.notifications.kinds import (
    DEFAULT_DELIVERY,
    DESCRIBED_RELATIONS,
    calendar_address,
    described,
)
from network.notifications.models import (
    Delivery,
    Follow,
    Notification,
    NotificationKind,
    NotificationPreference,
)

Kind = NotificationKind
WEEK = datetime.timedelta(days=7)
SECTION_SIZE = 10
# Kinds the digest lists as their own sections, not among "other news" (the
# replies as the busiest threads, not one line a post).
SECTION_KINDS = {Kind.NEW_MEMBER, Kind.NEW_CAMPAIGN, Kind.NEW_EVENT, Kind.REPLY}
DIGEST_BATCH = 100


@dataclass
class Section:
    heading: str
    items: list = field(default_factory=list)  # [(text, address)]


@dataclass
class Digest:
    user: object
    sections: list
    notification_ids: list

    @property
    def is_empty(self):
        return not any(section.items for section in self.sections)


def issue_area_ids(user):
    """The issue areas of the person's organizations and those they follow,
    less those they muted."""
    own = set(
        Membership.objects.filter(user=user).values_list(
            "organization__issue_areas", flat=True
        )
    ) - {None}
    follows = Follow.objects.filter(user=user, issue_area__isnull=False).values_list(
        "issue_area_id", "muted"
    )
    followed = {area for area, muted in follows if not muted}
    muted = {area for area, muted in follows if muted}
    return (own | followed) - muted


def build_digest(user, now=None, calendar_url=None):
    from campaigns.models import CampaignPage, Event
    from network.models import Thread

    now = now or timezone.now()
    since = now - WEEK
    viewer = Viewer.for_user(user)
    chosen = dict(
        NotificationPreference.objects.filter(user=user).values_list("kind", "delivery")
    )

    def in_digest(kind):
        return chosen.get(kind, DEFAULT_DELIVERY[kind]) == Delivery.DIGEST

    areas = issue_area_ids(user)
    sections = []
    if in_digest(Kind.NEW_MEMBER):
        organizations = (
            MemberOrganizationPage.objects.nameable_to(viewer)
            .filter(issue_areas__in=areas, first_published_at__gte=since)
            .exclude(pk__in=viewer.organization_ids)
            .distinct()
            .order_by("-first_published_at", "pk")[:SECTION_SIZE]
        )
        sections.append(
            Section(
                _("New member organizations in your issue areas"),
                [(org.title, org.url) for org in organizations],
            )
        )
    if in_digest(Kind.NEW_CAMPAIGN):
        campaigns = (
            CampaignPage.objects.published()
            .filter(issue_areas__in=areas)
            .filter(
                Q(first_published_at__gte=since)
                | Q(updates__published_at__gte=since, updates__published_at__lte=now)
            )
            .distinct()
            .order_by("-last_published_at", "pk")[:SECTION_SIZE]
        )
        sections.append(
            Section(
                _("Campaigns new or with news in your issue areas"),
                [(campaign.title, campaign.url) for campaign in campaigns],
            )
        )
    if in_digest(Kind.NEW_EVENT):
        calendar_url = calendar_url or calendar_address()
        events = (
            Event.objects.public()
            .upcoming(now)
            .filter(
                Q(issue_area_items__tag__in=areas)
                | Q(campaign__issue_area_items__tag__in=areas)
            )
            .filter(starts_at__lte=now + 2 * WEEK)
            .select_related("campaign")
            .distinct()[:SECTION_SIZE]
        )
        sections.append(
            Section(
                _("Events and deadlines in the next two weeks"),
                [
                    (
                        f"{event.date.isoformat()}: {event.title}",
                        event.campaign.url
                        if event.campaign_id
                        else f"{calendar_url}#event-{event.pk}",
                    )
                    for event in events
                ],
            )
        )
    if in_digest(Kind.REPLY):
        followed = Follow.objects.filter(user=user, thread__isnull=False)
        threads = (
            Thread.objects.readable_by(viewer)
            .filter(
                Q(pk__in=followed.filter(muted=False).values("thread_id"))
                | Q(author=user)
                | Q(posts__author=user)
            )
            .exclude(pk__in=followed.filter(muted=True).values("thread_id"))
            .annotate(
                new_posts=Count(
                    "posts", filter=Q(posts__created_at__gte=since), distinct=True
                )
            )
            .filter(new_posts__gt=0)
            .select_related("room")
            .order_by("-new_posts", "-last_activity_at")[:5]
        )
        sections.append(
            Section(
                _("The busiest threads you follow"),
                [
                    (
                        ngettext(
                            "%(title)s (%(count)d new post)",
                            "%(title)s (%(count)d new posts)",
                            thread.new_posts,
                        )
                        % {"title": thread.title, "count": thread.new_posts},
                        thread.get_absolute_url(),
                    )
                    for thread in threads
                ],
            )
        )
    digest_kinds = [
        kind for kind in Kind if kind not in SECTION_KINDS and in_digest(kind)
    ]
    waiting = described(
        list(
            Notification.objects.readable_by(viewer)
            .filter(
                kind__in=digest_kinds, digested_at__isnull=True, created_at__gte=since
            )
            .select_related(*DESCRIBED_RELATIONS)
            .order_by("-created_at", "-pk")[: SECTION_SIZE * 2]
        ),
        calendar_url,
    )
    saved = [n for n in waiting if n.kind == Kind.SAVED_SEARCH]
    other = [n for n in waiting if n.kind != Kind.SAVED_SEARCH]
    sections.append(
        Section(
            _("New for your saved searches"), [(n.sentence, n.address) for n in saved]
        )
    )
    sections.append(
        Section(_("Other news for you"), [(n.sentence, n.address) for n in other])
    )
    for section in sections:
        section.items = [
            (text, absolute_url(address)) for text, address in section.items
        ]
    return Digest(user, sections, [n.pk for n in waiting])


def digest_recipients():
    """Active people with an address who have not turned the digest off."""
    off = NotificationPreference.objects.filter(
        kind=NotificationPreference.DIGEST, delivery=Delivery.OFF
    ).values("user_id")
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .exclude(email="")
        .exclude(pk__in=off)
        .order_by("pk")
    )


def digest_message(digest):
    return email_message(
        digest.user,
        _("Your week in the network"),
        "digest",
        {"sections": [s for s in digest.sections if s.items]},
        NotificationPreference.DIGEST,
    )


def send_digests(people, *, now=None, dry_run=False, write=None):
    """Build each person's digest and, unless a dry run, send the non-empty ones
    DIGEST_BATCH to a connection, marking their notifications digested. A dry
    run hands each message's text to `write`. (built, sent)."""
    now = now or timezone.now()
    calendar_url = calendar_address()
    built = sent = 0
    batch, batch_ids = [], []
    for person in people.iterator(chunk_size=DIGEST_BATCH):
        # In the person's language: headings, sentences, dates, links.
        with translation.override(language_of(person)):
            digest = build_digest(person, now, calendar_url)
            built += 1
            if digest.is_empty:
                continue
            message = digest_message(digest)
        if dry_run:
            if write:
                write(message)
            continue
        batch.append(message)
        batch_ids.extend(digest.notification_ids)
        if len(batch) >= DIGEST_BATCH:
            sent += _send_batch(batch, batch_ids, now)
            batch, batch_ids = [], []
    if batch:
        sent += _send_batch(batch, batch_ids, now)
    return built, sent


def _send_batch(messages, notification_ids, now):
    get_connection().send_messages(messages)
    Notification.objects.filter(pk__in=notification_ids).update(digested_at=now)
    return len(messages)
