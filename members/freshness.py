"""Profile freshness: the one place that says when an organization's profile is
stale (never confirmed by the organization, or confirmed more than a year ago).

The account page, the coordinators' desk and `manage.py send_freshness_prompts`
all read the rule from here."""

from datetime import timedelta

from django.db.models import F, Q
from django.utils import timezone

from members.models import MemberOrganizationPage

# A profile confirmed longer ago than this asks its admins to check it again.
STALE_AFTER = timedelta(days=365)


def stale_since(now=None):
    """Confirmations before this moment are stale."""
    return (now or timezone.now()) - STALE_AFTER


def stale_filter(now=None):
    return Q(profile_confirmed_at__isnull=True) | Q(
        profile_confirmed_at__lt=stale_since(now)
    )


def is_stale(organization, now=None):
    confirmed = organization.profile_confirmed_at
    return confirmed is None or confirmed < stale_since(now)


def stale_organizations(queryset=None, now=None):
    """The organizations (of `queryset`, all by default) whose profile is stale,
    oldest confirmation first and never-confirmed before them."""
    if queryset is None:
        queryset = MemberOrganizationPage.objects.all()
    return queryset.filter(stale_filter(now)).order_by(
        F("profile_confirmed_at").asc(nulls_first=True), "title", "pk"
    )


def staleness_period(organization):
    """Names the current staleness, so each one prompts once: the date of the
    last confirmation, or "never"."""
    confirmed = organization.profile_confirmed_at
    return confirmed.date().isoformat() if confirmed else "never"
