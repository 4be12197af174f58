"""`manage.py validate FILE`: check one submission document against the rules.

Prints one JSON object on stdout (`kind`, `valid`, `findings`) and exits with
0 (valid), 1 (not valid: a finding of severity error, also for JSON that is not
an object or has an unknown kind) or 2 (the file could not be read at all:
missing, empty, not UTF-8, not JSON, too large, nested too deeply, or holding a
value the input boundary refuses: see core/boundary.py).
"""

import json
import sys

from django.core.management.base import BaseCommand
from django.utils.translation import gettext_noop

from rules.engine import MAX_DOCUMENT_BYTES, unreadable_report, validate_bytes


class Command(BaseCommand):
    help = "Validate a submission document (JSON) with the rules the application uses."

    def add_arguments(self, parser):
        parser.add_argument("file", help="path of the JSON document, or - for standard input")

    def handle(self, *args, **options):
        path = options["file"]
        try:
            if path == "-":
                data = sys.stdin.buffer.read(MAX_DOCUMENT_BYTES + 1)
            else:
                with open(path, "rb") as handle:
                    data = handle.read(MAX_DOCUMENT_BYTES + 1)
        except OSError as error:
            report = unreadable_report(
                gettext_noop("The file cannot be read: %(error)s."),
                error=error.strerror or str(error),
            )
        else:
            report = validate_bytes(data)
        self.stdout.write(json.dumps(report.as_dict(), ensure_ascii=False))
        if not report.readable:
            sys.exit(2)
        sys.exit(0 if report.valid else 1)
