"""`manage.py import_pathways FILE`: routes in the interchange format (JSON: one
document or a list; or CSV). All or nothing; errors name the item or line."""

from pathlib import Path

from django.core.management import BaseCommand, CommandError

from pathways.services import ImportFailed, import_documents, read_import_file


class Command(BaseCommand):
    help = "Import continuous pathways from a JSON (one document or a list) or CSV file."

    def add_arguments(self, parser):
        parser.add_argument("file", help="A .json or .csv file")

    def handle(self, *args, **options):
        path = Path(options["file"])
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"{path}: cannot read the file ({error.strerror}).") from error
        try:
            routes = import_documents(read_import_file(path.name, data))
        except ImportFailed as failure:
            for line in failure.errors:
                self.stderr.write(line)
            raise CommandError(
                f"{path}: nothing imported ({len(failure.errors)} problem(s))."
            ) from failure
        self.stdout.write(self.style.SUCCESS(f"{path}: {len(routes)} route(s) imported."))
