from django.core.management.base import BaseCommand

from network.notifications.reminders import send_deadline_reminders


class Command(BaseCommand):
    help = (
        "Remind the people in each deadline's issue areas a week and a day ahead. "
        "Run it daily; running it twice sends nothing twice."
    )

    def handle(self, *args, **options):
        deadlines, reminders = send_deadline_reminders()
        self.stdout.write(f"Reminders sent: {reminders}, for {deadlines} deadlines.")
