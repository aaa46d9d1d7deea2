from django.core.management.base import BaseCommand, CommandError

from home.translations import catalog_problems, catalogs


class Command(BaseCommand):
    help = (
        "Fail when a translation catalog has an untranslated or fuzzy entry, or a "
        "translation whose placeholders differ from the original's."
    )

    def handle(self, *args, **options):
        problems = catalog_problems()
        for catalog, line, msgid, problem in problems:
            self.stderr.write(f"{catalog}:{line}: {problem}: {msgid[:70]!r}")
        if problems:
            raise CommandError(f"{len(problems)} translation entries need work.")
        self.stdout.write(f"{len(catalogs())} translation catalogs complete.")
