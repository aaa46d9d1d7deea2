"""Emails this app sends. Each is queued with transaction.on_commit, so a rolled-back
decision never sends mail, and each is plain text rendered from a template."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse

from home.models import NetworkSettings


def absolute_url(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _send_on_commit(template, to, context):
    network = NetworkSettings.load()
    context = {
        "network_name": network.name,
        "network_email": network.contact_email,
        **context,
    }
    subject = render_to_string(f"members/email/{template}_subject.txt", context)
    body = render_to_string(f"members/email/{template}.txt", context)
    subject = " ".join(subject.split())

    def send():
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [to])

    transaction.on_commit(send)


def send_application_received(application):
    # The address is not confirmed yet: only the organization's name is repeated
    # from what was typed, so the form cannot send anyone a message of its own.
    _send_on_commit(
        "application_received",
        application.contact_email,
        {"organization_name": application.organization_name},
    )


def send_application_resubmitted(application):
    """To the contact of a pending application someone submitted again; none of
    the new submission's text."""
    _send_on_commit(
        "application_resubmitted",
        application.contact_email,
        {
            "organization_name": application.organization_name,
            "submitted_at": application.submitted_at,
        },
    )


def send_application_declined(application):
    _send_on_commit(
        "application_declined",
        application.contact_email,
        {"application": application, "join_url": absolute_url(reverse("join"))},
    )


def send_invitation(invitation, token, *, application=None):
    _send_on_commit(
        "invitation",
        invitation.email,
        {
            "invitation": invitation,
            "organization_name": invitation.organization.title,
            "application": application,
            "inviter": invitation.invited_by,
            "accept_url": absolute_url(reverse("accept_invitation", args=[token])),
            "expires_at": invitation.expires_at,
        },
    )


def send_suggestion_decided(suggestion):
    """Tell the person who suggested an issue area on their profile what became of
    it. (An applicant's suggestion is settled with their application.)"""
    person = suggestion.suggested_by
    if suggestion.organization_id is None or person is None or not person.email:
        return
    _send_on_commit(
        "suggestion_decided",
        person.email,
        {
            "suggestion": suggestion,
            "person": person,
            "organization_name": suggestion.organization.title,
            "profile_url": absolute_url(
                reverse("account_profile_edit", args=[suggestion.organization_id])
            ),
        },
    )
