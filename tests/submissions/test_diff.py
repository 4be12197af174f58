"""The difference between two versions: the flattening, the changes in document
order, and the page at /indieningen/<pk>/verschil/?van=1&naar=2."""

from django.urls import reverse
from django.utils import translation

from submissions import workflow
from submissions.models import Submission
from submissions.review.diff import diff_documents, flatten, word_diff

from .helpers import WorkflowTestCase


def test_flatten_walks_objects_and_lists_in_document_order():
    document = {"a": 1, "b": {"c": [{"d": "x"}, "y"], "e": []}, "f": {}}
    assert flatten(document) == [
        ("a", 1),
        ("b.c[0].d", "x"),
        ("b.c[1]", "y"),
        ("b.e", []),
        ("f", {}),
    ]


def test_word_diff_marks_removed_and_added_words():
    assert word_diff("de snelle bruine vos", "de trage bruine vos springt") == [
        ("equal", "de"),
        ("removed", "snelle"),
        ("added", "trage"),
        ("equal", "bruine vos"),
        ("added", "springt"),
    ]


class DiffTests(WorkflowTestCase):
    def two_versions(self):
        """Version 1 (the valid document) and version 2 with changes in three sections."""
        submission = self.submitted()
        self.decide(submission, self.sbb_user, "changes_requested", "Meer uren en een expert.")
        revised = self.valid()
        revised["regional_section"]["hours"] = 480
        revised["regional_section"]["learning_outcomes"][0]["text"] = (
            "Ondersteunt cliënten en hun mantelzorgers bij wonen in de wijk"
        )
        revised["regional_section"]["contributors"].append(
            {"name": "C. Expert", "role": "company_expert", "organisation": "12345678"}
        )
        del revised["electives"][1]
        Submission.objects.filter(pk=submission.pk).update(draft=revised)
        with self.captureOnCommitCallbacks(execute=True):
            workflow.submit(submission, self.alice)
        return submission, revised

    def test_changes_between_two_real_versions(self):
        submission, revised = self.two_versions()
        old, new = (v.document for v in submission.versions.order_by("number"))
        assert new == revised
        changes = diff_documents(old, new)
        assert [(c.path, c.change) for c in changes] == [
            ("regional_section.hours", "changed"),
            ("regional_section.learning_outcomes[0].text", "changed"),
            ("regional_section.contributors[2].name", "added"),
            ("regional_section.contributors[2].role", "added"),
            ("regional_section.contributors[2].organisation", "added"),
            ("electives[1].type", "removed"),
            ("electives[1].title", "removed"),
            ("electives[1].hours", "removed"),
            ("electives[1].learning_outcomes[0].code", "removed"),
            ("electives[1].learning_outcomes[0].text", "removed"),
        ]
        hours = changes[0]
        assert (hours.old, hours.new, hours.words) == ("400", "480", [])
        text = changes[1]
        assert ("added", "en hun mantelzorgers") in text.words
        assert changes[5].old == old["electives"][1]["type"]
        # From a version to itself nothing changed; backwards it reverses.
        assert diff_documents(new, new) == []
        assert {c.change for c in diff_documents(new, old)} == {"changed", "added", "removed"}

    def test_the_page_shows_the_changes(self):
        submission, _revised = self.two_versions()
        url = reverse("submissions:diff", args=[submission.pk])
        for user in (self.alice, self.bob, self.sbb_user, self.ministry_user):
            self.login(user)
            response = self.client.get(url, {"van": 1, "naar": 2})
            assert response.status_code == 200, user.username
            self.assertContains(response, "diff-row--changed", count=2)
            self.assertContains(response, "diff-row--added", count=3)
            self.assertContains(response, "diff-row--removed", count=5)
            self.assertContains(response, "<ins>")
            self.assertContains(response, "480")
        # Without numbers: the last two versions.
        assert self.client.get(url).context["changes"] == response.context["changes"]

    def test_the_detail_page_links_to_the_comparison(self):
        submission, _revised = self.two_versions()
        self.login(self.alice)
        response = self.client.get(reverse("submissions:detail", args=[submission.pk]))
        self.assertContains(
            response, f'action="{reverse("submissions:diff", args=[submission.pk])}"'
        )

    def test_charlie_and_unknown_versions_get_404(self):
        submission, _revised = self.two_versions()
        url = reverse("submissions:diff", args=[submission.pk])
        self.login(self.charlie)
        assert self.client.get(url, {"van": 1, "naar": 2}).status_code == 404
        self.login(self.alice)
        assert self.client.get(url, {"van": 1, "naar": 9}).status_code == 404
        assert self.client.get(url, {"van": "een", "naar": 2}).status_code == 400

    def test_one_version_has_nothing_to_compare(self):
        submission = self.submitted()
        self.login(self.alice)
        response = self.client.get(reverse("submissions:diff", args=[submission.pk]))
        assert response.status_code == 200
        self.assertContains(response, "empty-state")

    def test_the_changed_fields_are_named_in_words(self):
        submission, _revised = self.two_versions()
        self.login(self.alice)
        response = self.client.get(reverse("submissions:diff", args=[submission.pk]))
        with translation.override("nl"):
            hours = f"{translation.gettext('Regional section')} › {translation.gettext('Hours')}"
        assert hours == "Regionaal deel › Uren"
        self.assertContains(response, hours)
        self.assertContains(response, '<code class="document-path">regional_section.hours</code>')


class DiffNamesTests(WorkflowTestCase):
    def test_changed_codes_read_as_names_and_fields_as_the_editor_labels_them(self):
        import re

        submission = self.submitted()
        self.decide(submission, self.sbb_user, "changes_requested", "Een andere expert.")
        revised = self.valid()
        revised["regional_section"]["contributors"][1]["organisation"] = "87654321"
        Submission.objects.filter(pk=submission.pk).update(draft=revised)
        with self.captureOnCommitCallbacks(execute=True):
            workflow.submit(submission, self.alice)
        self.login(self.sbb_user)
        response = self.client.get(
            reverse("submissions:diff", args=[submission.pk]) + "?van=1&naar=2"
        )
        html = response.content.decode()
        visible = re.sub(r"<details.*?</details>", "", html, flags=re.DOTALL)
        assert "Zorggroep Deventer (KvK 12345678)" in visible
        assert "Tilburg Techniek (KvK 87654321)" in visible
        assert "Regionaal deel › Ontwikkelaar 2 › Organisatie (BRIN- of KvK-nummer)" in visible
        assert "regional_section.contributors[1].organisation" in html
        assert "regional_section.contributors[1].organisation" not in visible
