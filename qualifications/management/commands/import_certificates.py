"""manage.py import_certificates FILE.csv: import mbo-certificates."""

from django.core.management.base import BaseCommand, CommandError

from qualifications.certificate_import import import_certificates_csv
from qualifications.sbb_xml import ImportFailed


class Command(BaseCommand):
    help = (
        "Import mbo-certificates from a CSV file with the header "
        "code,title,level,attached_to,qualification,core_task,keuzedeel,valid_from "
        "(attached_to: part or keuzedeel; valid_from: YYYY-MM-DD). All or nothing; "
        "running twice changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE", help="certificates CSV file(s)")

    def handle(self, *args, **options):
        for path in options["files"]:
            try:
                result = import_certificates_csv(path)
            except ImportFailed as error:
                raise CommandError(str(error)) from None
            self.stdout.write(result.summary())
