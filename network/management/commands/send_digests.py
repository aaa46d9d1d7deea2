import time

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from network.notifications.digest import digest_recipients, send_digests


class Command(BaseCommand):
    help = (
        "Send each member their weekly digest (run it weekly from a scheduler). "
        "--dry-run prints the digests' text instead; --user NAME only theirs."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true")
        parser.add_argument("--user", help="Only this person's digest (username).")

    def handle(self, *args, dry_run, user, **options):
        people = digest_recipients()
        if user:
            if not get_user_model().objects.filter(username=user).exists():
                raise CommandError(f"No one is called {user!r}.")
            people = people.filter(username=user)
            if not people.exists():
                raise CommandError(f"{user} gets no digest (no address, or off).")
        started = time.perf_counter()
        built, sent = send_digests(
            people, dry_run=dry_run, write=self.write_message if dry_run else None
        )
        seconds = time.perf_counter() - started
        verb = "would send" if dry_run else "sent"
        self.stdout.write(
            f"Built {built} digests in {seconds:.1f} s; {verb} "
            f"{'the non-empty ones' if dry_run else sent}."
        )

    def write_message(self, message):
        self.stdout.write(f"To: {message.to[0]}\nSubject: {message.subject}\n")
        self.stdout.write(message.body)
        self.stdout.write("")
