"""The review page and the transitions as form posts: who sees what, who may do
what, and nothing typed is lost when a post is refused."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from submissions import workflow
from submissions.models import Decision, ReviewComment, Submission, SubmissionEvent

from .helpers import WorkflowTestCase

S = Submission.State


def dutch(msgid: str) -> str:
    """The Dutch text the page shows (Dutch is the default language)."""
    with translation.override("nl"):
        return translation.gettext(msgid)


class ReviewPageTests(WorkflowTestCase):
    @pytest.fixture(autouse=True)
    def _query_guard(self, django_assert_max_num_queries):
        self.max_queries = django_assert_max_num_queries

    def url(self, name, submission):
        return reverse(f"submissions:{name}", args=[submission.pk])

    def test_document_by_section_with_findings_and_forms_for_the_reviewer(self):
        submission = self.submitted()
        self.login(self.sbb_user)
        response = self.client.get(self.url("review", submission))
        assert response.status_code == 200
        for section in ("national_section", "regional_section", "electives"):
            self.assertContains(response, f'id="section-{section}"')
            self.assertContains(response, f'<label for="id_text_{section}"')
        self.assertContains(response, "regional_section.contributors[1].organisation")
        self.assertContains(response, "Zorg dichtbij huis")
        self.assertContains(response, 'name="outcome"')
        self.assertContains(response, 'name="reason"')
        self.assertContains(response, "utrecht-alert--success")  # the check's result

    def test_the_school_sees_comments_and_decisions_but_cannot_decide(self):
        submission = self.submitted()
        self.login(self.sbb_user)
        self.client.post(
            self.url("comment", submission),
            {"section": "regional_section", "text": "Wie is de bedrijfsexpert?"},
        )
        self.client.post(
            self.url("decide", submission),
            {"outcome": "changes_requested", "reason": "Noem het bedrijf."},
        )
        for user in (self.alice, self.bob):
            self.login(user)
            response = self.client.get(self.url("review", submission))
            self.assertContains(response, "Wie is de bedrijfsexpert?")
            self.assertContains(response, "Noem het bedrijf.")
            self.assertNotContains(response, 'name="outcome"')
            # The authors may reply while changes are requested.
            self.assertContains(response, 'id="id_text_regional_section"')

    def test_charlie_gets_404_on_every_view_and_action(self):
        submission = self.submitted()
        self.login(self.charlie)
        for name in ("review", "diff", "detail"):
            assert self.client.get(self.url(name, submission)).status_code == 404, name
        posts = {
            "submit": {},
            "withdraw": {},
            "comment": {"section": "", "text": "Hallo"},
            "decide": {"outcome": "approved", "reason": "Goed"},
        }
        for name, data in posts.items():
            assert self.client.post(self.url(name, submission), data).status_code == 404, name
        submission.refresh_from_db()
        assert submission.state == S.UNDER_REVIEW
        assert not ReviewComment.objects.exists()
        assert not Decision.objects.exists()

    def test_anonymous_is_sent_to_login(self):
        submission = self.submitted()
        self.client.logout()
        for name in ("review", "diff"):
            response = self.client.get(self.url(name, submission))
            assert response.status_code == 302
            assert reverse("login") in response["Location"]
        response = self.client.post(self.url("submit", submission))
        assert response.status_code == 302
        assert reverse("login") in response["Location"]

    def test_submit_and_withdraw_buttons_for_the_authors(self):
        submission = self.uploaded()
        self.login(self.bob)
        detail = self.client.get(self.url("detail", submission))
        self.assertContains(detail, f'action="{self.url("submit", submission)}"')
        self.assertNotContains(detail, f'action="{self.url("withdraw", submission)}"')
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(self.url("submit", submission))
        self.assertRedirects(response, self.url("detail", submission))
        submission.refresh_from_db()
        assert submission.state == S.UNDER_REVIEW
        detail = self.client.get(self.url("detail", submission))
        self.assertContains(detail, f'action="{self.url("withdraw", submission)}"')
        self.assertContains(detail, "history-event--review_started")
        self.client.post(self.url("withdraw", submission))
        submission.refresh_from_db()
        assert submission.state == S.WITHDRAWN

    def test_refused_transition_says_why(self):
        submission = self.submitted()
        self.login(self.ministry_user)
        response = self.client.post(self.url("withdraw", submission), follow=True)
        self.assertContains(response, dutch("Only a school author of this school can withdraw it."))
        response = self.client.post(
            self.url("decide", submission), {"outcome": "approved", "reason": "Prima"}
        )
        assert response.status_code == 400
        self.assertContains(
            response,
            dutch("Only a reviewer of this submission can decide on it."),
            status_code=400,
        )
        submission.refresh_from_db()
        assert submission.state == S.UNDER_REVIEW

    def test_a_refused_decision_keeps_the_reason_typed(self):
        submission = self.submitted()
        self.login(self.sbb_user)
        response = self.client.post(
            self.url("decide", submission), {"outcome": "", "reason": "Een lange motivering"}
        )
        assert response.status_code == 400
        self.assertContains(response, "Een lange motivering", status_code=400)
        assert not Decision.objects.exists()

    def test_a_refused_comment_keeps_the_text_typed(self):
        submission = self.uploaded()  # a draft: no comments yet
        self.login(self.alice)
        response = self.client.post(
            self.url("comment", submission),
            {"section": "electives", "text": "Mijn zorgvuldige toelichting"},
        )
        assert response.status_code == 400
        self.assertContains(response, "Mijn zorgvuldige toelichting", status_code=400)
        refusal = dutch("A submission that is %(state)s cannot be commented on.") % {
            "state": dutch("draft")
        }
        self.assertContains(response, refusal, status_code=400)
        assert not ReviewComment.objects.exists()

    def test_decision_through_the_page_is_logged_and_shown(self):
        submission = self.submitted()
        self.login(self.sbb_user)
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(
                self.url("decide", submission), {"outcome": "approved", "reason": "Helder plan."}
            )
        self.assertRedirects(response, self.url("review", submission))
        submission.refresh_from_db()
        assert submission.state == S.APPROVED
        event = SubmissionEvent.objects.filter(submission=submission).last()
        assert (event.action, event.actor) == ("approved", self.sbb_user)
        self.login(self.alice)
        detail = self.client.get(self.url("detail", submission))
        self.assertContains(detail, "history-event--approved")
        self.assertContains(detail, "Helder plan.")

    def test_query_count_does_not_grow_with_comments(self):
        submission = self.submitted()
        self.login(self.sbb_user)
        self.client.post(self.url("comment", submission), {"section": "electives", "text": "1"})
        with CaptureQueriesContext(connection) as few:
            self.client.get(self.url("review", submission))
        one_comment = len(few.captured_queries)
        assert one_comment < 30
        for number in range(10):
            self.client.post(
                self.url("comment", submission), {"section": "electives", "text": f"c{number}"}
            )
        with self.max_queries(one_comment):
            response = self.client.get(self.url("review", submission))
        self.assertContains(response, "c9")

    def test_detail_page_query_count_does_not_grow_with_the_history(self):
        submission = self.submitted()
        self.login(self.alice)
        url = self.url("detail", submission)
        with CaptureQueriesContext(connection) as first:
            self.client.get(url)
        short_history = len(first.captured_queries)
        for number in range(8):
            workflow.comment(submission, self.sbb_user, "electives", f"Vraag {number}")
        with self.max_queries(short_history):
            response = self.client.get(url)
        assert len(response.context["events"]) == 3 + 8

    def test_plain_fields_and_whole_document_comments_form_the_general_section(self):
        submission = self.submitted()
        workflow.comment(submission, self.sbb_user, "", "Over het geheel: helder.")
        workflow.comment(submission, self.sbb_user, "title", "Titel is lang.")
        self.login(self.bob)
        response = self.client.get(self.url("review", submission))
        key, rows, comments, _paths = response.context["sections"][0]
        assert key == ""
        assert [path for path, _value in rows] == [
            name for name, value in self.valid().items() if not isinstance(value, dict | list)
        ]
        assert [item.text for item in comments] == ["Over het geheel: helder.", "Titel is lang."]
        assert [section[0] for section in response.context["sections"][1:]] == [
            "national_section",
            "regional_section",
            "electives",
        ]
        self.assertContains(response, 'id="section-general"')

    def test_decision_choices_are_a_fieldset_with_labelled_options(self):
        submission = self.submitted()
        self.login(self.sbb_user)
        response = self.client.get(self.url("review", submission))
        self.assertContains(response, f"<legend>{dutch('Decision')}</legend>", html=False)
        for index in range(3):
            self.assertContains(response, f'<label for="id_outcome_{index}">')
        self.assertContains(response, '<label for="id_reason">')


class ReadableSectionNamesTests(WorkflowTestCase):
    """A reviewer reads the sections and fields in words, not as JSON keys."""

    def test_sections_and_fields_read_in_dutch(self):
        submission = self.submitted()
        self.login(self.sbb_user)
        response = self.client.get(reverse("submissions:review", args=[submission.pk]))
        regional, contributor = dutch("Regional section"), dutch("Contributor")
        assert regional == "Regionaal deel"
        self.assertContains(
            response, f'<h3 id="section-regional_section-heading">{regional}</h3>', html=True
        )
        self.assertContains(
            response, f'<h3 id="section-national_section-heading">{dutch("National section")}</h3>'
        )
        self.assertContains(
            response, f'<h3 id="section-electives-heading">{dutch("Electives")}</h3>'
        )
        self.assertContains(response, dutch("Comment on %(section)s") % {"section": regional})
        # The second contributor's organisation: rows count from 1, under the section's
        # heading without repeating it; the path stays in the "Technische details".
        self.assertContains(
            response,
            f"{contributor} 2 › {dutch('Organisation (BRIN or KvK number)')}",
        )
        self.assertContains(
            response,
            '<code class="document-path">regional_section.contributors[1].organisation</code>',
        )


def test_path_label_numbers_rows_from_one_and_keeps_unknown_keys():
    from submissions.labels import path_label

    with translation.override("en"):
        assert path_label("regional_section.contributors[1].name") == (
            "Regional section › Contributor 2 › Name"
        )
        assert path_label("electives[0].learning_outcomes[2].code") == (
            "Elective 1 › Learning outcome 3 › Code"
        )
        assert path_label("something_new[3]") == "something_new 4"
        assert path_label("") == ""


class ReadableValuesTests(WorkflowTestCase):
    def test_coded_values_read_in_dutch(self):
        submission = self.submitted()
        self.login(self.sbb_user)
        response = self.client.get(reverse("submissions:review", args=[submission.pk]))
        document = submission.versions.get().document
        roles = [c["role"] for c in document["regional_section"]["contributors"]]
        assert "company_expert" in roles
        self.assertContains(response, f"<td>{dutch('company expert')}</td>", html=True)
        self.assertNotContains(response, "<td>company_expert</td>", html=True)


def test_value_label_only_for_coded_fields():
    from submissions.labels import value_label

    with translation.override("en"):
        assert value_label("regional_section.contributors[0].role", "teacher") == "teacher"
        assert value_label("electives[1].type", "regional") == "regional keuzedeel"
        assert value_label("partners[0].kind", "havo") == "havo school"
        assert value_label("title", "company_expert") == "company_expert"


def test_findings_are_grouped_under_readable_section_names():
    """The check's result (on the submission and review pages) names the section
    and the place of each finding in words, with the path beside it."""
    from types import SimpleNamespace

    from django.template.loader import render_to_string

    from submissions.intake.selectors import findings_by_section

    finding = {
        "rule": "RR-05",
        "severity": "warning",
        "path": "regional_section.contributors[1].organisation",
        "message": "…",
        "source": "000",
    }
    report = SimpleNamespace(valid=True, error_count=0, checked_at=None, findings=[finding])
    with translation.override("en"):
        # The pages group the findings with the selector, which names each field once.
        context = {
            "submission": SimpleNamespace(pk=1),
            "version": SimpleNamespace(number=1),
            "report": report,
            "groups": findings_by_section(report),
        }
        html = render_to_string("submissions/_status.html", context)
    assert "<h3>Regional section</h3>" in html
    assert "Regional section › Contributor 2 › Organisation (BRIN or KvK number)" in html
    assert (
        '<code class="document-path">regional_section.contributors[1].organisation</code>' in html
    )


class CommentSectionNameTests(WorkflowTestCase):
    def test_a_comment_names_its_section_in_words(self):
        submission = self.submitted()
        workflow.comment(submission, self.sbb_user, "regional_section", "Wie is de expert?")
        self.login(self.alice)
        response = self.client.get(reverse("submissions:review", args=[submission.pk]))
        self.assertContains(response, f" · {dutch('Regional section')}<br>")
        self.assertNotContains(response, "<code>regional_section</code>")


def outside_disclosures(html: str) -> str:
    """The page without its "Technische details" disclosures."""
    import re

    return re.sub(r"<details.*?</details>", "", html, flags=re.DOTALL)


class ReviewPageNamesTests(WorkflowTestCase):
    """A reviewer reads names with their codes, and fields by their labels; the
    JSON paths only inside the collapsed "Technische details"."""

    def test_names_beside_codes_and_no_json_path_in_sight(self):
        import re

        submission = self.submitted()
        self.login(self.sbb_user)
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get(reverse("submissions:review", args=[submission.pk]))
        assert len(queries) <= 16  # the names: one query per kind of reference
        html = response.content.decode()
        visible = outside_disclosures(html)
        for name in (
            "Helpende zorg en welzijn (crebo 25498, niveau 2)",
            "Alice&#x27;s ROC (BRIN 25PZ)",
            "Zorggroep Deventer (KvK 12345678)",
            "Stedendriehoek en Noordwest Veluwe (AM06)",
            "Ruimte voor de regio",
            "Zorgtechnologie verkennen (K0123)",
            "expert uit het bedrijfsleven",
        ):
            assert name in visible, name
        # No bare code as a value, no JSON name as a label.
        for bare in ("<td>25498</td>", "<td>25PZ</td>", "<td>AM06</td>", "<td>K0123</td>"):
            assert bare not in visible, bare
        assert "<td>company_expert</td>" not in visible
        text = re.sub(r"<[^>]+>", " ", visible)  # what a reader sees
        for path in ("regional_section.contributors[1].organisation", "national_section"):
            assert path in html
            assert path not in text, path
        # Under the section's heading "Regionaal deel", the row reads without it.
        self.assertContains(
            response, '<th scope="row">Ontwikkelaar 2 › Organisatie (BRIN- of KvK-nummer)</th>'
        )
        assert "<details open" not in html

    def test_names_in_english(self):
        submission = self.submitted()
        self.login(self.sbb_user)
        self.client.cookies["django_language"] = "en"
        response = self.client.get(reverse("submissions:review", args=[submission.pk]))
        self.assertContains(response, "Helpende zorg en welzijn (crebo 25498, level 2)")
        self.assertContains(response, "<summary>Technical details</summary>", html=True)


class HistoryInWordsTests(WorkflowTestCase):
    def test_refused_submission_and_comments_read_in_words(self):
        document = self.valid()
        del document["regional_section"]["contributors"][1]  # RR-04: one error
        submission = self.submitted(document)
        assert submission.state == S.DRAFT
        self.login(self.alice)
        response = self.client.get(reverse("submissions:detail", args=[submission.pk]))
        self.assertContains(response, "<td>1 fout</td>", html=True)

        reviewed = self.submitted()
        workflow.comment(reviewed, self.sbb_user, "regional_section", "Welke bedrijven?")
        response = self.client.get(reverse("submissions:detail", args=[reviewed.pk]))
        self.assertContains(response, "<td>Regionaal deel: Welke bedrijven?</td>", html=True)
        self.assertNotContains(response, "regional_section: Welke")
