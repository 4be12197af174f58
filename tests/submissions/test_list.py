"""The list of submissions: scoped to the organisation, paginated, searchable."""

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from submissions.intake.views import PAGE_SIZE
from submissions.models import Submission, SubmissionVersion

from .helpers import SubmissionTestCase


class ListTests(SubmissionTestCase):
    @pytest.fixture(autouse=True)
    def _query_guard(self, django_assert_max_num_queries):
        self.max_queries = django_assert_max_num_queries

    def make(self, title, school=None, versions=1):
        submission = Submission.objects.create(
            kind="regional_programme",
            school=school or self.school,
            title=title,
            created_by=self.alice if school in (None, self.school) else self.charlie,
            submitted_at=timezone.now(),
        )
        for number in range(1, versions + 1):
            SubmissionVersion.objects.create(
                submission=submission,
                number=number,
                document=self.valid(),
                source_text="{}",
                created_by=submission.created_by,
            )
        return submission

    def test_anonymous_is_sent_to_login(self):
        response = self.client.get(reverse("submissions:list"))
        assert response.status_code == 302

    def test_alice_and_bob_see_their_organisation_only(self):
        ours = self.make("Zorg dichtbij huis", versions=2)
        theirs = self.make("Techniek in Tilburg", school=self.other_school)
        for user in (self.alice, self.bob):
            self.login(user)
            response = self.client.get(reverse("submissions:list"))
            assert list(response.context["page_obj"]) == [ours]
            self.assertContains(response, reverse("submissions:detail", args=[ours.pk]))
            self.assertNotContains(response, theirs.title)
        assert response.context["page_obj"][0].latest_number == 2

    def test_charlie_sees_nothing_of_alice(self):
        self.make("Zorg dichtbij huis")
        self.login(self.charlie)
        response = self.client.get(reverse("submissions:list"))
        assert list(response.context["page_obj"]) == []
        self.assertContains(response, "empty-state")
        self.assertNotContains(response, "Zorg dichtbij huis")

    def test_national_roles_see_all(self):
        ours = self.make("Zorg dichtbij huis")
        theirs = self.make("Techniek in Tilburg", school=self.other_school)
        for role in (Role.SBB_REVIEWER, Role.MINISTRY_STAFF, Role.INSPECTORATE_REVIEWER):
            self.login(self.make_national_user(role))
            response = self.client.get(reverse("submissions:list"))
            assert set(response.context["page_obj"]) == {ours, theirs}
            assert response.context["can_upload"] is False

    def test_shows_the_result_of_the_latest_version(self):
        from submissions.intake.services import save_validation_report

        checked = self.make("Gecontroleerd", versions=2)
        save_validation_report(version_id=checked.versions.get(number=2).pk)
        older_only = self.make("Alleen oud gecontroleerd", versions=2)
        save_validation_report(version_id=older_only.versions.get(number=1).pk)
        self.login(self.alice)
        response = self.client.get(reverse("submissions:list"))
        results = {s.title: s.latest_valid for s in response.context["page_obj"]}
        assert results == {"Gecontroleerd": True, "Alleen oud gecontroleerd": None}

    def test_search_by_title(self):
        self.make("Zorg dichtbij huis")
        other = self.make("Logistiek in de regio")
        self.login(self.alice)
        response = self.client.get(reverse("submissions:list"), {"q": "logistiek"})
        assert list(response.context["page_obj"]) == [other]
        response = self.client.get(reverse("submissions:list"), {"q": "bestaat niet"})
        assert list(response.context["page_obj"]) == []
        self.assertContains(response, 'value="bestaat niet"')

    def test_paginated_with_constant_queries(self):
        for number in range(PAGE_SIZE + 3):
            self.make(f"Opleiding {number}", versions=2)
        self.login(self.alice)
        with self.max_queries(8):
            first = self.client.get(reverse("submissions:list"))
        assert len(first.context["page_obj"]) == PAGE_SIZE
        second = self.client.get(reverse("submissions:list"), {"page": 2})
        assert len(second.context["page_obj"]) == 3
        self.assertContains(first, "?page=2")
