"""manage.py places_report: the places typed as free text that match no state or
region of their country, for coordinators to settle.

Since places are structured (members migration 0013), each organization's and
application's state or region is an ISO 3166-2 code. Text that matched none
stays in `region`, as typed, shown to the organization's staff on their profile
form and to coordinators in the admin until a state or region is chosen; this
lists every such place, with where to fix it.
"""

from django.core.management.base import BaseCommand
from django.urls import reverse

from members.geography import country_name
from members.models import MemberOrganizationPage, MembershipApplication
from members.models.applications import ApplicationStatus


def unmatched_places():
    """(kind, name, country code, text as typed, admin path) of every place that
    still waits for a state or region to be chosen, organizations first."""
    rows = []
    organizations = (
        MemberOrganizationPage.objects.filter(subdivision="")
        .exclude(region="")
        .order_by("title", "pk")
        .values_list("pk", "title", "country", "region")
    )
    for pk, title, country, region in organizations:
        path = reverse("wagtailadmin_pages:edit", args=[pk])
        rows.append(("organization", title, country, region, path))
    applications = (
        MembershipApplication.objects.filter(
            subdivision="", status=ApplicationStatus.SUBMITTED
        )
        .exclude(region="")
        .order_by("organization_name", "pk")
        .values_list("pk", "organization_name", "country", "region")
    )
    for pk, name, country, region in applications:
        path = reverse("membership_applications:edit", args=[pk])
        rows.append(("application", name, country, region, path))
    return rows


class Command(BaseCommand):
    help = (
        "List the states or regions typed as free text that match no subdivision "
        "of their country, with where to choose one."
    )

    def handle(self, *args, **options):
        rows = unmatched_places()
        if not rows:
            self.stdout.write("Every place is a state or region from the list.")
            return
        self.stdout.write(
            f"{len(rows)} places match no state or region of their country; "
            "choose one on each page below (the text stays until then):"
        )
        for kind, name, country, region, path in rows:
            self.stdout.write(
                f"- {kind} {name!r} in {country_name(country) or '?'} ({country}): "
                f"{region!r}  {path}"
            )
