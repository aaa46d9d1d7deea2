"""How the member import's admin pages show a Report (members.imports.report):
the preview's dry run and a finished run alike. Totals over every row, the
values left out, and the rows a page at a time, filtered by ?show= (read and
worded back at the edge like every list's ?page=)."""

from django.core.paginator import Paginator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from home.facets.notices import page_notice, read_page, shown_back
from members.imports.columns import COLUMNS
from members.imports.report import CREATE, ERROR, SKIP, UPDATE

# Rows of a report shown per page.
ROWS_PER_PAGE = 100

# ?show= on a report: which rows.
SHOW = {
    "": gettext_lazy("All rows"),
    CREATE: gettext_lazy("New organizations"),
    UPDATE: gettext_lazy("Updated"),
    SKIP: gettext_lazy("Skipped"),
    ERROR: gettext_lazy("Errors"),
    "left_out": gettext_lazy("With values left out"),
}
OUTCOME_WORDS = {
    True: {
        CREATE: gettext_lazy("Will create"),
        UPDATE: gettext_lazy("Will update"),
        SKIP: gettext_lazy("Will skip"),
        ERROR: gettext_lazy("Error"),
    },
    False: {
        CREATE: gettext_lazy("Created"),
        UPDATE: gettext_lazy("Updated"),
        SKIP: gettext_lazy("Skipped"),
        ERROR: gettext_lazy("Error"),
    },
}
# The engine's notes for a value left out of a row, in words.
LEFT_OUT_NOTES = {
    "left out": gettext_lazy("left out: it matches nothing"),
    "dropped": gettext_lazy("dropped, as decided"),
    "kept as written": gettext_lazy(
        "kept as written, for the staff to settle (not a known state or region)"
    ),
}


def field_heading(field):
    if field == "region":
        field = "subdivision"
    column = COLUMNS.get(field)
    return str(column.heading) if column else field


def report_rows(request, report):
    """The report's rows for this page and ?show=, with what the address asked
    that could not be used."""
    show = request.GET.get("show", "")
    notices = []
    if show not in SHOW:
        notices.append(
            _("There is no “%(show)s” list of rows, so every row is shown.")
            % {"show": shown_back(show)}
        )
        show = ""
    rows = report.rows
    if show == "left_out":
        rows = [outcome for outcome in rows if outcome.left_out]
    elif show:
        rows = [outcome for outcome in rows if outcome.action == show]
    number, refused = read_page(request.GET.get("page"))
    paginator = Paginator(rows, ROWS_PER_PAGE)
    page = paginator.get_page(number)
    notice = page_notice(number, refused, paginator.num_pages)
    if notice:
        notices.append(notice)
    words = OUTCOME_WORDS[report.dry_run]
    shown = [
        {
            "row": outcome.row,
            "name": outcome.name,
            "action": outcome.action,
            "outcome": words[outcome.action],
            "reason": outcome.reason,
            "filled": ", ".join(field_heading(field) for field in outcome.filled),
            "invited": outcome.invited,
            "left_out": [
                {
                    "field": field_heading(entry["field"]),
                    "value": entry["value"],
                    "note": LEFT_OUT_NOTES.get(entry["note"], entry["note"]),
                }
                for entry in outcome.left_out
            ],
        }
        for outcome in page
    ]
    filters = [
        {
            "label": label,
            "query": f"?show={name}" if name else "?",
            "current": name == show,
        }
        for name, label in SHOW.items()
    ]
    return {
        "rows": shown,
        "page": page,
        "show": show,
        "filters": filters,
        "notices": notices,
        "row_count": len(rows),
    }


def totals_shown(report):
    totals = report.totals()
    return [
        (OUTCOME_WORDS[report.dry_run][CREATE], totals["created"], CREATE),
        (OUTCOME_WORDS[report.dry_run][UPDATE], totals["updated"], UPDATE),
        (OUTCOME_WORDS[report.dry_run][SKIP], totals["skipped"], SKIP),
        (_("Errors"), totals["errors"], ERROR),
    ]


def left_out_summary(report):
    """Each value the rows leave out (or keep as written), once."""
    return [
        {
            "heading": value.heading,
            "value": value.value,
            "count": value.count,
            "decision": value.decision,
            "note": value.note,
        }
        for value in report.unmatched
        if not value.decision or value.decision.get("action") == "drop"
    ]


def report_context(request, report):
    return {
        "report": report,
        "totals": totals_shown(report),
        "left_out_values": left_out_summary(report),
        **report_rows(request, report),
    }
