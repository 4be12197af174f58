"""manage.py import_sbb FILE…: import SBB kwalificatiedossier XML files."""

from django.core.management.base import BaseCommand, CommandError

from qualifications.sbb_xml import ImportFailed
from qualifications.services import import_sbb_file


class Command(BaseCommand):
    help = (
        "Import SBB qualification files (XML). Each file is imported all or nothing; "
        "running a file twice changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE", help="SBB XML file(s)")

    def handle(self, *args, **options):
        for path in options["files"]:
            try:
                result = import_sbb_file(path)
            except ImportFailed as error:
                # CommandError prints the one sentence to stderr and exits with status 1.
                raise CommandError(str(error)) from None
            self.stdout.write(result.summary())
