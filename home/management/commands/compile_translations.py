from django.core.management.base import BaseCommand

from home.translations import compile_catalogs


class Command(BaseCommand):
    help = "Compile locale/*/LC_MESSAGES/*.po to .mo (only those that changed)."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Compile them all.")

    def handle(self, *args, force=False, **options):
        compiled = compile_catalogs(force=force)
        self.stdout.write(f"Compiled {len(compiled)} translation catalogs.")
