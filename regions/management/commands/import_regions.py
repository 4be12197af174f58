from pathlib import Path

from django.conf import settings
from django.core.management import BaseCommand, CommandError
from django.core.management.base import no_translations

from regions.services import InputError, import_regions


def default_regions_file() -> Path:
    """The CBS 2020 labour-market regions file in the reference data folder."""
    return Path(settings.DATA_DIR) / "regions" / "arbeidsmarktregio_2020.topojson"


class Command(BaseCommand):
    help = "Import the CBS labour-market regions (TopoJSON with statcode/statnaam)."

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", help="TopoJSON file (default: the CBS 2020 file)")

    @no_translations  # plain English on the command line, like the other import commands
    def handle(self, *args, **options):
        path = Path(options["file"]) if options["file"] else default_regions_file()
        if not path.is_file():
            raise CommandError(f"{path}: the file does not exist.")
        try:
            result = import_regions(path)
        except InputError as error:
            raise CommandError(str(error)) from error
        summary = result.summary("Regions")
        self.stdout.write(self.style.SUCCESS(summary) if result.changed else summary)
