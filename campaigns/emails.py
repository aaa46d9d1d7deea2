"""Emails to supporters' addresses, sent by background tasks (django-tasks).

The pledge and removal forms answer every address the same way, so what differs
(looking up whether the address pledged, talking to the mail server) happens in a
task, after the answer: in production the request only queues it. The emails carry
nothing a visitor typed, since the address has not been confirmed: the campaign's
title and a link.
"""

from django.conf import settings
from django.core.mail import send_mail
from django.utils.translation import gettext as _
from django_tasks import task

from campaigns import actions
from campaigns.models import PendingPledge, Pledge
from home.throttle import Limit

# However many connections ask, an address gets a few of these an hour at most.
PLEDGE_EMAILS_PER_RECIPIENT = Limit("pledge-email", limit=3, window=60 * 60)


def _send(email, subject, paragraphs):
    if not PLEDGE_EMAILS_PER_RECIPIENT.hit(email):
        return
    send_mail(
        subject,
        "\n\n".join(paragraphs),
        settings.DEFAULT_FROM_EMAIL,
        [email],
        fail_silently=True,
    )


@task()
def send_pledge_confirmation(pending_id, campaign_url):
    """Issue the pending pledge's link and email it. The task is given only the
    row's id, so the queue holds neither the address nor the token."""
    pending = (
        PendingPledge.objects.unexpired()
        .filter(pk=pending_id)
        .select_related("campaign")
        .first()
    )
    if pending is None:
        return
    campaign = pending.campaign
    token = actions.issue_pledge_confirmation_token(pending)
    confirmation_url = campaign_url + campaign.reverse_subpage(
        "pledge_confirm", args=[token]
    )
    title = {"campaign": campaign.title}
    _send(
        pending.email,
        _("Confirm your pledge: %(campaign)s") % title,
        [
            _(
                "Someone, we hope you, asked to add this email address to the "
                "supporters of “%(campaign)s”."
            )
            % title,
            _("To confirm your pledge, open this link within a week:")
            + "\n"
            + confirmation_url,
            _(
                "If this address has pledged already, the link updates the name and "
                "postal code on its pledge instead of counting it twice; the page "
                "shows them before you confirm."
            ),
            _(
                "If it was not you, ignore this email: nothing is counted unless the "
                "link is opened."
            ),
        ],
    )


@task()
def send_pledge_removal_link(campaign_id, email, campaign_url):
    pledge = (
        Pledge.objects.filter(campaign_id=campaign_id, email=email)
        .select_related("campaign")
        .first()
    )
    if pledge is None:
        return
    campaign = pledge.campaign
    removal_url = campaign_url + campaign.reverse_subpage(
        "pledge_remove", args=[actions.pledge_removal_token(pledge)]
    )
    _send(
        email,
        _("Remove your pledge: %(campaign)s") % {"campaign": campaign.title},
        [_("To remove your pledge, open this link:") + "\n" + removal_url],
    )
