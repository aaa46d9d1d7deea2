"""The coordinators' member import in the admin: the second door to the one import
engine (members.imports; `manage.py import_members` is the first). Coordinators
only (`request.viewer.is_coordinator`); any coordinator may look at, continue or
confirm any coordinator's import, and the run is recorded in the name of the one
who confirmed it.

The steps, each a page, none to be skipped:

1. **Upload** (`new/`): the file (CSV, XLSX or ODS, up to MAX_UPLOAD_BYTES, 20
   MB), an optional mapping file and the two options. The file is read with
   `open_table` before anything is stored; a file the engine cannot read comes
   back as the form's error, and nothing is kept. A file it reads is stored in a
   `MemberImport` (private storage, status "draft"), so no later step needs the
   upload again. An upload larger than the limit stops being read at the limit
   (`UploadLimit`), so it is never written out in full.
2. **Columns** (`<id>/columns/`): each column's heading, a few of its values and
   the field it fills, guessed by `guess_columns` (or taken from the mapping
   file), checked by `check_mapping`.
3. **Values that match nothing** (`<id>/values/`): from the dry run, each value
   once with its rows, and a decision for each (`check_decision`); skipped when
   nothing is unmatched.
4. **Preview** (`<id>/preview/`): the dry run's report row by row, 100 rows a
   page (the totals count every row), and the mapping file to download
   (`<id>/mapping/`) for `manage.py import_members --map`.
5. **Confirm** (the preview's form): invitations, offered only when a contact
   email column is mapped; the mapping and options are stored on the
   MemberImport and `queue_member_import` runs it.
6. **Progress and report** (`<id>/`): the run's status and rows, refreshed by
   static/js/member-import-progress.js from `<id>/progress/` (JSON), then the
   report. The list of imports (`members/imports/`, "Import members" in the
   menu) is the way in.

Each save of the columns or decisions counts up the import's `mapping_version`
and runs the dry run again; the preview page and the confirmation are only for
the preview of the version now saved (a confirmation posted from an older page
answers with the preview as it now is).

Long files: a dry run takes about 1.2 ms a row on the embedded default of a
2-core machine (2,000 rows of bench/import_members.py's generated file in 2.4 s),
so a file of up to PREVIEW_INLINE_ROWS (2,000) rows is dry-run
inside the request, and a longer one, or one whose rows cannot be counted before
reading, is dry-run by the `preview_member_import` task, with the same progress
page as the run itself: a 50,000-row file never runs inside a request. The run
itself is always a background task.
"""

import functools
from contextlib import contextmanager
from pathlib import PurePath

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import F, IntegerField
from django.db.models.fields.json import KT
from django.db.models.functions import Cast
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.formats import number_format
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from wagtail.admin.menu import MenuItem

from home.facets import same_words
from home.facets.notices import page_notice, read_page
from members.admin_desk import import_forms
from members.admin_desk.import_forms import (
    FIELD_ORDER,
    ColumnsForm,
    ConfirmForm,
    UploadForm,
    ValuesForm,
)
from members.admin_desk.import_reports import report_context
from members.imports import (
    Decisions,
    MappingFile,
    Report,
    UnreadableFile,
    guess_columns,
    open_table,
    queue_member_import,
    queue_member_import_preview,
)
from members.imports.tasks import preview_stored_import
from members.imports.values import TERM_MODELS, cell_text
from members.models import MemberImport

# Rows up to which the preview's dry run runs inside the request.
PREVIEW_INLINE_ROWS = 2000
IMPORTS_PER_PAGE = 25
# The values step shows at most this many values (undecided ones first): more
# fields than this would pass Django's DATA_UPLOAD_MAX_NUMBER_FIELDS.
MAX_VALUES_SHOWN = 200
# Rows read for the columns step's sample values.
SAMPLE_ROWS = 50
# How often the progress page asks again, in milliseconds.
POLL_EVERY_MS = 2000

Status = MemberImport.Status
WAITING = (Status.QUEUED, Status.RUNNING)


def coordinators_only(view):
    @functools.wraps(view)
    def checked(request, *args, **kwargs):
        if not request.viewer.is_coordinator:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return checked


def the_import(import_id, *, reports=False):
    """The MemberImport, without its (possibly large) reports unless asked."""
    queryset = MemberImport.objects.select_related("created_by")
    if not reports:
        queryset = queryset.defer("report", "preview_report")
    return get_object_or_404(queryset, pk=import_id)


def step_urls(member_import):
    pk = member_import.pk
    return {
        "columns": reverse("member_import_columns", args=[pk]),
        "values": reverse("member_import_values", args=[pk]),
        "preview": reverse("member_import_preview", args=[pk]),
        "detail": reverse("member_import", args=[pk]),
        "mapping": reverse("member_import_mapping", args=[pk]),
        "discard": reverse("member_import_discard", args=[pk]),
        "progress": reverse("member_import_progress", args=[pk]),
    }


@contextmanager
def stored_table(member_import):
    """The Table of the stored file, open while the block runs."""
    with member_import.file.open("rb") as handle:
        yield open_table(handle, member_import.original_name or member_import.file.name)


def column_samples(table):
    """A few non-empty values of each column, from the first rows."""
    samples = [[] for _heading in table.headers]
    for read, (_number, cells) in enumerate(table.rows()):
        if read >= SAMPLE_ROWS:
            break
        for index, cell in enumerate(cells[: len(samples)]):
            text = cell_text(cell)
            if (
                text
                and len(samples[index]) < import_forms.SAMPLE_VALUES
                and text not in samples[index]
            ):
                samples[index].append(text)
    return samples


def mapping_file_of(member_import):
    return MappingFile.from_dict(member_import.mapping)


def runs_inline(member_import):
    total = member_import.rows_total
    return total is not None and total <= PREVIEW_INLINE_ROWS


def start_preview(member_import):
    """Dry-run the mapping as saved: now, or in the background for long files."""
    if runs_inline(member_import):
        preview_stored_import(member_import)
    else:
        queue_member_import_preview(member_import)
    member_import.refresh_from_db(
        fields=["preview_status", "preview_version", "preview_error"]
    )


def save_mapping(member_import, mapping_file, **options):
    """Store the draft's new mapping (and options), count its version up and
    dry-run it; False when it is no longer a draft (confirmed meanwhile)."""
    saved = MemberImport.objects.filter(
        pk=member_import.pk, status=Status.DRAFT
    ).update(
        mapping=mapping_file.as_dict(),
        mapping_version=F("mapping_version") + 1,
        preview_status="",
        **options,
    )
    if not saved:
        return False
    member_import.refresh_from_db(
        fields=["mapping", "mapping_version", "update", "strict", "preview_status"]
    )
    start_preview(member_import)
    return True


def after_saving(member_import, then):
    """Where a saved step leads: the next step once its dry run is done, else
    the page that waits for it."""
    urls = step_urls(member_import)
    if not member_import.has_current_preview:
        return redirect(f"{urls['detail']}?next={then}")
    if then == "values" and unmatched_values(
        the_import(member_import.pk, reports=True)
    ):
        return redirect(urls["values"])
    return redirect(urls["preview"])


def step_not_reached(member_import, step):
    """Where to go instead of `step` (the values or the preview) while the import
    is not ready for it: its report once it is no longer a draft, the columns
    until they are saved, the waiting page until the dry run of the saved mapping
    is done. None when the step may be shown."""
    if not member_import.is_draft:
        return redirect("member_import", member_import.pk)
    if member_import.mapping_version == 0:
        return redirect("member_import_columns", member_import.pk)
    if not member_import.has_current_preview:
        return redirect(f"{step_urls(member_import)['detail']}?next={step}")
    return None


def preview_report(member_import):
    return Report.from_dict(member_import.preview_report)


def unmatched_values(member_import):
    return (
        preview_report(member_import).unmatched if member_import.preview_report else []
    )


def mapped_fields(member_import):
    return {
        field for _heading, field in mapping_file_of(member_import).columns if field
    }


def options_summary(member_import):
    return [
        _("Organizations already in the directory get their empty fields filled.")
        if member_import.update
        else _("Organizations already in the directory are skipped."),
        _("Rows with values nobody decided are refused.")
        if member_import.strict
        else _("Values nobody decided are left out of their rows."),
    ]


def draft_context(member_import, step, **context):
    return {
        "member_import": member_import,
        "urls": step_urls(member_import),
        "step": step,
        "steps": steps_shown(member_import, step),
        **context,
    }


def steps_shown(member_import, current):
    """The step list at the top of an import's pages (None: the upload's): each
    step, and a link to those already reached."""
    urls = step_urls(member_import) if member_import else {}
    reached = {"upload", "columns"} if member_import else set()
    if member_import and member_import.has_current_preview:
        reached |= {"values", "preview"}
    steps = [
        ("upload", _("Upload"), None),
        ("columns", _("Columns"), urls.get("columns")),
        ("values", _("Values that match nothing"), urls.get("values")),
        ("preview", _("Preview and confirm"), urls.get("preview")),
    ]
    return [
        {
            "name": name,
            "label": label,
            "url": url if name in reached and name != current else None,
            "current": name == current,
        }
        for name, label, url in steps
    ]


# --- 1. Upload -----------------------------------------------------------------------


class UploadLimit(FileUploadHandler):
    """Stops reading an uploaded file past its limit (the spreadsheet's, or the
    mapping file's), so a huge upload is skipped as it arrives, never written to
    a temporary file in full; the form then says it is too large."""

    def new_file(self, field_name, *args, **kwargs):
        super().new_file(field_name, *args, **kwargs)
        self.received = 0
        self.limit = (
            import_forms.MAX_UPLOAD_BYTES
            if field_name == "file"
            else import_forms.MAX_MAPPING_FILE_BYTES
        )

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > self.limit:
            self.request.upload_too_large = [
                *getattr(self.request, "upload_too_large", []),
                self.field_name,
            ]
            raise SkipFile
        return raw_data

    def file_complete(self, file_size):
        return None  # the next handler keeps the file


@csrf_exempt  # checked below, once the size limit is in place
@coordinators_only
def upload(request):
    # Upload handlers must be set before anything reads the body, which the
    # CSRF check does; so the check runs inside, in upload_form.
    request.upload_handlers.insert(0, UploadLimit(request))
    return upload_form(request)


@csrf_protect
@require_http_methods(["GET", "POST"])
def upload_form(request):
    if request.method == "POST":
        form = UploadForm(request.POST, request.FILES)
        too_large = getattr(request, "upload_too_large", [])
        if form.is_valid() and not too_large:
            member_import = store_upload(request, form)
            return redirect("member_import_columns", member_import.pk)
        for field in too_large:
            form.errors.pop(field, None)
            form.add_error(
                field,
                import_forms.too_large_message()
                if field == "file"
                else _("A mapping file is a few kilobytes; this one is too large."),
            )
        status = 400
    else:
        form, status = UploadForm(), 200
    return TemplateResponse(
        request,
        "members/admin/imports/upload.html",
        {
            "form": form,
            "header_title": _("Import members"),
            "steps": steps_shown(None, "upload"),
        },
        status=status,
    )


def store_upload(request, form):
    """A draft MemberImport holding the file, with the mapping guessed from its
    headings (or the mapping file's), not yet confirmed (version 0)."""
    upload_file, table = form.cleaned_data["file"], form.table
    if form.mapping_file is not None:
        mapping = form.mapping_file.mapping_for(table.headers)
        decisions = form.mapping_file.decisions
    else:
        mapping, decisions = guess_columns(table.headers), Decisions()
    name = PurePath(upload_file.name).name[:255]
    with transaction.atomic():
        member_import = MemberImport(
            original_name=name,
            status=Status.DRAFT,
            mapping=MappingFile.for_table(table.headers, mapping, decisions).as_dict(),
            update=form.cleaned_data["update"],
            strict=form.cleaned_data["strict"],
            rows_total=table.total_rows,
            created_by=request.user,
        )
        upload_file.seek(0)
        member_import.file.save(name, upload_file, save=False)
        try:
            member_import.save()
        except BaseException:
            member_import.file.delete(save=False)
            raise
    return member_import


# --- 2. Columns ----------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@coordinators_only
def columns(request, import_id):
    member_import = the_import(import_id)
    if not member_import.is_draft:
        return redirect("member_import", member_import.pk)
    mapping_file = mapping_file_of(member_import)
    try:
        with stored_table(member_import) as table:
            headers = table.headers
            samples = column_samples(table)
    except (UnreadableFile, OSError) as error:
        messages.error(
            request,
            _("The stored file can no longer be read (%(reason)s). Upload it again.")
            % {"reason": error},
        )
        return redirect("member_imports")
    mapping = mapping_file.mapping_for(headers)
    initial = {"update": member_import.update, "strict": member_import.strict}
    if request.method == "POST":
        form = ColumnsForm(headers, samples, mapping, request.POST, initial=initial)
        if form.is_valid():
            saved = save_mapping(
                member_import,
                MappingFile.for_table(
                    headers, form.cleaned_data["mapping"], mapping_file.decisions
                ),
                update=form.cleaned_data["update"],
                strict=form.cleaned_data["strict"],
            )
            if not saved:
                return redirect("member_import", member_import.pk)
            return after_saving(member_import, "values")
        status = 400
    else:
        form, status = ColumnsForm(headers, samples, mapping, initial=initial), 200
    return TemplateResponse(
        request,
        "members/admin/imports/columns.html",
        draft_context(
            member_import,
            "columns",
            form=form,
            header_title=_("Import members"),
            nothing_recognized=not mapping,
            first_row=", ".join(f"“{heading}”" for heading in headers[:8] if heading),
        ),
        status=status,
    )


# --- 3. Values that match nothing ----------------------------------------------------


def values_to_decide(values, decisions):
    """The values the step shows: at most MAX_VALUES_SHOWN, undecided ones
    first, in the columns' order, the most frequent first; and how many more."""
    chosen = sorted(
        values,
        key=lambda value: (
            decisions.get(value.field, value.value) is not None,
            -value.count,
        ),
    )[:MAX_VALUES_SHOWN]
    chosen.sort(
        key=lambda value: (
            FIELD_ORDER.get(value.field, 99),
            -value.count,
            value.value.casefold(),
        )
    )
    return chosen, len(values) - len(chosen)


def vocabularies_for(values):
    """The terms each vocabulary the values need offers, one query each."""
    kinds = {value.field for value in values if value.field in TERM_MODELS}
    return {
        kind: list(TERM_MODELS[kind]._default_manager.order_by("name"))
        for kind in kinds
    }


@require_http_methods(["GET", "POST"])
@coordinators_only
def values(request, import_id):
    member_import = the_import(import_id, reports=True)
    earlier_step = step_not_reached(member_import, "values")
    if earlier_step is not None:
        return earlier_step
    everything = unmatched_values(member_import)
    if not everything:
        return redirect("member_import_preview", member_import.pk)
    mapping_file = mapping_file_of(member_import)
    shown, more = values_to_decide(everything, mapping_file.decisions)
    vocabularies = vocabularies_for(shown)
    arguments = (shown, mapping_file.decisions, vocabularies, member_import.strict)
    status, stale = 200, False
    if request.method == "POST":
        form = ValuesForm(*arguments, request.POST)
        if form.is_valid():
            if form.cleaned_data["version"] != member_import.mapping_version:
                stale, status = True, 409
                form = ValuesForm(
                    *arguments, initial={"version": member_import.mapping_version}
                )
            else:
                # The decisions for values not shown are kept as they were.
                shown_keys = {(value.field, same_words(value.value)) for value in shown}
                decisions = Decisions(
                    decision
                    for decision in mapping_file.decisions
                    if decision.key not in shown_keys
                )
                for _value, decision in form.cleaned_data["decided"]:
                    if decision is not None:
                        decisions.add(decision)
                mapping_file.decisions = decisions
                if not save_mapping(member_import, mapping_file):
                    return redirect("member_import", member_import.pk)
                return after_saving(member_import, "preview")
        else:
            status = 400
    else:
        form = ValuesForm(
            *arguments, initial={"version": member_import.mapping_version}
        )
    return TemplateResponse(
        request,
        "members/admin/imports/values.html",
        draft_context(
            member_import,
            "values",
            form=form,
            more=more,
            stale=stale,
            header_title=_("Import members"),
        ),
        status=status,
    )


# --- 4. Preview and 5. confirm -------------------------------------------------------


@require_http_methods(["GET", "POST"])
@coordinators_only
def preview(request, import_id):
    member_import = the_import(import_id, reports=True)
    earlier_step = step_not_reached(member_import, "preview")
    if earlier_step is not None:
        return earlier_step
    invitations_offered = "contact_email" in mapped_fields(member_import)
    problem, status = None, 200
    if request.method == "POST":
        form = ConfirmForm(request.POST)
        if not form.is_valid():
            problem, status = _("Confirm from the preview's own button."), 400
        elif form.cleaned_data["version"] != member_import.mapping_version:
            problem, status = (
                _(
                    "The columns or decisions changed after that preview was shown "
                    "(in another window, or by another coordinator). This is the "
                    "preview as they are now: look at it again, then confirm."
                ),
                409,
            )
        else:
            return confirm(request, member_import, form, invitations_offered)
    form = ConfirmForm(initial={"version": member_import.mapping_version})
    report = preview_report(member_import)
    return TemplateResponse(
        request,
        "members/admin/imports/preview.html",
        draft_context(
            member_import,
            "preview",
            form=form,
            problem=problem,
            invitations_offered=invitations_offered,
            options=options_summary(member_import),
            header_title=_("Import members"),
            **report_context(request, report),
        ),
        status=status,
    )


def confirm(request, member_import, form, invitations_offered):
    send_invitations = invitations_offered and form.cleaned_data["send_invitations"]
    with transaction.atomic():
        queued = MemberImport.objects.filter(
            pk=member_import.pk,
            status=Status.DRAFT,
            mapping_version=form.cleaned_data["version"],
        ).update(
            status=Status.QUEUED,
            send_invitations=send_invitations,
            created_by=request.user,
            rows_done=0,
        )
        if queued:
            queue_member_import(member_import)
    if queued:
        messages.success(
            request,
            _("The import of %(name)s has started.") % {"name": member_import},
        )
    return redirect("member_import", member_import.pk)


@require_GET
@coordinators_only
def mapping_download(request, import_id):
    member_import = the_import(import_id)
    stem = slugify(PurePath(member_import.original_name).stem)[:60] or "members"
    response = HttpResponse(
        mapping_file_of(member_import).dumps(),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = content_disposition_header(
        True, f"{stem}-mapping.json"
    )
    return response


@require_POST
@coordinators_only
def discard(request, import_id):
    member_import = the_import(import_id)
    if member_import.is_draft:
        name = str(member_import)
        member_import.file.delete(save=False)
        member_import.delete()
        messages.success(
            request, _("The import of %(name)s was discarded.") % {"name": name}
        )
    return redirect("member_imports")


# --- 6. Progress and report ----------------------------------------------------------


def progress_of(member_import):
    """What the progress page shows and polls: whether it is still waiting,
    and the rows done in words."""
    if member_import.is_draft:
        waiting = member_import.mapping_version > 0 and (
            member_import.preview_status in WAITING
            or member_import.preview_version != member_import.mapping_version
        )
        done = member_import.preview_rows_done
    else:
        waiting = member_import.status in WAITING
        done = member_import.rows_done
    total = member_import.rows_total
    if total:
        message = _("%(done)s of about %(total)s rows read.") % {
            "done": number_format(min(done, total), force_grouping=True),
            "total": number_format(total, force_grouping=True),
        }
    else:
        message = _("%(done)s rows read.") % {
            "done": number_format(done, force_grouping=True)
        }
    return {
        "waiting": waiting,
        "rows_done": done,
        "rows_total": total,
        "message": message,
        "status": member_import.status,
        "preview_status": member_import.preview_status,
    }


@require_GET
@coordinators_only
def progress(request, import_id):
    member_import = the_import(import_id)
    return JsonResponse(progress_of(member_import))


@require_GET
@coordinators_only
def detail(request, import_id):
    member_import = the_import(import_id, reports=True)
    urls = step_urls(member_import)
    if member_import.is_draft:
        then = request.GET.get("next")
        if member_import.mapping_version == 0:
            return redirect(urls["columns"])
        if member_import.has_current_preview:
            if then == "values" and unmatched_values(member_import):
                return redirect(urls["values"])
            return redirect(urls["preview"])
        if member_import.preview_status == "":
            start_preview(member_import)
            if member_import.has_current_preview:
                return redirect(request.get_full_path())
    context = {
        "member_import": member_import,
        "urls": urls,
        "progress": progress_of(member_import),
        "poll_every": POLL_EVERY_MS,
        "header_title": _("Import members"),
    }
    if member_import.is_draft:
        context["steps"] = steps_shown(member_import, "preview")
        context["preview_failed"] = (
            member_import.preview_status == Status.FAILED
            and member_import.preview_version == member_import.mapping_version
        )
    elif member_import.status == Status.DONE and member_import.report:
        context.update(report_context(request, Report.from_dict(member_import.report)))
    return TemplateResponse(request, "members/admin/imports/detail.html", context)


# --- The list of imports -------------------------------------------------------------


def imports_listed():
    """Every import, newest first, with its totals read from its report in the
    database (the reports themselves are not loaded)."""
    return (
        MemberImport.objects.select_related("created_by")
        .defer("report", "preview_report", "mapping")
        .annotate(
            **{
                total: Cast(KT(f"report__totals__{total}"), IntegerField())
                for total in ("created", "updated", "skipped", "errors")
            }
        )
        .order_by("-created_at", "-pk")
    )


@require_GET
@coordinators_only
def index(request):
    number, refused = read_page(request.GET.get("page"))
    paginator = Paginator(imports_listed(), IMPORTS_PER_PAGE)
    page = paginator.get_page(number)
    return TemplateResponse(
        request,
        "members/admin/imports/index.html",
        {
            "imports": page,
            "page_notice": page_notice(number, refused, paginator.num_pages),
            "header_title": _("Import members"),
        },
    )


def import_admin_urls():
    return [
        path("members/imports/", index, name="member_imports"),
        path("members/imports/new/", upload, name="member_import_upload"),
        path("members/imports/<id:import_id>/", detail, name="member_import"),
        path(
            "members/imports/<id:import_id>/columns/",
            columns,
            name="member_import_columns",
        ),
        path(
            "members/imports/<id:import_id>/values/",
            values,
            name="member_import_values",
        ),
        path(
            "members/imports/<id:import_id>/preview/",
            preview,
            name="member_import_preview",
        ),
        path(
            "members/imports/<id:import_id>/mapping/",
            mapping_download,
            name="member_import_mapping",
        ),
        path(
            "members/imports/<id:import_id>/progress/",
            progress,
            name="member_import_progress",
        ),
        path(
            "members/imports/<id:import_id>/discard/",
            discard,
            name="member_import_discard",
        ),
    ]


class CoordinatorMenuItem(MenuItem):
    def is_shown(self, request):
        return request.viewer.is_coordinator


def import_menu_item():
    return CoordinatorMenuItem(
        gettext_lazy("Import members"),
        reverse("member_imports"),
        icon_name="upload",
        order=153,
    )
