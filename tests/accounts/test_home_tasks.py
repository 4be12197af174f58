"""Task-first home pages: each role's next tasks as links with counts."""

import datetime

from django.utils import timezone

from accounts.models import Role
from pathways.models import Route
from submissions.models import Submission
from tests.pathways.helpers import PathwayTestCase


class HomeTasksTest(PathwayTestCase):
    def setUp(self):
        super().setUp()
        self.client.cookies.load({"django_language": "en"})

    def submission(self, school, state, **fields):
        return Submission.objects.create(
            kind="regional_programme",
            school=school,
            title=f"{state} {school.code}",
            state=state,
            created_by=self.alice,
            **fields,
        )

    def test_a_school_author_sees_drafts_changes_and_routes_to_confirm(self):
        self.submission(self.school, "draft")
        self.submission(self.school, "draft")
        self.submission(self.school, "changes_requested")
        self.submission(self.other_school, "draft")  # Charlie's: not counted for Alice
        # Victor's vmbo sent one route to Alice's ROC; Alice sent another to Victor.
        self.make_route(
            status=Route.Status.AWAITING_CONFIRMATION, submitted_by_organisation=self.vmbo_school
        )
        self.make_route(
            status=Route.Status.AWAITING_CONFIRMATION,
            submitted_by_organisation=self.school,
            vmbo_track="kb",
        )
        self.login(self.alice)
        response = self.client.get("/")
        content = response.content.decode()
        self.assertIn("Draft a new regionalised programme", content)
        self.assertIn('href="/indieningen/concept/nieuw/?kind=regional_programme"', content)
        self.assertIn('href="/indieningen/nieuw/"', content)  # upload: the secondary path
        self.assertIn("2 drafts to finish", content)
        self.assertIn("1 submission with changes requested", content)
        self.assertIn("1 continuous pathway waits for your school's confirmation", content)
        # The first task comes before the other links.
        self.assertLess(content.index("drafts to finish"), content.index("Browse the national"))
        self.login(self.victor)
        response = self.client.get("/")
        self.assertContains(response, "1 continuous pathway waits")

    def test_the_links_lead_to_the_counted_items(self):
        self.submission(self.school, "draft")
        self.submission(self.school, "approved")
        route = self.make_route(
            status=Route.Status.AWAITING_CONFIRMATION, submitted_by_organisation=self.vmbo_school
        )
        self.make_route(status=Route.Status.DRAFT, vmbo_track="kb")
        self.login(self.alice)
        listed = self.client.get("/indieningen/?state=draft").context["page_obj"].object_list
        self.assertEqual([s.state for s in listed], ["draft"])
        routes = self.client.get("/leerroutes/?to_confirm=on").context["page"].object_list
        self.assertEqual([r.pk for r in routes], [route.pk])

    def test_reviewers_see_waiting_submissions_with_the_oldest_waiting_time(self):
        now = timezone.now()
        self.submission(self.school, "under_review", submitted_at=now - datetime.timedelta(days=12))
        self.submission(
            self.other_school, "under_review", submitted_at=now - datetime.timedelta(days=2)
        )
        self.submission(
            self.school,
            "under_review",
            submitted_at=now,
            needs_inspectorate=True,
        )
        self.login(self.make_national_user(Role.SBB_REVIEWER))
        response = self.client.get("/")
        self.assertContains(response, "3 submissions wait for your review")
        self.assertContains(response, "the oldest has waited 12 days")
        self.assertContains(response, 'href="/indieningen/beoordelen/"')
        self.login(self.make_national_user(Role.INSPECTORATE_REVIEWER))
        response = self.client.get("/")
        self.assertContains(response, "1 submission waits for your review")
        self.assertContains(response, "the oldest has waited 0 days")

    def test_an_empty_queue_says_zero_without_a_waiting_time(self):
        self.login(self.make_national_user(Role.SBB_REVIEWER))
        response = self.client.get("/")
        self.assertContains(response, "0 submissions wait for your review")
        self.assertNotContains(response, "the oldest has waited")

    def test_ministry_sees_applications_to_decide_and_the_latest_coverage(self):
        self.make_route(status=Route.Status.ACTIVE)
        self.login(self.make_national_user(Role.MINISTRY_STAFF))
        response = self.client.get("/")
        self.assertContains(response, "0 applications to decide")
        self.assertContains(response, "1 of 35")

    def test_query_count_of_a_home_page_is_bounded(self):
        for state in ("draft", "changes_requested", "approved"):
            self.submission(self.school, state)
        self.login(self.alice)
        with self.assertNumQueries(9):  # session, user, unread, school, one per block
            self.client.get("/")
