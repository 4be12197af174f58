"""The reviewers' queue: who may open it, what it lists, its filters and its query count."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from experiments.models import Experiment
from rules.kinds import kinds
from submissions.models import Submission
from submissions.review.views import PAGE_SIZE

from .helpers import WorkflowTestCase

URL = reverse("submissions:review-queue")


class ReviewQueueTests(WorkflowTestCase):
    @pytest.fixture(autouse=True)
    def _query_guard(self, django_assert_max_num_queries):
        self.max_queries = django_assert_max_num_queries

    def waiting(self, days, **fields):
        """A submission under review, submitted `days` ago."""
        submission = self.submitted(**fields)
        Submission.objects.filter(pk=submission.pk).update(
            submitted_at=timezone.now() - datetime.timedelta(days=days)
        )
        return submission

    def test_only_reviewers_may_open_it(self):
        assert self.client.get(URL).status_code == 302
        for user in (self.alice, self.bob, self.charlie, self.ministry_user):
            self.login(user)
            assert self.client.get(URL).status_code == 403, user.username
        for user in (self.sbb_user, self.inspector, self.admin_user):
            self.login(user)
            assert self.client.get(URL).status_code == 200, user.username

    def test_lists_submissions_under_review_longest_waiting_first(self):
        recent = self.waiting(1)
        old = self.waiting(10)
        draft = self.uploaded()
        self.login(self.sbb_user)
        response = self.client.get(URL)
        assert list(response.context["page_obj"]) == [old, recent]
        self.assertContains(response, reverse("submissions:review", args=[old.pk]))
        self.assertNotContains(response, reverse("submissions:review", args=[draft.pk]))

    def test_inspectorate_sees_only_flagged_cross_overs(self):
        flagged = self.flagged_cross_over()
        self.submitted(self.valid("cross_over"))
        self.submitted()
        self.login(self.inspector)
        assert list(self.client.get(URL).context["page_obj"]) == [flagged]
        self.login(self.sbb_user)
        assert len(self.client.get(URL).context["page_obj"]) == 3

    def test_filters(self):
        programme = self.waiting(10)
        cross_over = self.waiting(2, document=self.valid("cross_over"))
        self.login(self.sbb_user)
        cases = [
            ({"kind": "cross_over"}, [cross_over]),
            ({"kind": "regional_programme"}, [programme]),
            ({"experiment": "ruimte-voor-de-regio"}, [programme]),
            ({"experiment": "cross-overs"}, [cross_over]),
            ({"region": "AM06"}, [programme, cross_over]),
            ({"region": "AM25"}, []),
            ({"waiting_days": 5}, [programme]),
            ({"waiting_days": 0}, [programme, cross_over]),
        ]
        for params, expected in cases:
            with self.subTest(params=params):
                response = self.client.get(URL, params)
                assert response.status_code == 200
                assert list(response.context["page_obj"]) == expected
        empty = self.client.get(URL, {"region": "AM25"})
        self.assertContains(empty, "empty-state")

    def test_the_kind_filter_offers_only_kinds_that_come_to_the_queue(self):
        self.login(self.sbb_user)
        offered = dict(self.client.get(URL).context["form"].fields["kind"].choices)
        reviewed = {spec.value for spec in kinds() if spec.reviewed}
        assert set(offered) - {""} == reviewed
        # Practice statements have pages of their own and never wait here.
        assert "practice_statement" not in offered
        assert "continuous_pathway" in offered

    def test_bad_filter_is_explained_and_kept(self):
        self.login(self.sbb_user)
        response = self.client.get(URL, {"waiting_days": "veel"})
        assert response.status_code == 400
        self.assertContains(response, 'value="veel"', status_code=400)
        self.assertContains(response, "form-field__error", status_code=400)

    def test_paginated_with_a_bounded_query_count(self):
        first = self.waiting(3)
        experiment = Experiment.objects.get(slug="ruimte-voor-de-regio")
        clones = [
            Submission(
                kind=first.kind,
                school=self.school,
                title=f"Programma {number}",
                state=Submission.State.UNDER_REVIEW,
                experiment=experiment,
                region=self.region,
                submitted_at=timezone.now(),
                created_by=self.alice,
            )
            for number in range(PAGE_SIZE + 5)
        ]
        Submission.objects.bulk_create(clones)
        self.login(self.sbb_user)
        with self.max_queries(8):
            response = self.client.get(URL)
        page = response.context["page_obj"]
        assert len(page) == PAGE_SIZE
        assert page[0] == first
        assert page.paginator.count == PAGE_SIZE + 6
        second = self.client.get(URL, {"page": 2, "region": "AM06"})
        assert len(second.context["page_obj"]) == 6
        self.assertContains(second, "region=AM06")

    def test_a_flagged_cross_over_shows_when_ones_own_body_has_decided(self):
        flagged = self.flagged_cross_over()
        self.decide(flagged, self.sbb_user, "approved", "SBB akkoord.")
        self.login(self.sbb_user)
        rows = list(self.client.get(URL).context["page_obj"])
        assert [(row, row.decided_by_my_body) for row in rows] == [(flagged, True)]
        self.login(self.inspector)
        response = self.client.get(URL)
        rows = list(response.context["page_obj"])
        assert [(row, row.decided_by_my_body) for row in rows] == [(flagged, False)]
