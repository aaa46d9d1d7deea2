"""A run: every row of a table read, checked, matched and (unless a dry run)
written, in batches.

- Each row is imported whole or not at all: its writes are in a savepoint, and a
  row that fails at any step leaves nothing behind; the others go on.
- Rows are committed `batch_size` at a time (one transaction a batch), so a long
  file never holds the database's write lock for long, a batch's invitations go
  out when it commits, and progress is reported after each batch.
- A batch's new organizations are written together at its end, in a few
  queries whatever its size (members.imports.writing); if the database refuses
  that, they are written one by one, each in its savepoint.
- Nothing is indexed page by page: each committed batch is indexed in one go
  (members.imports.indexing).
- A dry run reads and checks everything a run does and writes nothing: no page,
  no term, no invitation, no log entry.
"""

from contextlib import nullcontext
from dataclasses import dataclass
from itertools import islice

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from home.facets import same_words
from members.imports.columns import check_mapping, field_heading
from members.imports.decisions import Decisions
from members.imports.indexing import index_in_batches, indexing_deferred
from members.imports.report import (
    CREATE,
    ERROR,
    SKIP,
    UPDATE,
    Report,
    RowOutcome,
    UnmatchedValue,
)
from members.imports.rows import (
    Members,
    NewTerm,
    RowReader,
    Slugs,
    build_page,
    column_letter,
    create_organization,
    domain_key,
    fill_organization,
    messages_by_column,
    name_key,
    save_filled,
)
from members.imports.values import TERM_MODELS, Lookups
from members.imports.writing import create_organizations
from members.models import MemberDirectoryPage, MemberOrganizationPage, Membership

LOG_ACTION = "members.import"
BATCH_ROWS = 200


class ImportRefused(Exception):
    """The run cannot start (no directory to put organizations under); str()
    says why."""


@dataclass
class Options:
    update: bool = False
    strict: bool = False
    send_invitations: bool = False
    dry_run: bool = False


def run_import(
    table,
    mapping,
    decisions=None,
    *,
    update=False,
    strict=False,
    send_invitations=False,
    dry_run=False,
    user=None,
    progress=None,
    file_name="",
    log_data=None,
    batch_size=BATCH_ROWS,
):
    """Import `table` (members.imports.reading.Table) with `mapping` ({column
    index: field}) and `decisions` (Decisions); the Report. `progress(done,
    total)` is called after each batch (total may be None). Raises MappingError
    for a mapping that cannot be used, ImportRefused when there is no directory,
    UnreadableFile if the file breaks while read."""
    mapping = check_mapping(mapping, table.headers)
    decisions = decisions or Decisions()
    options = Options(update, strict, send_invitations, dry_run)
    directory = MemberDirectoryPage.objects.order_by("path").first()
    if directory is None:
        raise ImportRefused(
            _("There is no member directory page to put the organizations under.")
        )
    if send_invitations and not dry_run and user is None:
        raise ImportRefused(
            _("Say who sends the invitations (the coordinator running the import).")
        )
    report = Report(
        file_name=file_name,
        read_as=table.describe(),
        dry_run=dry_run,
        update=update,
        strict=strict,
        send_invitations=send_invitations,
        total_rows=table.total_rows,
    )
    describe_columns(report, table.headers, mapping)
    lookups = Lookups.load()
    if not dry_run:
        decisions = apply_decisions(decisions, lookups, report)
    run = Run(table, mapping, decisions, lookups, directory, options, user, report)
    try:
        run.rows(progress, batch_size)
    except BaseException as error:
        report.failed = str(error) or error.__class__.__name__
        raise
    finally:
        if not dry_run:
            log_run(directory, report, user, log_data)
    return report


def describe_columns(report, headers, mapping):
    for index, heading in enumerate(headers):
        entry = {"column": column_letter(index), "heading": heading}
        if index in mapping:
            entry["field"] = mapping[index]
            entry["field_heading"] = field_heading(mapping[index])
            report.columns.append(entry)
        elif heading:
            report.ignored.append(entry)


def log_run(directory, report, user, extra=None):
    """The run's one entry in Wagtail's audit log, on the directory page."""
    log(
        instance=directory,
        action=LOG_ACTION,
        user=user,
        data={
            "file": report.file_name,
            **report.totals(),
            "failed": report.failed,
            **(extra or {}),
        },
    )


def apply_decisions(decisions, lookups, report):
    """Add the aliases and create the terms decided, each checked by the term's
    own validation; the decisions left (a refused one is taken back, so its
    value stays unmatched and the report names it)."""
    kept = Decisions()
    for decision in decisions:
        if decision.field not in TERM_MODELS or decision.action in ("drop",):
            kept.add(decision)
            continue
        vocabulary = lookups.vocabularies[decision.field]
        heading = field_heading(decision.field)
        try:
            with transaction.atomic():
                message = _apply(decision, vocabulary)
        except ValidationError as error:
            report.refused.append(
                _("“%(value)s” (%(field)s): %(reason)s")
                % {
                    "value": decision.value,
                    "field": heading,
                    "reason": " ".join(error.messages),
                }
            )
            continue
        if message:
            report.applied.append(message)
        kept.add(decision)
    return kept


def _apply(decision, vocabulary):
    if decision.action == "map":
        if vocabulary.find(decision.to) is None:
            raise ValidationError(_("no term is named “%(to)s”.") % {"to": decision.to})
        return ""
    if decision.action == "alias":
        term = vocabulary.find(decision.to)
        if term is None:
            raise ValidationError(_("no term is named “%(to)s”.") % {"to": decision.to})
        if vocabulary.match(decision.value) == term:
            return ""
        term.aliases = "\n".join([*term.alias_list, decision.value])
        term.full_clean()
        term.save()
        vocabulary.add(term)
        return _("Added “%(value)s” as another name of the %(kind)s “%(term)s”.") % {
            "value": decision.value,
            "kind": vocabulary.model._meta.verbose_name,
            "term": term.name,
        }
    # create
    name = " ".join((decision.to or decision.value).split())
    if vocabulary.match(name) is not None:
        return ""
    base = slugify(name)[:70] or "term"
    slug, suffix = base, 1
    while slug in vocabulary.by_slug:
        suffix += 1
        slug = f"{base}-{suffix}"
    term = vocabulary.model(name=name, slug=slug)
    term.full_clean()
    term.save()
    vocabulary.add(term)
    return _("Created the %(kind)s “%(term)s”.") % {
        "kind": vocabulary.model._meta.verbose_name,
        "term": name,
    }


@dataclass
class NewOrganization:
    """A row's checked, unsaved page, waiting for the end of its batch."""

    page: MemberOrganizationPage
    plan: object
    outcome: RowOutcome
    email: str


class Run:
    def __init__(
        self, table, mapping, decisions, lookups, directory, options, user, report
    ):
        self.table = table
        self.options = options
        self.user = user
        self.report = report
        self.directory = directory
        self.reader = RowReader(
            table.headers, mapping, lookups, decisions, dry_run=options.dry_run
        )
        self.labels = {
            field_name: self.reader.label(index)
            for index, field_name in mapping.items()
        }
        self.members = Members.load()
        self.slugs = Slugs(directory)
        # Keys of this file's earlier rows: {domain or name key: row number}.
        self.seen = {}
        self.unmatched = {}
        # This batch's new organizations, written together at its end.
        self.new = []

    def rows(self, progress, batch_size):
        report = self.report
        if progress:
            progress(0, report.total_rows)
        iterator = iter(self.table.rows())
        with indexing_deferred(MemberOrganizationPage):
            while chunk := list(islice(iterator, batch_size)):
                outcomes = []
                writing = (
                    nullcontext() if self.options.dry_run else transaction.atomic()
                )
                with writing:
                    for number, cells in chunk:
                        outcomes.append(self.row(number, cells))
                    if not self.options.dry_run:
                        self.write_new()
                report.rows.extend(outcomes)
                written = {
                    outcome.organization_id: outcome.action
                    for outcome in outcomes
                    if outcome.organization_id and outcome.action in (CREATE, UPDATE)
                }
                if written and not self.options.dry_run:
                    index_in_batches(
                        MemberOrganizationPage,
                        written,
                        new=[pk for pk, action in written.items() if action == CREATE],
                    )
                report.rows_done += len(chunk)
                if progress:
                    progress(report.rows_done, report.total_rows)
        report.unmatched = sorted(
            self.unmatched.values(),
            key=lambda value: (value.field, value.value.casefold()),
        )

    # --- one row ------------------------------------------------------------------

    def row(self, number, cells):
        plan = self.reader.read(number, cells)
        self.note_unmatched(plan)
        outcome = RowOutcome(
            row=number, name=plan.name, action=ERROR, left_out=plan.left_out
        )
        if plan.errors:
            outcome.reason = "; ".join(plan.errors)
            return outcome
        if self.options.strict and plan.undecided:
            outcome.reason = _(
                "refused (--strict): %(values)s match nothing and no one decided them."
            ) % {
                "values": ", ".join(
                    f"“{value}” ({field_heading(field_name)})"
                    for field_name, value, _decision, _note in plan.undecided
                )
            }
            return outcome
        earlier = self.earlier_row(plan)
        if earlier is not None:
            outcome.action = SKIP
            outcome.reason = _("the same organization as row %(row)s.") % {
                "row": earlier
            }
            return outcome
        match = self.members.match(plan)
        if match is not None and not self.options.update:
            outcome.action = SKIP
            outcome.organization_id = match[0]
            outcome.reason = _("already a member (matched %(how)s).") % {
                "how": match[1]
            }
        elif match is not None:
            self.update(plan, outcome, *match)
        else:
            self.create(plan, outcome)
        if outcome.action != ERROR:
            self.remember(plan)
        return outcome

    def earlier_row(self, plan):
        for key in self.keys(plan):
            if key in self.seen:
                return self.seen[key]
        return None

    def remember(self, plan):
        for key in self.keys(plan):
            self.seen.setdefault(key, plan.number)

    @staticmethod
    def keys(plan):
        domain = domain_key(plan.values.get("website"))
        keys = [f"domain:{domain}"] if domain else []
        name = name_key(plan.name, plan.country)
        return [*keys, f"name:{name}"] if name else keys

    def create(self, plan, outcome):
        """Check the row's new page; a dry run stops there, a run keeps it for
        `write_new` at the end of the batch."""
        slug = self.slugs.free(plan.name)
        try:
            page = build_page(plan, self.directory, slug)
        except ValidationError as error:
            outcome.reason = "; ".join(messages_by_column(error, self.labels))
            return
        email = (
            plan.values.get("contact_email") if self.options.send_invitations else ""
        )
        self.slugs.take(slug)
        outcome.action = CREATE
        outcome.invited = email or ""
        if not self.options.dry_run:
            self.new.append(NewOrganization(page, plan, outcome, email))

    def write_new(self):
        """Write the batch's new organizations (and their invitations) together,
        or, should the database refuse that, one by one so that each row stands
        or falls alone."""
        new, self.new = self.new, []
        if not new:
            return
        try:
            with transaction.atomic():
                create_organizations(
                    self.directory,
                    [(item.page, item.plan.terms) for item in new],
                    owner=self.user,
                )
                for item in new:
                    if item.email:
                        invite(item.page, item.email, self.user)
        except (ValidationError, DatabaseError, ValueError):
            self.directory.refresh_from_db(fields=["numchild"])
            for item in new:
                item.page.pk = item.page.id = None
                item.page._state.adding = True
                self.write_one(item)
        else:
            for item in new:
                self.created(item)

    def write_one(self, item):
        try:
            with transaction.atomic():
                create_organization(
                    self.directory, item.page, item.plan, owner=self.user
                )
                if item.email:
                    invite(item.page, item.email, self.user)
        except (ValidationError, DatabaseError, ValueError) as error:
            item.outcome.action = ERROR
            item.outcome.invited = ""
            item.outcome.reason = self.failure(error)
            # The savepoint took the page back; so does the directory's count.
            self.directory.refresh_from_db(fields=["numchild"])
            return
        self.created(item)

    def created(self, item):
        page = item.page
        self.members.add(page.pk, page.title, page.website, str(page.country))
        item.outcome.organization_id = page.pk

    def update(self, plan, outcome, pk, how):
        outcome.organization_id = pk
        page = MemberOrganizationPage.objects.get(pk=pk)
        if page.has_unpublished_changes:
            outcome.action = SKIP
            outcome.reason = _(
                "already a member (matched %(how)s); it has changes waiting to be "
                "published, so nothing was filled."
            ) % {"how": how}
            return
        filled = fill_organization(page, plan)
        if not filled:
            outcome.action = SKIP
            outcome.reason = _(
                "already a member (matched %(how)s); no empty field to fill."
            ) % {"how": how}
            return
        outcome.filled = filled
        if self.options.dry_run:
            outcome.action = UPDATE
            return
        try:
            with transaction.atomic():
                save_filled(page, self.user)
        except (ValidationError, DatabaseError, ValueError) as error:
            outcome.reason = self.failure(error)
            return
        outcome.action = UPDATE

    def failure(self, error):
        if isinstance(error, ValidationError) and hasattr(error, "error_dict"):
            return "; ".join(messages_by_column(error, self.labels))
        if isinstance(error, ValidationError):
            return " ".join(error.messages)
        return _("could not be saved (%(reason)s).") % {"reason": error}

    def note_unmatched(self, plan):
        for field_name, value, decision, note in plan.unmatched:
            key = (field_name, same_words(value))
            entry = self.unmatched.get(key)
            if entry is None:
                entry = self.unmatched[key] = UnmatchedValue(
                    field=field_name,
                    heading=field_heading(field_name),
                    value=value,
                    decision=decision.as_dict() if decision else None,
                    note=note,
                )
            if plan.number not in entry.rows:
                entry.rows.append(plan.number)


def invite(organization, email, by):
    """An invitation to claim the profile (as its admin), emailed when the batch
    commits."""
    from members import emails
    from members.actions.invitations import new_invitation

    invitation, token = new_invitation(organization, email, Membership.Role.ADMIN, by)
    emails.send_invitation(invitation, token)
    return invitation


__all__ = ["BATCH_ROWS", "LOG_ACTION", "ImportRefused", "NewTerm", "run_import"]
