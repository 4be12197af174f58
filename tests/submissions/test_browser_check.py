"""In a real browser: a school author uploads a document and sees the findings;
a check still running is shown as such and the result appears without a reload."""

import json

import pytest
from django.urls import reverse
from django.utils import translation

from submissions.intake.services import save_validation_report
from submissions.models import Submission, SubmissionVersion
from tests.base import PASSWORD, make_user
from tests.rules.factories import build_reference_data, valid_document


def dutch(msgid: str) -> str:
    with translation.override("nl"):
        return translation.gettext(msgid)


def log_in(page, user):
    page.goto(reverse("login"))
    page.get_by_label(dutch("Username")).fill(user.username)
    page.get_by_label(dutch("Password")).fill(PASSWORD)
    page.locator("main").get_by_role("button", name=dutch("Log in")).click()
    page.wait_for_url(f"**{reverse('home')}")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_upload_shows_findings_with_rule_links(page, tmp_path):
    reference = build_reference_data()
    alice = make_user("alice", reference.mbo)
    document = valid_document("regional_programme")
    del document["regional_section"]["contributors"][1]  # RR-04: no company expert
    path = tmp_path / "programma.json"
    path.write_text(json.dumps(document), encoding="utf-8")

    log_in(page, alice)
    page.get_by_role("link", name=dutch("or upload a JSON document")).first.click()
    page.get_by_label(dutch("Submission document (JSON)")).set_input_files(str(path))
    page.get_by_role("button", name=dutch("Upload and check")).click()

    submission = Submission.objects.get()
    page.wait_for_url(f"**{reverse('submissions:detail', args=[submission.pk])}")
    row = page.locator("tr.finding", has_text="RR-04")
    row.wait_for()
    assert dutch("No expert from a company is among the contributors.") in (row.inner_text())
    # Both the rule ID and the source (its document's title) link to the rule.
    assert "„Making room for the region”" in row.locator("a.finding__source-link").inner_text()
    row.get_by_role("link").first.click()
    page.wait_for_url("**/indieningen/regels/#RR-04")
    assert page.locator("#RR-04").is_visible()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_running_check_is_replaced_by_the_result_without_reload(page):
    reference = build_reference_data()
    alice = make_user("alice", reference.mbo)
    submission = Submission.objects.create(
        kind="cross_over", school=reference.mbo, title="Zorg en facilitair", created_by=alice
    )
    document = valid_document("cross_over")
    document["level"] = 3  # CO-06: a plausibility finding
    version = SubmissionVersion.objects.create(
        submission=submission,
        number=1,
        document=document,
        source_text=json.dumps(document),
        created_by=alice,
    )

    log_in(page, alice)
    page.goto(reverse("submissions:detail", args=[submission.pk]))
    running = dutch("Version %(number)s is being checked against the rules…") % {"number": 1}
    assert running in page.locator("#check-status").inner_text()
    page.evaluate("window.notReloaded = true")

    save_validation_report(version_id=version.pk)  # the background job finishes

    done = dutch("Version %(number)s meets the rules: no errors.") % {"number": 1}
    page.locator("#check-status", has_text=done).wait_for(timeout=10_000)
    assert page.evaluate("window.notReloaded") is True
    assert page.locator(".badge--plausibility").first.inner_text() == dutch("plausibility check")
