"""Emails to supporters' addresses, sent by background tasks (django-tasks).

The pledge and removal forms answer every address the same way, so what differs
(looking up whether the address pledged, talking to the mail server) happens in a
task, after the answer: in production the request only queues it. The emails carry
nothing a visitor typed, since the address has not been confirmed: the campaign's
title and a link. Each is plain text rendered from templates/campaigns/email/.

A failed send raises: django-tasks records the task as failed with its traceback
(the immediate backend in the TaskResult, the database backend in its row) and
logs it on the "django_tasks" logger; the visitor's answer is already given.
"""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django_tasks import task

from campaigns import actions
from campaigns.models import PendingPledge, Pledge
from home.throttle import Limit

# However many connections ask, an address gets a few of these an hour at most.
PLEDGE_EMAILS_PER_RECIPIENT = Limit("pledge-email", limit=3, window=60 * 60)


def _send(template, to, context):
    subject = render_to_string(f"campaigns/email/{template}_subject.txt", context)
    body = render_to_string(f"campaigns/email/{template}.txt", context)
    send_mail(" ".join(subject.split()), body, settings.DEFAULT_FROM_EMAIL, [to])


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
    if pending is None or not PLEDGE_EMAILS_PER_RECIPIENT.hit(pending.email):
        return
    campaign = pending.campaign
    token = actions.issue_pledge_confirmation_token(pending)
    _send(
        "pledge_confirmation",
        pending.email,
        {
            "campaign_title": campaign.title,
            "confirmation_url": campaign_url
            + campaign.reverse_subpage("pledge_confirm", args=[token]),
        },
    )


@task()
def send_pledge_removal_link(campaign_id, email, campaign_url):
    pledge = (
        Pledge.objects.filter(campaign_id=campaign_id, email=email)
        .select_related("campaign")
        .first()
    )
    if pledge is None or not PLEDGE_EMAILS_PER_RECIPIENT.hit(email):
        return
    campaign = pledge.campaign
    _send(
        "pledge_removal",
        email,
        {
            "campaign_title": campaign.title,
            "removal_url": campaign_url
            + campaign.reverse_subpage(
                "pledge_remove", args=[actions.pledge_removal_token(pledge)]
            ),
        },
    )
