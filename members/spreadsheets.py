"""Member organizations as spreadsheet rows, for both directory exports: the
coordinators' (members/admin_desk/export.py, every column) and anyone's download
of the directory they are looking at (members.directory.DirectoryDownload, the
columns the viewer may see). Each cell is written as `members.columns` says, so
the import reads a coordinator's export back; home.spreadsheets writes the file.
"""

from django.db.models import CharField, Value
from django.utils.translation import gettext_lazy as _

from home.links import absolute_url
from members.columns import LINK_SEPARATOR, ORGANIZATION_COLUMNS, TERM_SEPARATOR
from members.models import (
    MemberOrganizationPage,
    OrganizationIssueArea,
    OrganizationLink,
)

ApproachLink = MemberOrganizationPage.approaches.through
PopulationLink = MemberOrganizationPage.populations.through

# How the network stands with an organization and who may see it are for the
# coordinators' export only.
NOT_DOWNLOADED = {"membership_status", "visibility"}
# The members-only contact, which the profile shows only when the Viewer
# sees_member_details; a download follows the same rule.
MEMBERS_ONLY_CONTACT = {"contact_name", "contact_email", "contact_phone"}
PROFILE_COLUMN = ("profile", _("Profile page"))

# A vocabulary column's field: (the vocabulary's kind, its link to organizations,
# the link's organization and term columns).
TERM_LINKS = {
    "issue_areas": ("issue", OrganizationIssueArea, "content_object_id", "tag_id"),
    "approaches": (
        "approach",
        ApproachLink,
        "memberorganizationpage_id",
        "approach_id",
    ),
    "populations": (
        "population",
        PopulationLink,
        "memberorganizationpage_id",
        "population_id",
    ),
}


def attach_terms(organizations, among, vocabulary):
    """Give each organization `spreadsheet_terms`, {column field: [Term, ...]} for
    each vocabulary column, sorted by name as the profile sorts them: one UNION
    query over the three links of the organizations whose ids are `among` (a
    list, or a subquery)."""
    by_org = {org.pk: {field: [] for field in TERM_LINKS} for org in organizations}
    parts = [
        link.objects.filter(**{f"{owner}__in": among})
        .order_by()
        .annotate(term_field=Value(field, output_field=CharField()))
        .values_list(owner, "term_field", term)
        for field, (_kind, link, owner, term) in TERM_LINKS.items()
    ]
    for org_id, field, term_id in parts[0].union(*parts[1:], all=True):
        term = vocabulary.by_pk.get((TERM_LINKS[field][0], term_id))
        if term is not None and org_id in by_org:
            by_org[org_id][field].append(term)
    for org in organizations:
        org.spreadsheet_terms = {
            field: sorted(terms, key=lambda term: term.name.casefold())
            for field, terms in by_org[org.pk].items()
        }
    return organizations


def attach_links(organizations, among):
    """Give each organization `spreadsheet_links`, its [(name, address), ...] in the
    profile's order: one query for the organizations whose ids are `among`."""
    by_org = {org.pk: [] for org in organizations}
    rows = (
        OrganizationLink.objects.filter(organization_id__in=among)
        .order_by("organization_id", "sort_order", "pk")
        .values_list("organization_id", "label", "url")
    )
    for org_id, label, url in rows:
        if org_id in by_org:
            by_org[org_id].append((label, url))
    for org in organizations:
        org.spreadsheet_links = by_org[org.pk]
    return organizations


def for_spreadsheet(organizations, among, vocabulary):
    """`organizations` (with their logos selected) ready for organization_cells:
    their terms and links attached, in two queries whatever their number."""
    attach_terms(organizations, among, vocabulary)
    return attach_links(organizations, among)


def _terms(org, field):
    return TERM_SEPARATOR.join(term.name for term in org.spreadsheet_terms[field])


def _links(org, field):
    links = org.spreadsheet_links
    return LINK_SEPARATOR.join(f"{label}: {url}" for label, url in links)


def _image(org, field):
    image = getattr(org, field)
    return absolute_url(image.file.url) if image else ""


# How each kind of column in members.columns writes its cell. Dates stay dates:
# home.spreadsheets writes them in ISO 8601.
CELL_WRITERS = {
    "text": lambda org, field: getattr(org, field),
    "url": lambda org, field: getattr(org, field),
    "email": lambda org, field: getattr(org, field),
    "terms": _terms,
    "country": lambda org, field: getattr(org, field).code or "",
    "subdivision": lambda org, field: getattr(org, field),
    "choice": lambda org, field: getattr(org, f"get_{field}_display")(),
    "year": lambda org, field: getattr(org, field),
    "yes_no": lambda org, field: "yes" if getattr(org, field) else "no",
    "date": lambda org, field: getattr(org, field),
    "links": _links,
    "image": _image,
}


def organization_cells(organization, columns):
    """{field: value} of one organization, made ready by for_spreadsheet()."""
    return {
        column.field: CELL_WRITERS[column.kind](organization, column.field)
        for column in columns
    }


def download_columns(viewer):
    """The columns of members.columns this viewer's download holds."""
    return [
        column
        for column in ORGANIZATION_COLUMNS
        if column.field not in NOT_DOWNLOADED
        and (viewer.sees_member_details or column.field not in MEMBERS_ONLY_CONTACT)
    ]
