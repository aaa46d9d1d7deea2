"""Notification emails: each as plain text and HTML, through the recipient's
Viewer (what they may no longer see is not sent), with a signed one-click
unsubscribe for its kind (RFC 8058: List-Unsubscribe and List-Unsubscribe-Post).
"""

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives, get_connection
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from home.languages import language_of
from home.links import absolute_url
from home.models import NetworkSettings
from members.viewer import Viewer
from network.notifications.kinds import (
    DESCRIBED_RELATIONS,
    calendar_address,
    describe,
)
from network.notifications.models import Notification

UNSUBSCRIBE_SALT = "network.notifications.unsubscribe"


def unsubscribe_token(user, kind):
    """A link's proof that it was sent to `user` about `kind`: signed, so it
    can be neither made up nor changed to another person or kind."""
    return signing.dumps({"u": user.pk, "k": str(kind)}, salt=UNSUBSCRIBE_SALT)


def read_unsubscribe_token(token):
    """(user id, kind) of a token, or None for one not signed here."""
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("u"), int):
        return None
    if not isinstance(data.get("k"), str):
        return None
    return data["u"], data["k"]


def unsubscribe_url(user, kind):
    return absolute_url(
        reverse("notifications_unsubscribe", args=[unsubscribe_token(user, kind)])
    )


def email_message(user, subject, template, context, kind):
    """One email to `user`, text and HTML from templates/network/email/, with
    the unsubscribe link of `kind` in its headers and its footer."""
    network = NetworkSettings.load()
    unsubscribe = unsubscribe_url(user, kind)
    context = {
        "network_name": network.name,
        "person": user,
        "settings_url": absolute_url(reverse("notification_settings")),
        "unsubscribe_url": unsubscribe,
        **context,
    }
    text = render_to_string(f"network/email/{template}.txt", context)
    html = render_to_string(f"network/email/{template}.html", context)
    message = EmailMultiAlternatives(
        " ".join(subject.split()),
        text,
        settings.DEFAULT_FROM_EMAIL,
        [user.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    message.attach_alternative(html, "text/html")
    return message


def send_notification_emails(notification_ids):
    """Email each notification that its person may still see and has not been
    emailed; mark those sent. One connection for the batch."""
    pending = (
        Notification.objects.filter(pk__in=notification_ids, emailed_at__isnull=True)
        .select_related("user")
        .order_by("user_id", "pk")
    )
    by_user = {}
    for notification in pending:
        by_user.setdefault(notification.user, []).append(notification.pk)
    messages, sent = [], []
    calendar_url = calendar_address()
    for user, ids in by_user.items():
        if not user.email or not user.is_active:
            continue
        readable = (
            Notification.objects.readable_by(Viewer.for_user(user))
            .filter(pk__in=ids)
            .select_related(*DESCRIBED_RELATIONS)
        )
        # In the person's language: its words, dates and the links' prefix.
        with translation.override(language_of(user)):
            for notification in readable:
                sentence, address = describe(notification, calendar_url)
                messages.append(
                    email_message(
                        user,
                        sentence,
                        "notification",
                        {"sentence": sentence, "url": absolute_url(address)},
                        notification.kind,
                    )
                )
                sent.append(notification.pk)
    if messages:
        get_connection().send_messages(messages)
        Notification.objects.filter(pk__in=sent).update(emailed_at=timezone.now())
    return len(sent)
