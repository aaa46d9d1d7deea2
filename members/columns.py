"""The columns of a member spreadsheet, one list for both directions.

The coordinators' directory export writes these headings in this order, and the
import reads them back (and guesses them from the many other ways people head a
column), so a coordinator's export re-imports cleanly. Each column names the
profile field it fills and how its cells are written:

- text: as is; terms: names joined by "; " (issue areas, approaches, populations);
- country: ISO 3166-1 code ("US"); subdivision: ISO 3166-2 code ("US-TX");
- choice: the choice's label ("National"); yes_no: "yes" or "no";
- year: four digits; date: ISO 8601 ("2024-05-01"); url, email: as is;
- links: the profile's links elsewhere, one "Name: address" a line;
- image: the logo's address, written but not read back (an import takes no
  files), so `IMPORTED_COLUMNS` leaves it out.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

# What joins several values in one cell when a spreadsheet is written.
TERM_SEPARATOR = "; "
# What joins the links of one cell: a line each, as "Name: address".
LINK_SEPARATOR = "\n"


@dataclass(frozen=True)
class Column:
    field: str
    heading: str
    kind: str
    # False for a column the export writes and the import does not read.
    imported: bool = True


ORGANIZATION_COLUMNS = (
    Column("title", _("Name"), "text"),
    Column("summary", _("Summary"), "text"),
    Column("mission", _("Mission"), "text"),
    Column("issue_areas", _("Issue areas"), "terms"),
    Column("approaches", _("Approaches"), "terms"),
    Column("populations", _("Populations served"), "terms"),
    Column("city", _("City"), "text"),
    Column("subdivision", _("State or region"), "subdivision"),
    Column("country", _("Country"), "country"),
    Column("scope", _("Scope"), "choice"),
    Column("founded_year", _("Founded"), "year"),
    Column("founding_member", _("Founding member"), "yes_no"),
    Column("member_since", _("Member since"), "date"),
    Column("membership_status", _("Membership status"), "choice"),
    Column("website", _("Website"), "url"),
    Column("public_email", _("Public email"), "email"),
    Column("contact_name", _("Contact name"), "text"),
    Column("contact_email", _("Contact email"), "email"),
    Column("contact_phone", _("Contact phone"), "text"),
    Column("looking_for_partners_on", _("Looking for partners on"), "text"),
    Column("led_by_directly_affected", _("Led by directly affected people"), "yes_no"),
    Column("visibility", _("Visibility"), "choice"),
    Column("social_links", _("Links elsewhere"), "links"),
    Column("logo", _("Logo"), "image", imported=False),
)
IMPORTED_COLUMNS = tuple(column for column in ORGANIZATION_COLUMNS if column.imported)
