"""manage.py import_members FILE: import member organizations from a spreadsheet
(CSV, XLSX or ODS) with the engine the admin view uses (members.imports)."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from members.imports import (
    ImportRefused,
    MappingError,
    MappingFile,
    MappingFileError,
    UnreadableFile,
    guess_columns,
    open_table,
    run_import,
)
from members.imports.columns import field_heading
from members.imports.report import CREATE, ERROR, SKIP, UPDATE

ROW_WORDS = {
    False: {ERROR: "error", SKIP: "skipped", UPDATE: "updated", CREATE: "created"},
    True: {
        ERROR: "error",
        SKIP: "would skip",
        UPDATE: "would update",
        CREATE: "would create",
    },
}


class Command(BaseCommand):
    help = (
        "Import member organizations from a CSV, XLSX or ODS file. Existing members "
        "(same website domain, or same name and country) are skipped, or with "
        "--update get their empty fields filled."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the spreadsheet (.csv, .xlsx or .ods)")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="read and check everything, print what would happen, write nothing",
        )
        parser.add_argument(
            "--update",
            action="store_true",
            help="fill the empty fields of organizations already in the directory "
            "(never overwrites a value)",
        )
        parser.add_argument(
            "--strict",
            action="store_true",
            help="refuse rows with a value that matches nothing and was not decided",
        )
        parser.add_argument(
            "--map",
            metavar="MAPFILE",
            help="a mapping file (JSON): the columns and the decisions for values "
            "that match nothing",
        )
        parser.add_argument(
            "--save-map",
            metavar="MAPFILE",
            help="write the column mapping used and every value that matched "
            "nothing (to decide) to this file",
        )
        parser.add_argument(
            "--send-invitations",
            action="store_true",
            help="invite each new organization's contact email to claim its profile "
            "(needs --user)",
        )
        parser.add_argument(
            "--user",
            metavar="USERNAME",
            help="the coordinator the import and its invitations are recorded as",
        )

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"{path}: no such file.")
        user = self.find_user(options["user"])
        if options["send_invitations"] and user is None and not options["dry_run"]:
            raise CommandError("--send-invitations needs --user: who invites them.")
        try:
            with path.open("rb") as handle:
                table = open_table(handle, path.name)
                mapping_file = self.read_map(options["map"])
                if mapping_file is not None:
                    mapping = mapping_file.mapping_for(table.headers)
                    decisions = mapping_file.decisions
                else:
                    mapping, decisions = guess_columns(table.headers), None
                if not mapping:
                    raise MappingError(
                        "No column heading was recognized (the first row reads: "
                        + ", ".join(f"“{h}”" for h in table.headers[:8] if h)
                        + "). The first row must name the columns, like Name, "
                        "Country, Website."
                    )
                report = run_import(
                    table,
                    mapping,
                    decisions,
                    update=options["update"],
                    strict=options["strict"],
                    send_invitations=options["send_invitations"],
                    dry_run=options["dry_run"],
                    user=user,
                    file_name=path.name,
                    log_data={"door": "command line"},
                )
        except (UnreadableFile, MappingError, MappingFileError, ImportRefused) as error:
            raise CommandError(f"{path.name}: {error}") from error
        self.print_report(report)
        if options["save_map"]:
            self.save_map(options["save_map"], table, mapping, decisions, report)

    def find_user(self, username):
        if not username:
            return None
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user is named {username!r}.")
        return user

    def read_map(self, name):
        if not name:
            return None
        try:
            text = Path(name).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"{name}: cannot be read ({error}).") from error
        return MappingFile.loads(text)

    def save_map(self, name, table, mapping, decisions, report):
        from members.imports import Decisions
        from members.imports.decisions import Decision

        decided = Decisions(decisions or ())
        for value in report.unmatched:
            if decided.get(value.field, value.value) is None:
                # To fill in: the action ("map", "alias", "create" or "drop") and "to".
                decided.add(Decision(value.field, value.value, "", ""))
        mapping_file = MappingFile.for_table(table.headers, mapping, decided)
        Path(name).write_text(mapping_file.dumps(), encoding="utf-8")
        self.stdout.write(
            f'Mapping written to {name}: decide the values marked action "".'
        )

    def print_report(self, report):
        write = self.stdout.write
        total = report.total_rows
        write(
            f"Read {report.file_name}: {report.read_as}, "
            + (f"{total} rows." if total is not None else "rows counted as read.")
        )
        write(
            "Columns recognized: "
            + (
                ", ".join(
                    f"{c['heading']} → {c['field_heading']}" for c in report.columns
                )
                or "none"
            )
        )
        write(
            "Columns ignored: "
            + (", ".join(c["heading"] for c in report.ignored) or "none")
        )
        for line in report.applied:
            write(f"Decided: {line}")
        for line in report.refused:
            write(self.style.WARNING(f"Decision not applied: {line}"))
        if report.unmatched:
            write("Values that match nothing:")
            for value in report.unmatched:
                rows = ", ".join(str(row) for row in value.rows[:10])
                if value.count > 10:
                    rows += ", …"
                if value.decision:
                    what = f"decided: {value.decision['action']}" + (
                        f" → {value.decision['to']}" if value.decision.get("to") else ""
                    )
                else:
                    what = value.note
                times = "row" if value.count == 1 else "rows"
                write(
                    f"  {value.heading}: “{value.value}” — {value.count} {times} "
                    f"({rows}); {what}"
                )
        words = ROW_WORDS[report.dry_run]
        created = []
        for outcome in report.rows:
            if outcome.action == CREATE:
                created.append(outcome.row)
                continue
            detail = outcome.reason
            if outcome.action == UPDATE:
                detail = "filled " + ", ".join(outcome.filled)
            line = f"  row {outcome.row}: {words[outcome.action]}"
            if outcome.name:
                line += f" “{outcome.name}”"
            line += f" — {detail}"
            write(self.style.ERROR(line) if outcome.action == ERROR else line)
            self.write_left_out(outcome)
        if created:
            write(
                f"  {words[CREATE]} {len(created)} organizations (rows "
                + ", ".join(str(row) for row in created[:30])
                + (", …" if len(created) > 30 else "")
                + ")"
            )
        for outcome in report.rows:
            if outcome.action == CREATE:
                self.write_left_out(outcome)
        if report.send_invitations:
            invited = report.invitations
            write(f"Invitations {'to send' if report.dry_run else 'sent'}: {invited}")
        write(report.summary())
        if report.dry_run:
            write("Dry run: nothing was written.")

    def write_left_out(self, outcome):
        for entry in outcome.left_out:
            self.stdout.write(
                f"      row {outcome.row}: {field_heading(entry['field'])} "
                f"“{entry['value']}” "
                f"{entry['note']}"
            )
