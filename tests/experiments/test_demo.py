"""Demo participations (experiments.demo): on the demo schools, within the caps,
idempotent, and skipped when the schools are missing."""

import io

from django.core.management import call_command
from django.test import TestCase

from experiments.demo import DEMO_PARTICIPATIONS, load_demo_participations
from experiments.models import Participation
from regions.demo import load_demo_organisations

from .factories import ensure_experiments


class DemoParticipationsTests(TestCase):
    def setUp(self):
        ensure_experiments()

    def test_nothing_happens_without_the_demo_schools(self):
        self.assertEqual(load_demo_participations(), 0)
        self.assertFalse(Participation.objects.exists())

    def test_loaded_once_with_the_statuses_of_the_list(self):
        call_command("import_regions", stdout=io.StringIO())
        load_demo_organisations()
        self.assertEqual(load_demo_participations(), len(DEMO_PARTICIPATIONS))
        self.assertEqual(load_demo_participations(), 0)
        rows = set(
            Participation.objects.values_list(
                "experiment__slug", "school__code", "cohort", "status"
            )
        )
        expected = {
            (slug, code, cohort, status) for slug, code, cohort, status, _m in DEMO_PARTICIPATIONS
        }
        self.assertEqual(rows, expected)
        self.assertIn(("ruimte-voor-de-regio", "99XA", "2020/21", "admitted"), rows)
        self.assertIn(("pilot-praktijkgerichte-programmas", "99XB", "2021/22", "applied"), rows)
        admitted = Participation.objects.filter(status="admitted")
        self.assertTrue(all(p.decided_at is not None for p in admitted))

    def test_a_participation_changed_in_the_demo_is_left_alone(self):
        call_command("import_regions", stdout=io.StringIO())
        load_demo_organisations()
        load_demo_participations()
        Participation.objects.filter(school__code="99XB").update(status="declined")
        load_demo_participations()
        self.assertEqual(Participation.objects.get(school__code="99XB").status, "declined")
