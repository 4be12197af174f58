"""The submission page: findings grouped by section, new versions, access by organisation."""

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from submissions.intake import services
from submissions.models import Submission, SubmissionVersion

from .helpers import SubmissionTestCase, as_upload


class DetailTests(SubmissionTestCase):
    @pytest.fixture(autouse=True)
    def _query_guard(self, django_assert_max_num_queries):
        self.max_queries = django_assert_max_num_queries

    def make_submission(self, document):
        with self.captureOnCommitCallbacks(execute=True):
            return services.create_submission(user=self.alice, data=as_upload(document).read())

    def invalid_document(self):
        document = self.valid()
        del document["regional_section"]["contributors"][1]  # RR-04: no company expert
        document["regional_section"]["hours"] = 5000  # RR-09 plausibility
        document["electives"][0]["code"] = "K9999"  # RR-06
        return document

    def test_findings_grouped_by_section_with_rule_links(self):
        submission = self.make_submission(self.invalid_document())
        self.login(self.alice)
        response = self.client.get(reverse("submissions:detail", args=[submission.pk]))
        assert response.status_code == 200
        groups = dict(response.context["groups"])
        assert set(groups) == {"regional_section", "electives"}
        assert {f["rule"] for f in groups["regional_section"]} == {"RR-04", "RR-09"}
        assert [f["rule"] for f in groups["electives"]] == ["RR-06"]
        rules_url = reverse("submissions:rules")
        self.assertContains(response, f'href="{rules_url}#RR-04"')
        self.assertContains(response, 'class="badge badge--plausibility"')
        self.assertContains(response, "K9999")
        # Finished: the fragment no longer polls.
        self.assertNotContains(response, 'hx-trigger="every')

    def test_messages_follow_the_active_language(self):
        submission = self.make_submission(self.invalid_document())
        self.login(self.alice)
        url = reverse("submissions:detail", args=[submission.pk])
        self.client.cookies["django_language"] = "en"
        english = self.client.get(url)
        self.assertContains(english, "Keuzedeel K9999 is not in the register.")
        self.client.cookies["django_language"] = "nl"
        dutch = self.client.get(url)
        self.assertNotContains(dutch, "Keuzedeel K9999 is not in the register.")
        self.assertContains(dutch, "K9999")

    def test_bob_sees_alice_submission(self):
        submission = self.make_submission(self.valid())
        self.login(self.bob)
        assert (
            self.client.get(reverse("submissions:detail", args=[submission.pk])).status_code == 200
        )

    def test_charlie_gets_404_everywhere(self):
        submission = self.make_submission(self.valid())
        self.login(self.charlie)
        for name, args in [
            ("submissions:detail", [submission.pk]),
            ("submissions:version-status", [submission.pk, 1]),
            ("submissions:version-download", [submission.pk, 1]),
        ]:
            assert self.client.get(reverse(name, args=args)).status_code == 404, name
        response = self.client.post(
            reverse("submissions:version-upload", args=[submission.pk]),
            {"document": as_upload(self.valid())},
        )
        assert response.status_code == 404
        assert SubmissionVersion.objects.count() == 1

    def test_national_roles_see_every_submission_once_submitted(self):
        submission = self.make_submission(self.valid())
        Submission.objects.filter(pk=submission.pk).update(submitted_at=timezone.now())
        for role in (
            Role.SBB_REVIEWER,
            Role.INSPECTORATE_REVIEWER,
            Role.MINISTRY_STAFF,
            Role.ADMINISTRATOR,
        ):
            self.login(self.make_national_user(role))
            response = self.client.get(reverse("submissions:detail", args=[submission.pk]))
            assert response.status_code == 200, role
            assert response.context["form"] is None  # they cannot upload versions

    def test_new_version_of_a_draft(self):
        submission = self.make_submission(self.invalid_document())
        self.login(self.bob)
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(
                reverse("submissions:version-upload", args=[submission.pk]),
                {"document": as_upload(self.valid())},
            )
        self.assertRedirects(response, reverse("submissions:detail", args=[submission.pk]))
        versions = {v.number: v for v in submission.versions.select_related("report")}
        assert set(versions) == {1, 2}
        assert versions[1].report.valid is False
        assert versions[2].report.valid is True
        assert versions[2].created_by == self.bob

    def test_new_version_must_have_the_same_kind(self):
        submission = self.make_submission(self.valid())
        self.login(self.alice)
        response = self.client.post(
            reverse("submissions:version-upload", args=[submission.pk]),
            {"document": as_upload(self.valid("cross_over"))},
        )
        assert response.status_code == 400
        assert submission.versions.count() == 1

    def test_no_new_version_once_submitted(self):
        submission = self.make_submission(self.valid())
        Submission.objects.filter(pk=submission.pk).update(state=Submission.State.SUBMITTED)
        self.login(self.alice)
        response = self.client.post(
            reverse("submissions:version-upload", args=[submission.pk]),
            {"document": as_upload(self.valid())},
        )
        assert response.status_code == 400
        assert submission.versions.count() == 1

    def test_detail_query_count_does_not_grow_with_versions(self):
        submission = self.make_submission(self.valid())
        for _ in range(5):
            with self.captureOnCommitCallbacks(execute=True):
                services.add_version(
                    submission=submission, user=self.alice, data=as_upload(self.valid()).read()
                )
        self.login(self.alice)
        with self.max_queries(12):
            response = self.client.get(reverse("submissions:detail", args=[submission.pk]))
        assert len(response.context["versions"]) == 6


class FindingsInWordsTests(SubmissionTestCase):
    """A finding reads in words: the field's label, the message, and the source
    document's title linked to the rule; the JSON path only in a disclosure."""

    def test_labels_sources_and_paths_in_a_disclosure(self):
        import re

        document = self.valid()
        del document["regional_section"]["contributors"][1]  # RR-04
        with self.captureOnCommitCallbacks(execute=True):
            submission = services.create_submission(
                user=self.alice, data=as_upload(document).read()
            )
        self.login(self.alice)
        url = reverse("submissions:detail", args=[submission.pk])
        response = self.client.get(url)
        html = response.content.decode()
        self.assertContains(
            response, "Er is geen expert uit het bedrijfsleven bij de ontwikkelaars."
        )
        rules_url = reverse("submissions:rules")
        self.assertInHTML(
            f'<a class="finding__source-link" href="{rules_url}#RR-04">„Making room for the '
            "region”, aankondiging van het experiment Ruimte voor de regio, 2018: “developed "
            "regionally by teachers and experts from regional companies”"
            '<span class="visually-hidden"> – de regel en zijn bron</span></a>',
            html,
        )
        # The JSON path appears only inside the collapsed "Technische details".
        without_details = re.sub(r"<details.*?</details>", "", html, flags=re.DOTALL)
        assert "regional_section.contributors" in html
        assert "regional_section.contributors" not in without_details
        self.assertContains(response, "<summary>Technische details</summary>", html=True)
        assert "<details open" not in html
        self.client.cookies["django_language"] = "en"
        english = self.client.get(url)
        self.assertContains(english, "No expert from a company is among the contributors.")
        self.assertContains(english, "“Making room for the region”, announcement of the experiment")
