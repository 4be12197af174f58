"""Schools in an experiment on the public map."""

from experiments.models import Experiment, Participation
from regions import selectors as region_selectors
from tests.base import BaseTestCase


class ParticipatingSchoolIndicatorTests(BaseTestCase):
    def test_counts_admitted_schools_once_per_region(self):
        indicator = region_selectors.get_indicator("participating_schools")
        self.assertEqual(indicator.count(), {})
        experiments = list(Experiment.objects.order_by("pk")[:2])
        # Admitted to two experiments: still one school.
        for experiment in experiments:
            Participation.objects.create(
                experiment=experiment, school=self.school, cohort="2020/21", status="admitted"
            )
        Participation.objects.create(
            experiment=experiments[0], school=self.other_school, cohort="2020/21", status="applied"
        )

        self.assertEqual(indicator.count(), {"AM06": 1})
