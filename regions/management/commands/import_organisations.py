from pathlib import Path

from django.core.management import BaseCommand, CommandError
from django.core.management.base import no_translations

from regions.services import InputError, import_organisations


class Command(BaseCommand):
    help = (
        "Import organisations from a CSV file with the header "
        "kind,code,name,municipality,region. All-or-nothing; running twice changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="CSV file (UTF-8, header row)")
        parser.add_argument(
            "--demo", action="store_true", help="Mark the organisations as fictitious demo data."
        )

    @no_translations  # plain English on the command line, like the other import commands
    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"{path}: the file does not exist.")
        try:
            result = import_organisations(path, is_demo=options["demo"])
        except InputError as error:
            raise CommandError(f"Nothing was imported.\n{error}") from error
        summary = result.summary("Organisations")
        self.stdout.write(self.style.SUCCESS(summary) if result.changed else summary)
