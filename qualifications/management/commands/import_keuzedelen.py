"""manage.py import_keuzedelen FILE.csv: import keuzedelen (elective modules)."""

from django.core.management.base import BaseCommand, CommandError

from qualifications.sbb_xml import ImportFailed
from qualifications.services import import_electives_csv


class Command(BaseCommand):
    help = (
        "Import keuzedelen from a CSV file with the columns code,title,level,sbu,certificate "
        "(certificate: yes/no; level may be empty). All or nothing; running twice changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE", help="keuzedelen CSV file(s)")

    def handle(self, *args, **options):
        for path in options["files"]:
            try:
                result = import_electives_csv(path)
            except ImportFailed as error:
                raise CommandError(str(error)) from None
            self.stdout.write(result.summary())
