"""The role groups every template reads (`roles.reviewer`, …) instead of role strings."""

from django.contrib.auth.models import AnonymousUser
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import translation

from accounts.context_processors import role_groups
from accounts.models import Role
from tests.base import BaseTestCase


class RoleGroupsTests(BaseTestCase):
    def groups_of(self, user) -> dict:
        request = RequestFactory().get("/")
        request.user = user
        return role_groups(request)["roles"]

    def test_a_school_author_is_in_the_school_group_only(self):
        groups = self.groups_of(self.alice)
        assert groups == {
            "school": True,
            "reviewer": False,
            "sbb": False,
            "ministry": False,
            "administrator": False,
        }

    def test_each_national_role_is_in_its_groups(self):
        expected = {
            Role.SBB_REVIEWER: {"reviewer", "sbb"},
            Role.INSPECTORATE_REVIEWER: {"reviewer"},
            Role.MINISTRY_STAFF: {"ministry"},
            Role.ADMINISTRATOR: {"reviewer", "sbb", "ministry", "administrator"},
        }
        for role, groups in expected.items():
            with self.subTest(role=role):
                shown = self.groups_of(self.make_national_user(role))
                assert {name for name, member in shown.items() if member} == groups

    def test_a_visitor_is_in_no_group(self):
        assert not any(self.groups_of(AnonymousUser()).values())

    def test_the_review_link_follows_the_group(self):
        self.login(self.make_national_user(Role.INSPECTORATE_REVIEWER))
        assert "/indieningen/beoordelen/" in self.client.get("/").content.decode()
        self.login(self.alice)
        assert "/indieningen/beoordelen/" not in self.client.get("/").content.decode()


def test_a_severity_reads_as_its_label_in_the_active_language():
    template = Template("{% load rule_sources %}{{ severity|severity_label }}")
    with translation.override("nl"):
        assert template.render(Context({"severity": "error"})) == "fout"
    with translation.override("en"):
        assert template.render(Context({"severity": "plausibility"})) == "plausibility check"
