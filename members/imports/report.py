"""What a run did, or would do in a dry run: each row's outcome, each value that
matched nothing (once, with its rows), the columns read and ignored, and the
totals. A Report is plain data: `as_dict()` is JSON (MemberImport.report keeps
it) and `Report.from_dict` reads it back for the admin view."""

from dataclasses import asdict, dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from wagtail.log_actions import LogFormatter

CREATE, UPDATE, SKIP, ERROR = "create", "update", "skip", "error"


@dataclass
class RowOutcome:
    row: int
    name: str
    action: str  # CREATE, UPDATE, SKIP or ERROR
    reason: str = ""
    organization_id: int | None = None
    # [{"field": ..., "value": ..., "note": ...}]: what this row left out.
    left_out: list = field(default_factory=list)
    # The fields an update filled.
    filled: list = field(default_factory=list)
    invited: str = ""


@dataclass
class UnmatchedValue:
    field: str
    heading: str
    value: str
    rows: list = field(default_factory=list)
    # The decision taken for it ({"action": ..., "to": ...}), if any.
    decision: dict | None = None
    # What happened without one (for the report's wording).
    note: str = ""

    @property
    def count(self):
        return len(self.rows)


@dataclass
class Report:
    file_name: str = ""
    read_as: str = ""
    dry_run: bool = False
    update: bool = False
    strict: bool = False
    send_invitations: bool = False
    total_rows: int | None = None
    rows_done: int = 0
    # [{"column": 1-based, "heading": ..., "field": ..., "field_heading": ...}]
    columns: list = field(default_factory=list)
    # [{"column": 1-based, "heading": ...}]
    ignored: list = field(default_factory=list)
    unmatched: list = field(default_factory=list)  # [UnmatchedValue]
    rows: list = field(default_factory=list)  # [RowOutcome]
    # Decisions applied before the rows ("Added “Tenant organizing” as ...").
    applied: list = field(default_factory=list)
    # Decisions that could not be applied, with why.
    refused: list = field(default_factory=list)
    failed: str = ""

    def count(self, action):
        return sum(1 for outcome in self.rows if outcome.action == action)

    @property
    def created(self):
        return self.count(CREATE)

    @property
    def updated(self):
        return self.count(UPDATE)

    @property
    def skipped(self):
        return self.count(SKIP)

    @property
    def errors(self):
        return self.count(ERROR)

    @property
    def invitations(self):
        return sum(1 for outcome in self.rows if outcome.invited)

    def totals(self):
        return {
            "rows": len(self.rows),
            "created": self.created,
            "updated": self.updated,
            "skipped": self.skipped,
            "errors": self.errors,
            "invitations": self.invitations,
        }

    def summary(self):
        """One sentence with the totals, as the audit log and the command say."""
        return totals_sentence(self.totals(), dry_run=self.dry_run)

    def as_dict(self):
        data = asdict(self)
        data["totals"] = self.totals()
        return data

    @classmethod
    def from_dict(cls, data):
        data = dict(data)
        data.pop("totals", None)
        data["unmatched"] = [
            UnmatchedValue(**entry) for entry in data.get("unmatched", [])
        ]
        data["rows"] = [RowOutcome(**entry) for entry in data.get("rows", [])]
        return cls(**data)


def totals_sentence(totals, dry_run=False):
    """ "Imported 12 organizations: 10 created, …, 1 error." from a run's totals
    (Report.totals(), or the audit-log entry's data)."""
    counts = {
        key: totals.get(key, 0)
        for key in ("rows", "created", "updated", "skipped", "errors")
    }
    counts["error_count"] = ngettext(
        "%(errors)d error", "%(errors)d errors", counts["errors"]
    ) % {"errors": counts["errors"]}
    if dry_run:
        text = ngettext(
            "Dry run of %(rows)d row: would create %(created)d, update "
            "%(updated)d, skip %(skipped)d; %(error_count)s.",
            "Dry run of %(rows)d rows: would create %(created)d, update "
            "%(updated)d, skip %(skipped)d; %(error_count)s.",
            counts["rows"],
        )
    else:
        text = ngettext(
            "Imported %(rows)d organization: %(created)d created, %(updated)d "
            "updated, %(skipped)d skipped, %(error_count)s.",
            "Imported %(rows)d organizations: %(created)d created, %(updated)d "
            "updated, %(skipped)d skipped, %(error_count)s.",
            counts["rows"],
        )
    return text % counts


def logged_summary(data):
    """The audit log's sentence for a run, from its entry's data."""
    return totals_sentence(data).removesuffix(".")


class MemberImportFormatter(LogFormatter):
    """How Wagtail's audit log shows a run ("members.import")."""

    label = gettext_lazy("Import members")

    def format_message(self, log_entry):
        message = logged_summary(log_entry.data or {})
        failed = (log_entry.data or {}).get("failed")
        if failed:
            message += " " + _("(stopped: %(reason)s)") % {"reason": failed}
        return message
