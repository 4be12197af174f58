"""Approved regionalised programmes on the public map and region pages."""

from django.urls import reverse
from django.utils import timezone

from regions import selectors as region_selectors
from submissions.models import Submission
from tests.base import BaseTestCase


class ApprovedProgrammeRegionTests(BaseTestCase):
    def make_submission(self, title, *, state, kind="regional_programme", region=None):
        return Submission.objects.create(
            kind=kind,
            school=self.school,
            title=title,
            state=state,
            region=region,
            created_by=self.alice,
            decided_at=timezone.now() if state == Submission.State.APPROVED else None,
        )

    def test_map_indicator_counts_approved_regional_programmes_per_region(self):
        indicator = region_selectors.get_indicator("approved_programmes")
        self.assertEqual(indicator.count(), {})
        self.make_submission("Zorg dichtbij", state="approved", region=self.region)
        # Without a region of its own, a programme counts in its school's region.
        self.make_submission("Techniek in de wijk", state="approved")
        self.make_submission("Elders", state="approved", region=self.other_region)
        self.make_submission("Nog in beoordeling", state="under_review", region=self.region)
        self.make_submission("Een cross-over", state="approved", kind="cross_over")
        self.assertEqual(indicator.count(), {"AM06": 2, "AM25": 1})

    def test_region_page_lists_only_its_approved_programmes(self):
        self.make_submission("Zorg dichtbij", state="approved", region=self.region)
        self.make_submission("Nog in beoordeling", state="under_review", region=self.region)
        self.make_submission("Elders", state="approved", region=self.other_region)

        response = self.client.get(reverse("regions:region_detail", args=["AM06"]))

        self.assertContains(response, "Zorg dichtbij")
        self.assertNotContains(response, "Nog in beoordeling")
        self.assertNotContains(response, "Elders")
