import random

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.test.utils import override_settings

from members.models import MemberDirectoryPage
from network.demo import (
    DEMO_PASSWORD,
    board,
    campaigns,
    desk,
    events,
    library,
    news,
    notifications,
    organizations,
    site,
    teams,
)

NO_EMAIL = "django.core.mail.backends.dummy.EmailBackend"


def refresh_planner_statistics():
    """Bring the query planner's table statistics up to date after a bulk load.

    Without them SQLite guesses that an indexed equality test picks out a few rows,
    and joins the search index the slow way round: a directory search then runs a
    full-text match once per organization (seconds at 10,000 of them instead of
    milliseconds). PostgreSQL's autovacuum would get there eventually; this makes
    the demo and the benchmarks right from the start."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


class Command(BaseCommand):
    help = (
        "Build the demo network: page tree, settings, people, organizations, "
        "campaigns and their calendar, applications, board threads, the library "
        "and news. Deterministic for a given seed."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing if a network already exists (safe to run every time).",
        )
        parser.add_argument(
            "--orgs",
            type=int,
            default=250,
            help="How many member organizations to create (default 250).",
        )
        parser.add_argument(
            "--seed", type=int, default=2026, help="Random seed (default 2026)."
        )
        parser.add_argument(
            "--password",
            default=DEMO_PASSWORD,
            help=f"The password every demo person signs in with (default "
            f"{DEMO_PASSWORD!r}).",
        )

    def handle(
        self,
        *args,
        if_empty=False,
        orgs=250,
        seed=2026,
        password=DEMO_PASSWORD,
        **options,
    ):
        self.verbose = options.get("verbosity", 1) > 0
        self.password = password
        if orgs < 0:
            raise CommandError("--orgs must be zero or more.")
        if site.network_exists():
            if if_empty:
                if self.verbose:
                    self.stdout.write("The demo network already exists; nothing to do.")
                self.print_sign_ins()
                return
            raise CommandError(
                "A network already exists. Use a fresh database, or --if-empty."
            )
        rng = random.Random(seed)
        # Each part draws on one random stream in this order: reordering the
        # parts changes the demo. Its people are invented, so the actions it
        # calls (invitations, a resource sent for review) email nobody: their
        # mail goes when the transaction commits, inside the dummy backend.
        with override_settings(EMAIL_BACKEND=NO_EMAIL), transaction.atomic():
            home, sections = site.build_site()
            coordinator, member_users = site.build_people(password)
            member_orgs = organizations.build(rng, sections[MemberDirectoryPage], orgs)
            teams.build(member_orgs, member_users)
            campaign_pages = campaigns.build(
                rng, sections, member_orgs, member_users, coordinator
            )
            events.build(campaign_pages)
            desk.build(coordinator, member_users)
            # The board after campaigns, so every live campaign has its room.
            board.build(rng, member_orgs, coordinator, member_users, password)
            library.build(rng, home, member_orgs)
            news.build(rng, home, coordinator)
            notifications.build(member_users)
        refresh_planner_statistics()
        if self.verbose:
            self.stdout.write(self.style.SUCCESS("Built the demo network."))
        self.print_sign_ins()

    def print_sign_ins(self):
        if not self.verbose:
            return
        from members.models import Membership

        organizations = "".join(
            f"  {m.user.username:<11} – {m.get_role_display().lower()} of "
            f"{m.organization.title} ({m.organization.get_visibility_display()})\n"
            for m in Membership.objects.filter(
                user__username__in=["maria", "sam"]
            ).select_related("user", "organization")
        )
        self.stdout.write(
            "\nDemo sign-ins at /accounts/login/ (password for all: "
            f"{self.password}):\n"
            "  coordinator – network coordinator; reaches /admin/ after setting up "
            "an authenticator app (two-factor) on the first visit\n"
            f"{organizations}"
            "  lena, james, priya – more member staff (lena shares maria's "
            "organization; priya works for two)\n"
        )
