"""Submitting a practice-oriented programme keeps its experiment and region.

Its interchange document names neither, so they cannot come from the document;
the ministry's progress page and the reviewers' region filter rely on them.
"""

from experiments.models import Experiment
from submissions.models import Submission
from tests.base import make_user

from .helpers import WorkflowTestCase


class PracticeProgrammeSubmitTests(WorkflowTestCase):
    def test_submitted_practice_programme_has_the_pilot_and_its_schools_region(self):
        vmbo_author = make_user("vmbo-author", self.ref.vmbo)
        submission = self.submitted(self.valid("practice_programme"), user=vmbo_author)

        pilot = Experiment.objects.get(kind="practice_programme")
        assert submission.state == Submission.State.UNDER_REVIEW
        assert submission.experiment == pilot
        assert submission.region == self.ref.vmbo.region
