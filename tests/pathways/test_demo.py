"""Demo routes (pathways.demo): loaded on the demo schools and SBB samples, valid
by the rules, idempotent, and skipped when what they need is missing."""

import io

from django.conf import settings
from django.core.management import call_command
from django.test import TestCase

from pathways.demo import DEMO_ROUTES, load_demo_routes
from pathways.models import Route
from pathways.services import check_route
from regions.demo import load_demo_organisations


class DemoRoutesTests(TestCase):
    def test_nothing_happens_without_schools_and_qualifications(self):
        self.assertEqual(load_demo_routes(), 0)
        self.assertFalse(Route.objects.exists())

    def test_routes_are_loaded_valid_and_idempotent(self):
        call_command("import_regions", stdout=io.StringIO())
        load_demo_organisations()
        sbb_files = sorted(str(path) for path in (settings.DATA_DIR / "sbb").glob("*.xml"))
        call_command("import_sbb", *sbb_files, stdout=io.StringIO())
        self.assertEqual(load_demo_routes(), len(DEMO_ROUTES))
        self.assertEqual(load_demo_routes(), len(DEMO_ROUTES))
        self.assertEqual(Route.objects.count(), len(DEMO_ROUTES))
        for route in Route.objects.all():
            self.assertTrue(route.is_demo)
            errors = [f.rule for f in check_route(route).findings if f.severity == "error"]
            self.assertEqual(errors, [], str(route))
        self.assertEqual(Route.objects.filter(status=Route.Status.ACTIVE).count(), 2)
