"""The home page: the public start page for visitors, a page per role after login.

Headings are the English msgids of the templates, expected in their Dutch
translation from the catalogue (the UI is Dutch by default).
"""

import re

from django.test import Client
from django.urls import reverse
from django.utils import translation

from accounts.models import Role
from tests.base import BaseTestCase

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
