"""In a real browser, the whole journey of a regionalised programme: a school
drafts it, checks it and submits it; an SBB reviewer requests changes with a
comment; the school revises and resubmits; SBB approves; ministry staff see the
school, the approved programme and its turnaround time."""

import pytest
from django.urls import reverse
from django.utils import formats, translation

from accounts.models import Role
from submissions.models import Submission
from tests.base import make_user
from tests.rules.factories import build_reference_data

from .helpers import (
    add_row,
    check_without_findings,
    dutch,
    fill_regional_section,
    log_in,
    national_user,
    save_draft,
)

REVIEW_LINK = "Open the review page: the document by section, comments and decisions"


def draft_the_programme(page, title):
    """On the draft editor: fill in a valid regionalised programme (as docs/interchange.md)."""
    page.locator("#id_title").fill(title)
    fill_regional_section(page, school_code="25PZ")
    add_row(page, "electives", dutch("Add an elective"), 0)
    page.locator("#id_electives-0-type").select_option("national")
    page.locator("#id_electives-0-code").fill("K0123")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_draft_review_revise_approve_and_track(page):
    reference = build_reference_data()
    alice = make_user("alice", reference.mbo)
    reviewer = national_user(Role.SBB_REVIEWER, "sbb", "SBB", "SBB")
    minister = national_user(Role.MINISTRY_STAFF, "ministry", "OCW", "OCW")
    title = "Helpende zorg en welzijn — Deventer profiel"

    # 1. The school drafts the programme in the browser, checks it and saves it.
    log_in(page, alice)
    page.goto(reverse("submissions:list"))
    page.get_by_role("link", name=dutch("New draft")).click()
    page.locator("input[name='kind'][value='regional_programme']").check()
    page.locator("#id_title").fill(title)
    page.get_by_role("button", name=dutch("Create the draft")).click()
    page.wait_for_url("**/indieningen/concept/*/")
    submission = Submission.objects.get()
    page.evaluate("window.notReloaded = true")
    draft_the_programme(page, title)
    check_without_findings(page)
    # Rows were added and the check ran without a page reload.
    assert page.evaluate("window.notReloaded") is True
    save_draft(page)

    # 2. It is submitted; the check passes and it goes to review.
    page.get_by_role("link", name=dutch("Go to the submission's page")).click()
    page.get_by_role("button", name=dutch("Submit for review")).click()
    page.wait_for_url(f"**{reverse('submissions:detail', args=[submission.pk])}")
    page.locator(".history-event--review_started").wait_for()
    submission.refresh_from_db()
    assert submission.state == Submission.State.UNDER_REVIEW

    # 3. The SBB reviewer finds it in the queue, comments and requests changes.
    log_in(page, reviewer)
    page.get_by_role("link", name=dutch("To review")).click()
    page.get_by_role("link", name=title).click()
    page.wait_for_url(f"**{reverse('submissions:review', args=[submission.pk])}")
    comment = "Welk bedrijf levert de expert, en hoeveel uren draagt het bij?"
    page.locator("#id_text_regional_section").fill(comment)
    page.locator("#section-regional_section").get_by_role("button").click()
    page.locator("#section-regional_section .comment", has_text=comment).wait_for()
    page.get_by_label(dutch("changes requested")).check()
    page.get_by_label(dutch("Reason")).fill("Noem de uren van het bedrijf in het regionale deel.")
    page.get_by_role("button", name=dutch("Record the decision")).click()
    page.locator(".decision-list").wait_for()
    submission.refresh_from_db()
    assert submission.state == Submission.State.CHANGES_REQUESTED

    # 4. The school reads the comment, revises the draft and resubmits.
    log_in(page, alice)
    page.goto(reverse("submissions:detail", args=[submission.pk]))
    page.get_by_role("link", name=dutch(REVIEW_LINK)).click()
    assert comment in page.locator("#section-regional_section").inner_text()
    page.get_by_role("link", name=dutch("Back to the submission's page")).click()
    page.get_by_role("link", name=dutch("Edit the draft in the browser")).click()
    page.locator("#id_section_hours").fill("480")
    save_draft(page)
    page.get_by_role("link", name=dutch("Go to the submission's page")).click()
    page.get_by_role("button", name=dutch("Submit for review")).click()
    page.locator(".history-event--review_started").nth(1).wait_for()
    # The difference between the two versions reads as the change made.
    page.get_by_role("button", name=dutch("Show the differences")).click()
    # Rows are labelled as in the editor ("Regionaal deel › Uren"), the path is in the details.
    changed = page.locator(
        "tr.diff-row--changed", has_text=f"{dutch('Regional section')} › {dutch('Hours')}"
    )
    assert "400" in changed.inner_text() and "480" in changed.inner_text()

    # 5. SBB approves.
    log_in(page, reviewer)
    page.goto(reverse("submissions:review-queue"))
    page.get_by_role("link", name=title).click()
    page.get_by_label(dutch("approved")).check()
    page.get_by_label(dutch("Reason")).fill("Het regionale deel is nu volledig.")
    page.get_by_role("button", name=dutch("Record the decision")).click()
    page.locator(".decision-list li").nth(1).wait_for()
    submission.refresh_from_db()
    assert submission.state == Submission.State.APPROVED
    assert submission.versions.count() == 2

    # 6. Ministry staff see the school, the approved programme and its turnaround.
    log_in(page, minister)
    page.goto(reverse("experiments:tracking", args=[reference.regional_experiment.slug]))
    row = page.locator("tbody tr", has_text=reference.mbo.name)
    text = row.inner_text()
    assert title in text
    assert dutch("approved") in text
    days = (submission.decided_at - submission.submitted_at).total_seconds() / 86400
    with translation.override("nl"):
        shown = formats.number_format(round(days, 1), 1)
    assert row.locator("td").last.inner_text().strip() == shown
    assert page.get_by_test_id("longest-days").inner_text() != "—"
