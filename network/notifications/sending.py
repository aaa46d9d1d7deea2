"""Telling people: `notify()` is the one way any action tells someone of
something, and it does so after the action's transaction commits, by a
background task (django-tasks), so a rolled-back action tells nobody and a
request never waits on a thousand recipients.

The task keeps each person's choice for the kind (off: nothing is stored;
otherwise the notification is stored, their badge updated live, and, for
"email me at once", an email queued). Whether the person may see what it is
about is asked when it is read or sent (Notification.objects.readable_by),
never assumed from who was chosen.
"""

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone
from django_tasks import task

from members.viewer import Viewer
from network.board.events import notify_user_on_commit
from network.notifications.kinds import DEFAULT_DELIVERY
from network.notifications.models import (
    Delivery,
    Notification,
    NotificationKind,
    NotificationPreference,
)

TARGETS = (
    "post",
    "organization",
    "page",
    "event",
    "application",
    "suggestion",
    "saved_search",
)
# Emails go to the mail server in batches of this many, one task each.
EMAIL_BATCH = 100


def notify(kind, users, *, exclude=None, outcome="", once_key="", **targets):
    """Tell `users` (User objects or ids) of one thing of `kind`, about the
    `targets` (post=, organization=, page=, event=, application=, suggestion=,
    saved_search=: objects or ids). `exclude` (a user or id: the author of what
    caused it) is never told. With `once_key`, each person is told once ever."""
    kind = NotificationKind(kind)
    unknown = set(targets) - set(TARGETS)
    if unknown:
        raise TypeError(f"Unknown notification targets: {sorted(unknown)}")
    excluded = getattr(exclude, "pk", exclude)
    user_ids = sorted({getattr(user, "pk", user) for user in users} - {excluded, None})
    if not user_ids:
        return
    target_ids = {
        f"{name}_id": getattr(value, "pk", value)
        for name, value in targets.items()
        if value is not None
    }
    transaction.on_commit(
        lambda: deliver_notifications.enqueue(
            str(kind), user_ids, outcome, once_key, target_ids
        )
    )


def deliveries(kind, user_ids):
    """{user id: Delivery} for one kind: each person's choice or the default."""
    chosen = dict(
        NotificationPreference.objects.filter(
            kind=kind, user_id__in=user_ids
        ).values_list("user_id", "delivery")
    )
    default = DEFAULT_DELIVERY[kind]
    return {user_id: chosen.get(user_id, default) for user_id in user_ids}


@task()
def deliver_notifications(kind, user_ids, outcome, once_key, target_ids):
    return len(store_and_deliver(kind, user_ids, outcome, once_key, target_ids))


def store_and_deliver(kind, user_ids, outcome="", once_key="", target_ids=None):
    """Store the notification for each person who has not turned the kind off,
    update their badges, and queue the emails of those who want one (after the
    current transaction commits). The stored notifications."""
    target_ids = target_ids or {}
    wanted = {
        user_id: delivery
        for user_id, delivery in deliveries(kind, user_ids).items()
        if delivery != Delivery.OFF
    }
    active = set(
        get_user_model()
        .objects.filter(pk__in=wanted, is_active=True)
        .values_list("pk", flat=True)
    )
    if kind == NotificationKind.REPLY and target_ids.get("post_id"):
        active -= gather_replies(active, target_ids["post_id"])
    if once_key:
        active -= set(
            Notification.objects.filter(
                once_key=once_key, user_id__in=active
            ).values_list("user_id", flat=True)
        )
    rows = [
        Notification(
            user_id=user_id,
            kind=kind,
            outcome=outcome,
            once_key=once_key,
            **target_ids,
        )
        for user_id in sorted(active)
    ]
    created = _store(rows)
    by_email = [n.pk for n in created if wanted[n.user_id] == Delivery.EMAIL]
    for start in range(0, len(by_email), EMAIL_BATCH):
        batch = by_email[start : start + EMAIL_BATCH]
        transaction.on_commit(
            lambda batch=batch: send_notification_emails.enqueue(batch)
        )
    update_badges(n.user_id for n in created)
    return created


def gather_replies(user_ids, post_id):
    """Replies gather into one unread notification a thread and person: who
    has one moves it to the newest post (and to the top of their list) instead
    of getting another. The ids of those people."""
    from network.models import Post

    thread_id = Post.objects.filter(pk=post_id).values_list("thread_id", flat=True)
    unread = Notification.objects.filter(
        kind=NotificationKind.REPLY,
        user_id__in=user_ids,
        read_at__isnull=True,
        post__thread_id__in=thread_id,
    )
    gathered = set(unread.values_list("user_id", flat=True))
    unread.update(post_id=post_id, created_at=timezone.now(), digested_at=None)
    return gathered


def _store(rows):
    """Insert the rows; should another run have stored one of the same once-only
    key meanwhile, the rest are stored one by one and that one is left out."""
    try:
        with transaction.atomic():
            return Notification.objects.bulk_create(rows)
    except IntegrityError:
        created = []
        for row in rows:
            try:
                with transaction.atomic():
                    row.save()
                created.append(row)
            except IntegrityError:
                continue
        return created


def update_badges(user_ids):
    """Send each person's unread count (what they may read now) to their open
    pages over the board's socket."""
    people = get_user_model().objects.filter(pk__in=set(user_ids))
    for viewer in map(Viewer.for_user, people):
        notify_user_on_commit(
            viewer.user_id, Notification.objects.readable_by(viewer).unread().count()
        )


@task()
def send_notification_emails(notification_ids):
    from network.notifications.emails import send_notification_emails as send

    return send(notification_ids)
