"""Emails this app sends. Each is queued with transaction.on_commit, so a rolled-back
decision never sends mail, and each is plain text rendered from a template."""

from django.conf import settings
from django.core.mail import send_mail, send_mass_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from home.languages import language_of
from home.links import absolute_url  # the one rule for links that leave the site
from home.models import NetworkSettings
from members.geography import place_label
from members.models import COORDINATORS_GROUP, MembershipApplication, User


def _render(template, context):
    """(subject, body) of templates/members/email/<template>{_subject,}.txt."""
    network = NetworkSettings.load()
    context = {
        "network_name": network.name,
        "network_email": network.contact_email,
        **context,
    }
    subject = render_to_string(f"members/email/{template}_subject.txt", context)
    body = render_to_string(f"members/email/{template}.txt", context)
    return " ".join(subject.split()), body


def _send_on_commit(template, to, context):
    """Rendered now, in the active language: callers that write to someone in
    their own language wrap the call in `written_in(...)`."""
    subject, body = _render(template, context)

    def send():
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [to])

    transaction.on_commit(send)


def coordinator_addresses():
    """The address of every active coordinator (a user in the Coordinators
    group) who has one, each once."""
    addresses = (
        User.objects.filter(is_active=True, groups__name=COORDINATORS_GROUP)
        .exclude(email="")
        .values_list("email", flat=True)
    )
    return sorted({address.casefold(): address for address in addresses}.values())


def _tell_coordinators(application, *, again):
    """One message to each coordinator (none sees another's address) about an
    application that arrived, or arrived again: what they need to judge whether
    to open it (name, place, issue areas) and the link to it in the admin, none
    of the contact's details. In the site's language, whatever the applicant's."""
    addresses = coordinator_addresses()
    if not addresses:
        return
    with translation.override(settings.LANGUAGE_CODE):
        subject, body = _render(
            "application_for_coordinators",
            {
                "again": again,
                "organization_name": application.organization_name,
                "place": place_label(
                    application.city,
                    application.subdivision,
                    str(application.country),
                    home_country=None,
                ),
                "issue_areas": sorted(
                    (area.name for area in application.issue_areas.all()),
                    key=str.casefold,
                ),
                "submitted_at": application.submitted_at,
                "waiting": MembershipApplication.objects.pending().count(),
                "application_url": absolute_url(
                    reverse("membership_applications:edit", args=[application.pk])
                ),
            },
        )
    messages = tuple(
        (subject, body, settings.DEFAULT_FROM_EMAIL, [address]) for address in addresses
    )
    transaction.on_commit(lambda: send_mass_mail(messages))


def send_application_received(application):
    """Confirm a new application to its contact and tell the coordinators."""
    # The address is not confirmed yet: only the organization's name is repeated
    # from what was typed, so the form cannot send anyone a message of its own.
    _send_on_commit(
        "application_received",
        application.contact_email,
        {"organization_name": application.organization_name},
    )
    _tell_coordinators(application, again=False)


def send_application_resubmitted(application):
    """To the contact of a pending application someone submitted again, none of
    the new submission's text; and to the coordinators, that it is still waiting
    (the stored application's details, not the new submission's)."""
    _send_on_commit(
        "application_resubmitted",
        application.contact_email,
        {
            "organization_name": application.organization_name,
            "submitted_at": application.submitted_at,
        },
    )
    _tell_coordinators(application, again=True)


def written_in(language):
    """A block in which an email is written in `language` (its words, dates and
    its links' language prefix), or in the active language when none is known."""
    return translation.override(language or translation.get_language())


def send_application_declined(application):
    with written_in(application.language):
        _send_on_commit(
            "application_declined",
            application.contact_email,
            {"application": application, "join_url": absolute_url(reverse("join"))},
        )


def send_invitation(invitation, token, *, application=None):
    # To an applicant in the language they applied in; to a colleague in the
    # language of the person inviting them (the page they invited from).
    with written_in(application.language if application else None):
        _send_invitation(invitation, token, application)


def _send_invitation(invitation, token, application):
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
    with written_in(language_of(person)):
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


def send_two_factor_reset(person, reset_by):
    """Tell a person that a coordinator removed their two-factor devices: they set
    up again at their next sign-in, and if they did not ask for it, they know."""
    if not person.email:
        return
    with written_in(language_of(person)):
        _send_on_commit(
            "two_factor_reset",
            person.email,
            {
                "person": person,
                "reset_by": reset_by.get_full_name() or reset_by.get_username(),
                "sign_in_url": absolute_url(reverse("login")),
            },
        )
