"""Which column holds which profile field, guessed from the headings.

The coordinators' export writes `members.columns.IMPORTED_COLUMNS`' headings,
so those are read back first; then the many other ways people head a column
(HEADING_VARIANTS). Headings are compared without case, accents, punctuation or
spaces ("E-mail" is "email", "Province/State" is "provincestate"), and a hint in
brackets or a trailing asterisk is ignored ("Country (ISO code)", "Name *").

A mapping is a plain dict {column index: field name}, so the admin view can show
it, let the coordinator change it and hand it back (`check_mapping`).
"""

import re

from django.utils import translation
from django.utils.translation import gettext as _

from home.facets import same_words
from members.columns import IMPORTED_COLUMNS

COLUMNS = {column.field: column for column in IMPORTED_COLUMNS}

# Other headings people give each field's column (English and Spanish, the
# network's languages, and the usual abbreviations).
HEADING_VARIANTS = {
    "title": [
        "Organization",
        "Organisation",
        "Org",
        "Org name",
        "Organization name",
        "Organisation name",
        "Name of organization",
        "Name of organisation",
        "Organization/Group",
        "Group",
        "Group name",
        "Member",
        "Member name",
        "Member organization",
        "Member organisation",
        "Nombre",
        "Organización",
        "Nombre de la organización",
    ],
    "summary": [
        "Short description",
        "Description",
        "About",
        "Tagline",
        "Blurb",
        "Resumen",
        "Descripción",
    ],
    "mission": [
        "Mission statement",
        "Mission and work",
        "Our work",
        "What we do",
        "Misión",
    ],
    "issue_areas": [
        "Issue area",
        "Issues",
        "Focus areas",
        "Focus area",
        "Focus",
        "Topics",
        "Themes",
        "Thematic areas",
        "Areas of work",
        "Program areas",
        "Human rights issues",
        "Temas",
        "Áreas de trabajo",
    ],
    "approaches": [
        "Approach",
        "How we work",
        "How you work",
        "Methods",
        "Strategies",
        "Types of work",
        "Work methods",
    ],
    "populations": [
        "Populations",
        "Population",
        "Who we serve",
        "Who you serve",
        "Communities served",
        "Constituencies",
        "Constituency",
        "Beneficiaries",
        "Target groups",
    ],
    "city": ["Town", "City/Town", "City or town", "Municipality", "Locality", "Ciudad"],
    "subdivision": [
        "State",
        "Province",
        "Region",
        "State/Province",
        "Province/State",
        "State or province",
        "State/Region",
        "Region/State",
        "State code",
        "Estado",
        "Provincia",
        "Canton",
        "Department",
    ],
    "country": [
        "Country code",
        "Country name",
        "Nation",
        "País",
        "ISO country",
    ],
    "scope": ["Geographic scope", "Reach", "Geographic reach", "Alcance"],
    "founded_year": [
        "Year founded",
        "Founded in",
        "Founding year",
        "Year established",
        "Established",
        "Año de fundación",
    ],
    "founding_member": ["Founder member", "Charter member"],
    "member_since": [
        "Joined",
        "Date joined",
        "Joined network",
        "Membership date",
        "Date of membership",
        "Admitted",
    ],
    "membership_status": ["Status", "Member status", "Membership"],
    "website": [
        "Web site",
        "Web",
        "URL",
        "Site",
        "Homepage",
        "Home page",
        "Web address",
        "Página web",
        "Sitio web",
    ],
    "public_email": [
        "Email",
        "E-mail",
        "Email address",
        "E-mail address",
        "General email",
        "Public e-mail",
        "Correo",
        "Correo electrónico",
    ],
    "contact_name": [
        "Contact",
        "Contact person",
        "Primary contact",
        "Main contact",
        "Focal point",
    ],
    "contact_email": [
        "Contact e-mail",
        "Contact person email",
        "Primary contact email",
        "Main contact email",
        "Focal point email",
    ],
    "contact_phone": [
        "Phone",
        "Telephone",
        "Tel",
        "Phone number",
        "Mobile",
        "Teléfono",
    ],
    "looking_for_partners_on": [
        "Looking for partners",
        "Seeking partners on",
        "Partnership interests",
        "Collaboration interests",
    ],
    "led_by_directly_affected": [
        "Led by directly affected",
        "Led by affected people",
        "Directly affected leadership",
        "Affected-led",
        "Impacted-led",
    ],
    "visibility": ["Privacy", "Profile visibility", "Visible to"],
    "social_links": [
        "Social links",
        "Social media",
        "Social media links",
        "Social",
        "Links",
        "Redes sociales",
        "Enlaces",
    ],
}

BRACKETED = re.compile(r"\s*[(\[].*?[)\]]\s*")


def heading_key(heading):
    """A heading as compared: letters and digits only, without case or accents."""
    text = BRACKETED.sub(" ", str(heading or "")).strip().rstrip("*:").strip()
    return same_words(text.casefold()).replace(" ", "")


def _known_headings():
    """{heading key: field} for every heading this import recognizes: the
    export's (in English and the active language), the field's own name
    ("issue_areas") and the variants."""
    known = {}
    for field_name, variants in HEADING_VARIANTS.items():
        for variant in variants:
            known.setdefault(heading_key(variant), field_name)
    for column in IMPORTED_COLUMNS:
        with translation.override("en"):
            english = str(column.heading)
        for heading in (english, str(column.heading), column.field):
            # The export's own headings win over any variant.
            known[heading_key(heading)] = column.field
    return known


def guess_columns(headers):
    """{column index: field} for the columns whose heading is recognized; each
    field once (the first column that names it)."""
    known = _known_headings()
    mapping, taken = {}, set()
    for index, heading in enumerate(headers):
        field_name = known.get(heading_key(heading))
        if field_name and field_name not in taken:
            mapping[index] = field_name
            taken.add(field_name)
    return mapping


class MappingError(ValueError):
    """A column mapping that cannot be used; str() says why."""


def check_mapping(mapping, headers):
    """The mapping as {int index: field}, checked: known fields, each at most
    once, columns that exist, and a column for the organizations' names."""
    checked, seen = {}, {}
    for index, field_name in dict(mapping).items():
        try:
            index = int(index)
        except (TypeError, ValueError) as error:
            raise MappingError(
                _("A column is named by something other than its number.")
            ) from error
        if not field_name:
            continue
        if not 0 <= index < len(headers):
            raise MappingError(
                _("The file has no column %(number)s.") % {"number": index + 1}
            )
        if field_name not in COLUMNS:
            raise MappingError(
                _("“%(field)s” is not a field of a member profile.")
                % {"field": field_name}
            )
        if field_name in seen:
            raise MappingError(
                _(
                    "Columns “%(first)s” and “%(second)s” both fill %(field)s: choose "
                    "one."
                )
                % {
                    "first": headers[seen[field_name]],
                    "second": headers[index],
                    "field": COLUMNS[field_name].heading,
                }
            )
        seen[field_name] = index
        checked[index] = field_name
    if "title" not in seen:
        raise MappingError(
            _(
                "No column holds the organizations' names. Head it “Name” (or "
                "“Organization”), or choose which column it is."
            )
        )
    return dict(sorted(checked.items()))


def field_heading(field_name):
    """The field's heading as the export writes it ("Issue areas")."""
    return str(COLUMNS[field_name].heading)
