"""`manage.py export_pathways --format json|csv`: every route in the interchange format."""

import json

from django.core.management import BaseCommand

from pathways.models import Route
from pathways.selectors import export_csv, export_documents, routes_for_export


class Command(BaseCommand):
    help = "Export continuous pathways as interchange JSON (a list of documents) or CSV."

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["json", "csv"], default="json")
        parser.add_argument("--status", choices=Route.Status.values, default="")

    def handle(self, *args, **options):
        routes = routes_for_export(options["status"])
        if options["format"] == "csv":
            self.stdout.write(export_csv(routes), ending="")
        else:
            documents = export_documents(routes)
            self.stdout.write(json.dumps(documents, ensure_ascii=False, indent=2))
