"""The home page: the public start page for visitors, a page per role after login.

Headings are the English msgids of the templates, expected in their Dutch
translation from the catalogue (the UI is Dutch by default). Task-first: each
role's next tasks as links with counts.
"""

import datetime
import re

from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from accounts.models import Role
from pathways.models import Route
from submissions.models import Submission
from tests.base import BaseTestCase, session_queries
from tests.pathways.helpers import PathwayTestCase

HOME_URL = reverse("home")

# The heading (English msgid) each role's home page starts with.
HEADINGS = {
    Role.SCHOOL_AUTHOR: "Your school's work",
    Role.SBB_REVIEWER: "SBB review",
    Role.INSPECTORATE_REVIEWER: "Inspectorate review",
    Role.MINISTRY_STAFF: "Ministry overview",
    Role.ADMINISTRATOR: "Administration",
}
PUBLIC_HEADING = "Room for the region in vocational education"


def dutch(msgid: str) -> str:
    """The Dutch translation of a message, which must exist."""
    with translation.override("nl"):
        text = translation.gettext(msgid)
    assert text != msgid, f"no Dutch translation for {msgid!r}"
    return text


def headings(response) -> list[str]:
    """The text of every h1 on a page (HTML entities for quotes decoded)."""
    html = response.content.decode()
    return [
        re.sub(r"<[^>]+>", "", text).replace("&#x27;", "'").strip()
        for text in re.findall(r"<h1[^>]*>(.*?)</h1>", html, re.DOTALL)
    ]


class HomeTests(BaseTestCase):
    def test_every_role_has_a_heading_here(self):
        self.assertEqual(set(HEADINGS), set(Role.values))

    def test_anonymous_visitors_see_the_public_page(self):
        response = self.client.get(HOME_URL)

        self.assertEqual(response.status_code, 200)
        self.assertEqual(headings(response), [dutch(PUBLIC_HEADING)])
        self.assertContains(response, f'href="{reverse("login")}"')

    def test_a_head_request_is_answered_like_a_get_without_a_body(self):
        # Link checkers and uptime monitors ask with HEAD (require_safe, not require_GET).
        lists = [reverse("qualifications:dossier-list"), reverse("regions:region_list")]
        for url in (HOME_URL, *lists):
            with self.subTest(url=url):
                response = self.client.head(url)
                self.assertEqual(response.status_code, 200)
                self.assertEqual(response.content, b"")

    def test_a_school_author_sees_the_school_home_page(self):
        for user in (self.alice, self.bob, self.charlie):
            with self.subTest(user=user.username):
                client = Client()
                client.force_login(user)

                response = client.get(HOME_URL)

                self.assertEqual(headings(response), [dutch(HEADINGS[Role.SCHOOL_AUTHOR])])
                self.assertContains(response, user.organisation.name.replace("'", "&#x27;"))

    def test_each_national_role_sees_its_own_home_page(self):
        for role in sorted(set(Role.values) - {Role.SCHOOL_AUTHOR}):
            with self.subTest(role=role):
                client = Client()
                client.force_login(self.make_national_user(role))

                response = client.get(HOME_URL)

                self.assertEqual(response.status_code, 200)
                self.assertEqual(headings(response), [dutch(HEADINGS[role])])

    def test_the_role_headings_differ(self):
        self.assertEqual(len({dutch(msgid) for msgid in HEADINGS.values()}), len(HEADINGS))

    def test_only_the_administrator_gets_a_link_to_the_admin(self):
        admin_link = f'href="{reverse("admin:index")}"'
        for role in Role.values:
            with self.subTest(role=role):
                user = self.alice if role == Role.SCHOOL_AUTHOR else self.make_national_user(role)
                client = Client()
                client.force_login(user)

                response = client.get(HOME_URL)

                if role == Role.ADMINISTRATOR:
                    self.assertContains(response, admin_link)
                else:
                    self.assertNotContains(response, admin_link)


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
        self.assertContains(response, "the oldest came in today")

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
        with self.assertNumQueries(10 + session_queries()):  # user, unread, school, 7 blocks
            self.client.get("/")
