"""Benchmark: build and send the weekly digest to many people.

    python bench/digests.py                # the demo network plus 1,000 people
    python bench/digests.py --people 50    # `make bench-smoke` runs this

Seeds the demo network (on the embedded default, unless BENCH_DATABASE_URL names
another), adds N member staff spread over its organizations, each following a
thread and an issue area and holding a few notifications, then times
`send_digests` over everyone (Django's in-memory mail backend, batches of
DIGEST_BATCH on one connection each). Prints the time, the CPU time and how many
digests went out; figures are printed, never asserted.
"""

import argparse
import sys
import tempfile
import time
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT_DIR))
sys.path.insert(0, str(PROJECT_DIR / "bench"))

from run import configure_django  # noqa: E402 - bench/ is on the path just above


def add_people(count):
    """`count` staff, round-robin over the organizations, with follows and
    notifications like a member's week (made in bulk: this is setup, not timed)."""
    from django.contrib.auth import get_user_model

    from members.models import IssueArea, MemberOrganizationPage, Membership
    from network.models import Thread
    from network.notifications.models import Follow, Notification

    organizations = list(MemberOrganizationPage.objects.live().order_by("pk"))
    threads = list(Thread.objects.order_by("-pk")[:20])
    areas = list(IssueArea.objects.order_by("pk")[:12])
    user_model = get_user_model()
    people = user_model.objects.bulk_create(
        user_model(
            username=f"bench-digest-{number}",
            email=f"bench-digest-{number}@members.example",
            first_name="Bench",
            last_name=str(number),
        )
        for number in range(count)
    )
    Membership.objects.bulk_create(
        Membership(
            user=person,
            organization=organizations[number % len(organizations)],
            role="editor",
        )
        for number, person in enumerate(people)
    )
    follows = []
    notifications = []
    for number, person in enumerate(people):
        follows.append(Follow(user=person, thread=threads[number % len(threads)]))
        follows.append(Follow(user=person, issue_area=areas[number % len(areas)]))
        for offset in range(3):
            organization = organizations[(number + offset + 1) % len(organizations)]
            notifications.append(
                Notification(user=person, kind="new_member", organization=organization)
            )
    Follow.objects.bulk_create(follows)
    Notification.objects.bulk_create(notifications)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=1000)
    parser.add_argument("--orgs", type=int, default=250)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="cg-bench-") as directory:
        configure_django(Path(directory))
        from django.conf import settings
        from django.core import mail
        from django.core.management import call_command

        from network.notifications.digest import digest_recipients, send_digests

        settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
        mail.outbox = []
        call_command("migrate", verbosity=0, interactive=False)
        call_command("seed_network", orgs=args.orgs, verbosity=0)
        add_people(args.people)
        people = digest_recipients()
        everyone = people.count()

        started, cpu = time.perf_counter(), time.process_time()
        built, sent = send_digests(people)
        seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu
        print(
            f"bench: digests for {everyone} people ({args.people} added to the "
            f"demo's {args.orgs} organizations): built {built}, sent {sent} in "
            f"{seconds:.1f} s ({cpu_seconds:.1f} s of CPU, "
            f"{seconds / max(built, 1) * 1000:.1f} ms a digest); "
            f"{len(mail.outbox)} in the outbox"
        )


if __name__ == "__main__":
    main()
