"""manage.py send_freshness_prompts: ask the admins of every live organization
whose profile is stale (members.freshness) to confirm or update it, once per
staleness period: a profile never confirmed, or last confirmed on a given day,
prompts each admin once (the notification's once-only key), however often this
runs. Meant to run daily from a scheduler."""

from collections import defaultdict

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.translation import gettext as _

from members.freshness import stale_organizations, staleness_period
from members.models import MemberOrganizationPage, Membership
from members.models.choices import MembershipStatus
from network.notifications.models import Notification
from network.notifications.sending import notify

KIND = "profile_stale"


def once_key(organization):
    return f"{KIND}:{organization.pk}:{staleness_period(organization)}"


def prompt_stale_admins():
    """Notify the admins of each stale, live organization in good standing that
    have not been told of this staleness yet. Returns (organizations, people)
    counts of those prompted now. Three queries, whatever the numbers."""
    organizations = list(
        stale_organizations(
            MemberOrganizationPage.objects.live().exclude(
                membership_status=MembershipStatus.SUSPENDED
            )
        ).only("pk", "title", "profile_confirmed_at")
    )
    if not organizations:
        return 0, 0
    keys = {organization.pk: once_key(organization) for organization in organizations}
    admins = defaultdict(set)
    for organization_id, user_id in Membership.objects.filter(
        organization_id__in=keys,
        role=Membership.Role.ADMIN,
        user__is_active=True,
    ).values_list("organization_id", "user_id"):
        admins[organization_id].add(user_id)
    already_told = set(
        Notification.objects.filter(once_key__in=keys.values()).values_list(
            "once_key", "user_id"
        )
    )
    prompted_organizations = 0
    people = set()
    with transaction.atomic():
        for organization in organizations:
            key = keys[organization.pk]
            users = {
                user_id
                for user_id in admins[organization.pk]
                if (key, user_id) not in already_told
            }
            if not users:
                continue
            notify(KIND, sorted(users), organization=organization, once_key=key)
            prompted_organizations += 1
            people |= users
    return prompted_organizations, len(people)


class Command(BaseCommand):
    help = (
        "Ask the admins of organizations whose profile was not confirmed in a year "
        "to confirm or update it (once per staleness period)."
    )

    def handle(self, *args, **options):
        organizations, people = prompt_stale_admins()
        self.stdout.write(
            _("Prompted %(organizations)d organizations' admins (%(people)d people).")
            % {"organizations": organizations, "people": people}
        )
