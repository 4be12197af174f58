from pathlib import Path

from django.core.management import BaseCommand, CommandError
from django.core.management.base import no_translations

from experiments.participation_import import import_participations, read_text
from regions.services import InputError


class Command(BaseCommand):
    help = (
        "Import the schools that applied to or take part in an experiment from a CSV file "
        "with the header experiment,school,cohort,status,decided_on. All-or-nothing (also "
        "when the file would break an experiment's caps); running twice changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="CSV file (UTF-8, header row)")

    @no_translations  # plain English on the command line, like the other import commands
    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"{path}: the file does not exist.")
        try:
            plan = import_participations(read_text(path), str(path))
        except InputError as error:
            raise CommandError(f"Nothing was imported.\n{error}") from error
        summary = plan.summary()
        self.stdout.write(self.style.SUCCESS(summary) if plan.changed else summary)
