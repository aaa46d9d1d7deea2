"""Benchmarks: build a network of a given size and time the site's main paths.

    python bench/run.py            # the full-size network (slow: minutes)
    python bench/run.py --smoke    # a tiny network; `make test` runs it

Every figure is printed beside a trivial Wagtail page measured in the same run, so
ratios mean something on any machine. Results are printed, never asserted.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT_DIR))
sys.path.insert(0, str(PROJECT_DIR / "bench"))

FULL = {"orgs": 10_000, "repeats": 20}
SMOKE = {"orgs": 30, "repeats": 3}


def configure_django(database_dir):
    os.environ["DJANGO_SETTINGS_MODULE"] = "network.settings.test"
    # A database of its own: never one DATABASE_URL happens to name in the shell.
    # BENCH_DATABASE_URL points it at a throwaway PostgreSQL on purpose.
    os.environ["DATABASE_URL"] = os.environ.get(
        "BENCH_DATABASE_URL", f"sqlite:///{database_dir / 'bench.sqlite3'}"
    )
    import django

    django.setup()


def measure(client, path, repeats):
    """Median wall time in ms and the SQL query count of one GET."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(path)  # warm caches and templates
    timings = []
    for _ in range(repeats):
        start = time.perf_counter()
        response = client.get(path)
        timings.append((time.perf_counter() - start) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"{path} answered {response.status_code}")
    with CaptureQueriesContext(connection) as queries:
        client.get(path)
    return statistics.median(timings), len(queries)


def paths_to_measure():
    """(label, path) pairs. Apps add their paths here as they land."""
    return [
        ("home page", "/"),
        ("directory", "/members/"),
        ("directory search + facets", "/members/?q=rights&issue=housing&sort=name"),
        ("directory last page", "/members/?sort=newest&page=9999"),
        ("profile", first_public_profile_path()),
        ("issue areas", "/issues/"),
        ("issue hub", "/issues/housing/"),
        ("graph page", "/members/graph/"),
        ("graph data", "/members/graph/data/"),
        ("campaign index", "/campaigns/"),
        ("campaign page", "/campaigns/us-upr-coalition-report/"),
        ("campaign updates feed", "/campaigns/feed/"),
        ("calendar", "/calendar/"),
        ("calendar iCal", "/calendar/ical/"),
        ("application to join", "/join/"),
        ("resource library", "/resources/"),
        ("library, filtered", "/resources/?kind=toolkit&language=en"),
        ("library, search", "/resources/?q=housing"),
        ("resource (UN submission)", "/resources/us-upr-joint-submission/"),
        ("news", "/news/"),
        ("news feed", "/news/feed/"),
    ]


def first_public_profile_path():
    from members.models import MemberOrganizationPage

    organization = (
        MemberOrganizationPage.objects.publicly_listed().order_by("title").first()
    )
    return organization.url if organization else "/members/"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="tiny, for CI")
    parser.add_argument("--orgs", type=int, help="organizations to create")
    args = parser.parse_args()
    size = dict(SMOKE if args.smoke else FULL)
    if args.orgs is not None:
        size["orgs"] = args.orgs

    with tempfile.TemporaryDirectory(prefix="cg-bench-") as directory:
        configure_django(Path(directory))
        from django.core.management import call_command
        from django.test import Client
        from wagtail.models import Page

        call_command("migrate", verbosity=0, interactive=False)
        started = time.perf_counter()
        call_command("seed_network", orgs=size["orgs"], verbosity=0)
        print(
            f"bench: seeded {size['orgs']} organizations in "
            f"{time.perf_counter() - started:.1f}s"
        )

        client = Client()
        # The baseline: the plainest Wagtail page there is, the board as a visitor
        # sees it (its introduction and a sign-in prompt; no data behind it).
        baseline_path = Page.objects.get(slug="board").url
        baseline_ms, baseline_queries = measure(client, baseline_path, size["repeats"])
        print(
            f"bench: {'trivial page (baseline)':<28} {baseline_ms:8.2f} ms "
            f"{baseline_queries:4d} queries   1.00x"
        )
        for label, path in paths_to_measure():
            ms, queries = measure(client, path, size["repeats"])
            print_line(label, ms, queries, baseline_ms)

        not_found_alike(client, 120 if not args.smoke else 10)

        import board_bench  # the signed-in board, a long thread, socket fan-out

        board_bench.run(Client, measure, baseline_ms, args.smoke, print_line)


def not_found_alike(client, rounds):
    """A hidden organization's profile and a made-up one must answer alike (the
    same 404, the same work), or a timing probe confirms a guessed slug. Times
    both, interleaved as such a probe would, and prints the medians."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from members.models import MemberOrganizationPage

    organizations = MemberOrganizationPage.objects.live().order_by("pk")
    hidden = organizations.filter(visibility="hidden").first()
    if hidden is None:  # a small seed may have none: hide one (a throwaway database)
        hidden = organizations.last()
        organizations.filter(pk=hidden.pk).update(visibility="hidden")
    paths = {
        "hidden": hidden.url,
        "made up": hidden.url.rstrip("/") + "-x/",
    }
    timings = {label: [] for label in paths}
    queries = {}
    for label, path in paths.items():
        client.get(path)  # warm
        with CaptureQueriesContext(connection) as captured:
            status = client.get(path).status_code
        if status != 404:
            raise SystemExit(f"{path} answered {status}, not 404")
        queries[label] = len(captured)
    for _ in range(rounds):
        for label, path in paths.items():
            start = time.perf_counter()
            client.get(path)
            timings[label].append((time.perf_counter() - start) * 1000)
    for label in paths:
        print(
            f"bench: {'404, ' + label + ' slug':<28} "
            f"{statistics.median(timings[label]):8.2f} ms {queries[label]:4d} queries"
            f"   (median of {rounds}, interleaved)"
        )


def print_line(label, ms, queries, baseline_ms):
    print(
        f"bench: {label:<28} {ms:8.2f} ms {queries:4d} queries {ms / baseline_ms:6.2f}x"
    )


if __name__ == "__main__":
    main()
