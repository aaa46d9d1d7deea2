"""The coordinators' export of the directory: every organization (hidden and
members-only ones too: coordinators see them all), with every column of
`members.columns.ORGANIZATION_COLUMNS` in its order, headings and cell formats,
as CSV or XLSX. The import (members/imports/) reads those same headings, so a
coordinator's export re-imports cleanly.

Each file is written to Wagtail's audit log on the directory page
(home.spreadsheets.log_export). Four queries whatever the number of
organizations: the vocabulary, the organizations with their logos, their terms
and their links.
"""

from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem

from home.facets.notices import shown_back
from home.spreadsheets import Spreadsheet, log_export
from members.columns import ORGANIZATION_COLUMNS
from members.models import MemberDirectoryPage, MemberOrganizationPage
from members.spreadsheets import for_spreadsheet, organization_cells
from members.terms import Vocabulary

FORMAT_PARAM = "format"
FORMATS = {
    Spreadsheet.FORMAT_CSV: _("CSV"),
    Spreadsheet.FORMAT_XLSX: _("Excel (XLSX)"),
}


def directory_spreadsheet():
    return Spreadsheet(
        [(column.field, column.heading) for column in ORGANIZATION_COLUMNS],
        lambda organization: organization_cells(organization, ORGANIZATION_COLUMNS),
        f"member-directory-{timezone.localdate().isoformat()}",
    )


def organizations_to_export(viewer):
    """Every organization the coordinator may see, which is every live one, with
    its terms and links attached."""
    organizations = (
        MemberOrganizationPage.objects.visible_to(viewer)
        .select_related("logo")
        .order_by("title", "pk")
    )
    return for_spreadsheet(
        list(organizations), organizations.values("pk"), Vocabulary.load()
    )


def export_directory(request):
    """Without ?format=, what the file holds and the buttons that download it;
    with ?format=csv or xlsx, the file."""
    if not request.viewer.is_coordinator:
        raise PermissionDenied
    directory = MemberDirectoryPage.objects.first()
    chosen = request.GET.get(FORMAT_PARAM)
    if directory is not None and chosen in FORMATS:
        organizations = organizations_to_export(request.viewer)
        log_export(request.user, directory, "organizations", len(organizations))
        return directory_spreadsheet().response(organizations, chosen)
    if directory is None:
        problem = _("There is no member directory yet, so there is nothing to export.")
    elif chosen is not None:
        problem = _("There is no “%(format)s” download: choose CSV or XLSX.") % {
            "format": shown_back(chosen)
        }
    else:
        problem = None
    return TemplateResponse(
        request,
        "members/admin/directory_export.html",
        {
            "header_title": _("Export the directory"),
            "problem": problem,
            "downloads": [
                (label, f"?{FORMAT_PARAM}={name}") for name, label in FORMATS.items()
            ]
            if directory is not None
            else [],
            "headings": [column.heading for column in ORGANIZATION_COLUMNS],
        },
        status=400 if problem else 200,
    )


def export_admin_urls():
    return [
        path("members/export/", export_directory, name="members_directory_export"),
    ]


class CoordinatorMenuItem(MenuItem):
    def is_shown(self, request):
        return request.viewer.is_coordinator


def export_menu_item():
    return CoordinatorMenuItem(
        _("Export the directory"),
        reverse("members_directory_export"),
        icon_name="download",
        order=152,
    )
