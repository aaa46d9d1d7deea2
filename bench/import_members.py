"""Benchmark: import a realistic member spreadsheet into a fresh database.

    python bench/import_members.py              # 10,000 rows
    python bench/import_members.py --rows 300   # `make bench-smoke` runs this

Generates a CSV of N organizations the way coordinators' files look (mixed
headings, several issue areas per cell, state codes and names, a few Mexican and
Swiss members, a duplicate now and then), imports it on the embedded default
(SQLite, unless BENCH_DATABASE_URL names another) and prints rows per second and
the total (and the CPU time it took, which other work on a shared machine does
not inflate), then re-imports it to show that nothing is created twice. Figures
are printed, never asserted.
"""

import argparse
import csv
import random
import sys
import tempfile
import time
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT_DIR))
sys.path.insert(0, str(PROJECT_DIR / "bench"))

from run import configure_django  # noqa: E402 - bench/ is on the path just above

HEADINGS = [
    "Organisation",
    "Description",
    "Focus areas",
    "How we work",
    "City",
    "Province/State",
    "Country",
    "Web site",
    "E-mail",
    "Contact",
    "Contact email",
    "Founded",
    "Scope",
]
PLACES = [
    ("Houston", "TX", "US"),
    ("El Paso", "Texas", "US"),
    ("Oakland", "CA", "US"),
    ("Detroit", "Michigan", "US"),
    ("Atlanta", "GA", "US"),
    ("Chicago", "Illinois", "US"),
    ("Albuquerque", "NM", "US"),
    ("New Orleans", "Louisiana", "US"),
    ("Guadalajara", "JAL", "MX"),
    ("Monterrey", "Nuevo León", "Mexico"),
    ("Genève", "GE", "Switzerland"),
]
ISSUES = [
    "Housing and homelessness",
    "Migrant rights",
    "Asylum seekers",
    "Women's rights",
    "Police accountability",
    "Capital punishment",
    "Privacy and digital rights",
    "Environmental justice",
    "Disability rights",
    "Wage theft",
    "Juvenile justice",
    "Health care",
]
APPROACHES = ["Litigation", "Policy advocacy", "Grassroots organizing", "Research"]
SCOPES = ["Local", "State", "Regional", "National", "International"]
WORDS = ["Rights", "Justice", "Alliance", "Network", "Project", "Coalition", "Center"]


def write_file(path, rows, seed=14):
    chooser = random.Random(seed)
    previous = ("", "")
    with path.open("w", newline="", encoding="utf-8-sig") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADINGS)
        for number in range(rows):
            city, state, country = chooser.choice(PLACES)
            name = f"{city} {chooser.choice(WORDS)} {chooser.choice(WORDS)} {number}"
            domain = f"org{number}.example.org"
            if number and number % 97 == 0:  # a duplicate of the row before
                name, domain = previous
            previous = (name, domain)
            writer.writerow(
                [
                    name,
                    f"Works on human rights in {city} with its community.",
                    "; ".join(chooser.sample(ISSUES, chooser.randint(1, 3))),
                    ", ".join(chooser.sample(APPROACHES, chooser.randint(0, 2))),
                    city,
                    state,
                    country,
                    f"https://www.{domain}/",
                    f"info@{domain}",
                    "A. Coordinator",
                    f"contact@{domain}",
                    chooser.randint(1970, 2024),
                    chooser.choice(SCOPES),
                ]
            )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000, help="rows to import")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="cg-bench-import-") as directory:
        folder = Path(directory)
        configure_django(folder)
        from django.core.management import call_command
        from wagtail.models import Page

        from members.imports import guess_columns, open_table, run_import
        from members.models import MemberDirectoryPage, MemberOrganizationPage

        call_command("migrate", verbosity=0, interactive=False)
        root = Page.get_first_root_node()
        root.add_child(instance=MemberDirectoryPage(title="Members", slug="members"))

        path = folder / "members.csv"
        write_file(path, args.rows)
        for label in ("import", "re-import"):
            started, cpu_started = time.perf_counter(), time.process_time()
            with path.open("rb") as handle:
                table = open_table(handle, path.name)
                report = run_import(table, guess_columns(table.headers))
            seconds = time.perf_counter() - started
            cpu = time.process_time() - cpu_started
            # CPU time too: on a shared machine the wall clock counts others' work.
            print(
                f"bench: {label} {args.rows} rows in {seconds:.1f} s "
                f"({args.rows / seconds:.0f} rows/s; {cpu:.1f} s of CPU, "
                f"{args.rows / cpu:.0f} rows per CPU second): {report.summary()}"
            )
        organizations = MemberOrganizationPage.objects.count()
        print(f"bench: {organizations} organizations in the directory")


if __name__ == "__main__":
    main()
