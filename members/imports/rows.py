"""One row: read its cells into profile values (`RowReader`), check them as the
model does (`build_page`: the model's full_clean, so the import and the admin
agree), find the member it already is (`Members`), and write it
(`create_organization`, `fill_organization`).

Nothing here truncates, trims inside, or changes what a cell says: a value that
cannot be stored as written is an error of its row, naming the column.
"""

import functools
import string
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from home.facets import same_words
from members.forms.fields import (
    clean_city,
    clean_organization_name,
    clean_phone,
    clean_web_address,
    model_form_field,
)
from members.imports.columns import COLUMNS
from members.imports.values import (
    TERM_MODELS,
    CellError,
    cell_text,
    check_cell,
    read_choice,
    read_country,
    read_date,
    read_links,
    read_subdivision,
    read_terms,
    read_year,
    read_yes_no,
)
from members.models import MemberOrganizationPage, OrganizationLink, Visibility
from members.models.organizations import RESERVED_DIRECTORY_SLUGS

# Read before the state or region, which is matched within the row's country.
READ_FIRST = ("title", "country")
# What an update never changes, filled or not: a choice or a yes/no the
# organization (or the network) may have set on purpose, and the country.
NEVER_UPDATED = {
    "country",
    "scope",
    "membership_status",
    "visibility",
    "founding_member",
    "led_by_directly_affected",
}
# Checks the member forms make beyond the model's, kept so that the import
# stores nothing a member could not have typed.
EXTRA_CHECKS = {
    "title": clean_organization_name,
    "city": clean_city,
    "contact_phone": clean_phone,
    "website": clean_web_address,
}
# Hosts where many organizations have a page: the first path segment names one.
SHARED_HOSTS = {
    "facebook.com",
    "instagram.com",
    "twitter.com",
    "x.com",
    "linkedin.com",
    "sites.google.com",
    "linktr.ee",
    "youtube.com",
    "medium.com",
    "tiktok.com",
    "bsky.app",
    "github.com",
}
MODEL_DEFAULT_COUNTRY = str(MemberOrganizationPage._meta.get_field("country").default)


def column_letter(index):
    """A column as spreadsheets name it: A, B, ... Z, AA."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = string.ascii_uppercase[remainder] + letters
    return letters


@dataclass(frozen=True)
class NewTerm:
    """A term a "create" decision adds, in a dry run (where nothing is created)."""

    kind: str
    name: str

    def __str__(self):
        return self.name


@dataclass
class RowPlan:
    number: int
    values: dict = field(default_factory=dict)
    terms: dict = field(default_factory=dict)
    # [(name, address)]: the links elsewhere.
    links: list = field(default_factory=list)
    # [{"field", "value", "note"}]: left out of this row.
    left_out: list = field(default_factory=list)
    # [(field, value, decision or None, note)]: for the report's unmatched list.
    unmatched: list = field(default_factory=list)
    errors: list = field(default_factory=list)

    @property
    def name(self):
        return self.values.get("title", "")

    @property
    def country(self):
        return self.values.get("country") or MODEL_DEFAULT_COUNTRY

    @property
    def undecided(self):
        """Values that matched nothing and were decided by no one."""
        return [entry for entry in self.unmatched if entry[2] is None]


class RowReader:
    """Reads rows of one file with one mapping, lookups and decisions."""

    def __init__(self, headers, mapping, lookups, decisions, *, dry_run):
        self.headers = headers
        self.lookups = lookups
        self.decisions = decisions
        self.dry_run = dry_run
        ordered = sorted(
            mapping.items(),
            key=lambda item: (
                item[1] not in READ_FIRST,
                READ_FIRST.index(item[1]) if item[1] in READ_FIRST else 0,
                item[0],
            ),
        )
        self.columns = [(index, field_name) for index, field_name in ordered]
        self.form_fields = {}
        for _index, field_name in self.columns:
            if COLUMNS[field_name].kind in ("text", "url", "email"):
                model_field = MemberOrganizationPage._meta.get_field(field_name)
                self.form_fields[field_name] = model_form_field(
                    model_field, required=False
                )

    def label(self, index):
        heading = self.headers[index] if index < len(self.headers) else ""
        return _("“%(heading)s” (column %(letter)s)") % {
            "heading": heading or _("no heading"),
            "letter": column_letter(index),
        }

    def read(self, number, cells):
        plan = RowPlan(number)
        for index in range(len(self.headers), len(cells)):
            if cell_text(cells[index]):
                plan.errors.append(
                    _(
                        "column %(letter)s has a value but no heading; give the "
                        "column a heading or remove the value."
                    )
                    % {"letter": column_letter(index)}
                )
                break
        for index, field_name in self.columns:
            cell = cells[index] if index < len(cells) else None
            text = cell_text(cell)
            if not text:
                continue
            try:
                check_cell(cell, text)
                self._read_cell(plan, field_name, cell, text)
            except CellError as error:
                plan.errors.append(f"{self.label(index)} {error}")
            except ValidationError as error:
                plan.errors.append(f"{self.label(index)}: {' '.join(error.messages)}")
        if not plan.errors and not plan.values.get("title"):
            plan.errors.append(_("the organization's name is empty."))
        return plan

    def _read_cell(self, plan, field_name, cell, text):
        kind = COLUMNS[field_name].kind
        if kind in ("text", "url", "email"):
            value = self.form_fields[field_name].clean(text)
            check = EXTRA_CHECKS.get(field_name)
            plan.values[field_name] = check(value) if check else value
        elif kind == "terms":
            self._read_terms(plan, field_name, text)
        elif kind == "country":
            code = read_country(text)
            if code is None:
                decision = self.decisions.get(field_name, text)
                if decision is None:
                    plan.unmatched.append((field_name, text, None, "row refused"))
                    raise CellError(
                        _(
                            "names no country this import knows (“%(text)s”); write "
                            "its ISO code, like MX."
                        )
                        % {"text": text}
                    )
                plan.unmatched.append((field_name, text, decision, ""))
                code = decision.to
            plan.values[field_name] = code
        elif kind == "subdivision":
            self._read_subdivision(plan, text)
        elif kind == "choice":
            value = read_choice(text, field_name)
            if value is None:
                decision = self.decisions.get(field_name, text)
                if decision is not None:
                    plan.unmatched.append((field_name, text, decision, ""))
                    if decision.action == "map":
                        plan.values[field_name] = decision.to
                    else:
                        plan.left_out.append(
                            {"field": field_name, "value": text, "note": "dropped"}
                        )
                elif field_name == "visibility":
                    plan.unmatched.append((field_name, text, None, "row refused"))
                    raise CellError(
                        _(
                            "does not say who may see the organization (“%(text)s”): "
                            "write public, members or hidden."
                        )
                        % {"text": text}
                    )
                else:
                    plan.unmatched.append((field_name, text, None, "left out"))
                    plan.left_out.append(
                        {"field": field_name, "value": text, "note": "left out"}
                    )
            else:
                plan.values[field_name] = value
        elif kind == "yes_no":
            plan.values[field_name] = read_yes_no(cell, text)
        elif kind == "year":
            plan.values[field_name] = read_year(cell, text)
        elif kind == "date":
            plan.values[field_name] = read_date(cell, text)
        elif kind == "links":
            plan.links = read_links(text)

    def _read_terms(self, plan, kind, text):
        vocabulary = self.lookups.vocabularies[kind]
        terms, unmatched = read_terms(text, vocabulary)
        for value in unmatched:
            decision = self.decisions.get(kind, value)
            term = None
            if decision is None:
                plan.unmatched.append((kind, value, None, "left out"))
                plan.left_out.append(
                    {"field": kind, "value": value, "note": "left out"}
                )
                continue
            plan.unmatched.append((kind, value, decision, ""))
            if decision.action in ("map", "alias"):
                term = vocabulary.find(decision.to)
            elif decision.action == "create":
                term = vocabulary.match(decision.to or value)
                if term is None and self.dry_run:
                    term = NewTerm(kind, decision.to or value)
            if term is None:
                note = "dropped" if decision.action == "drop" else "left out"
                plan.left_out.append({"field": kind, "value": value, "note": note})
            elif term not in terms:
                terms.append(term)
        plan.terms[kind] = terms

    def _read_subdivision(self, plan, text):
        code = read_subdivision(text, plan.country)
        if code is None:
            decision = self.decisions.get("subdivision", text)
            if decision is not None and (
                decision.action == "drop"
                or read_subdivision(decision.to, plan.country) is not None
            ):
                plan.unmatched.append(("subdivision", text, decision, ""))
                if decision.action == "drop":
                    plan.left_out.append(
                        {"field": "subdivision", "value": text, "note": "dropped"}
                    )
                    return
                code = read_subdivision(decision.to, plan.country)
            else:
                # Kept as written, for the staff to settle (manage.py places_report).
                plan.unmatched.append(("subdivision", text, None, "kept as written"))
                plan.left_out.append(
                    {"field": "subdivision", "value": text, "note": "kept as written"}
                )
                plan.values["region"] = text
                return
        plan.values["subdivision"] = code


def messages_by_column(error, labels):
    """A model ValidationError as messages naming the columns."""
    messages = []
    for field_name, field_messages in error.message_dict.items():
        label = labels.get(field_name, field_name)
        messages.append(f"{label}: {' '.join(field_messages)}")
    return messages


def build_page(plan, directory, slug):
    """The unsaved page this row would create, checked by the model's
    full_clean; ValidationError names the fields."""
    values = {"visibility": Visibility.MEMBERS, **plan.values}
    now = timezone.now()
    page = MemberOrganizationPage(
        **values,
        slug=slug,
        live=True,
        has_unpublished_changes=False,
        first_published_at=now,
        last_published_at=now,
        locale_id=directory.locale_id,
    )
    # Held by the unsaved page (modelcluster) until it is written.
    page.social_links = organization_links(plan)
    # The tree fields are set when it is written; uniqueness is the run's (slugs)
    # and the database's (paths) to keep. The content type and locale are the
    # model's and the directory's, not the row's; the country was read from the
    # list the field offers (values.read_country), and checking it again walks
    # 250 translated names a row.
    page.full_clean(
        exclude=["path", "depth", "content_type", "locale", "country"],
        validate_unique=False,
        validate_constraints=False,
    )
    return page


def organization_links(plan):
    return [
        OrganizationLink(label=label, url=url, sort_order=order)
        for order, (label, url) in enumerate(plan.links)
    ]


def create_organization(directory, page, plan, owner=None):
    """Save the page under the directory, live, with its terms (and the links
    build_page gave it, which the save writes). No revision is
    published, so nothing that listens for a publication (page_published) hears
    of it: an import announces nothing."""
    page.owner = owner
    for kind in TERM_MODELS:
        terms = plan.terms.get(kind)
        if terms:
            getattr(page, kind).set(terms)
    # build_page ran the model's full_clean: the save that add_child makes need
    # not run it a second time (a third of a row's time); and the run's one
    # audit-log entry stands for every page it creates (no "wagtail.create" each).
    page.save = functools.partial(page.save, clean=False, log_action=None)
    try:
        directory.add_child(instance=page)
    finally:
        del page.save
    return page


def fill_organization(page, plan):
    """Fill the page's empty fields from the row, never one that holds a value;
    the names of the fields filled."""
    filled = []
    for field_name, value in plan.values.items():
        if field_name in NEVER_UPDATED or field_name in ("subdivision", "region"):
            continue
        if value not in ("", None) and getattr(page, field_name) in ("", None):
            setattr(page, field_name, value)
            filled.append(field_name)
    same_country = str(page.country) == plan.country
    if same_country and not page.subdivision and not page.region:
        for field_name in ("subdivision", "region"):
            if plan.values.get(field_name):
                setattr(page, field_name, plan.values[field_name])
                filled.append(field_name)
    for kind in TERM_MODELS:
        terms = plan.terms.get(kind)
        if terms and not getattr(page, kind).exists():
            getattr(page, kind).set(terms)
            filled.append(kind)
    # Written by save_filled's save, as the profile form's links are.
    if plan.links and not page.social_links.exists():
        page.social_links = organization_links(plan)
        filled.append("social_links")
    return filled


def save_filled(page, user=None):
    """Save an update. A page with revisions gets one more, marked live (not
    published: nothing announces it), so the editor shows what was filled."""
    page.full_clean()
    page.save()
    if page.latest_revision_id:
        revision = page.save_revision(user=user, log_action=False, clean=False)
        MemberOrganizationPage.objects.filter(pk=page.pk).update(
            live_revision=revision, has_unpublished_changes=False
        )


# --- Matching existing members ------------------------------------------------------


def domain_key(url):
    """A website as members are matched by it: the host without "www." (any
    scheme, path or trailing slash ignored); on hosts where many organizations
    have a page, with its first path segment."""
    text = str(url or "").strip().lower()
    if not text:
        return ""
    if "://" not in text:
        text = "//" + text
    try:
        parts = urlsplit(text)
        host = (parts.hostname or "").removeprefix("www.")
    except ValueError:
        return ""
    if not host:
        return ""
    if host in SHARED_HOSTS:
        segment = parts.path.strip("/").split("/", 1)[0]
        return f"{host}/{segment}" if segment else host
    return host


def name_key(name, country):
    return f"{same_words(name)}|{country}" if same_words(name) else ""


class Members:
    """Every existing organization by website domain and by name + country,
    loaded in one query; rows created during the run are added."""

    def __init__(self, rows):
        self.by_domain, self.by_name = {}, {}
        for pk, title, website, country in rows:
            self.add(pk, title, website, str(country))

    @classmethod
    def load(cls):
        return cls(
            MemberOrganizationPage.objects.order_by("pk").values_list(
                "pk", "title", "website", "country"
            )
        )

    def add(self, pk, title, website, country):
        domain = domain_key(website)
        if domain:
            self.by_domain.setdefault(domain, (pk, title))
        key = name_key(title, country)
        if key:
            self.by_name.setdefault(key, (pk, title))

    def match(self, plan):
        """(pk, how it matched, in words) of the member this row is, or None."""
        domain = domain_key(plan.values.get("website"))
        if domain and domain in self.by_domain:
            pk, _title = self.by_domain[domain]
            return pk, _("by website %(domain)s") % {"domain": domain}
        key = name_key(plan.name, plan.country)
        if key in self.by_name:
            pk, title = self.by_name[key]
            return pk, _("by name and country: “%(name)s”") % {"name": title}
        return None


class Slugs:
    """The directory's slugs, loaded once; each new page gets a free one."""

    def __init__(self, directory):
        self.taken = set(directory.get_children().values_list("slug", flat=True))
        self.taken |= RESERVED_DIRECTORY_SLUGS
        self.allow_unicode = getattr(settings, "WAGTAIL_ALLOW_UNICODE_SLUGS", True)

    def free(self, title):
        base = slugify(title, allow_unicode=self.allow_unicode)[:200] or "organization"
        slug, suffix = base, 1
        while slug in self.taken:
            suffix += 1
            slug = f"{base}-{suffix}"
        return slug

    def take(self, slug):
        self.taken.add(slug)
