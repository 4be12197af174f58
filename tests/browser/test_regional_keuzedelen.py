"""Browser: an approved programme's regional keuzedeel appears in the register
and a second school's draft uses it by RK code without errors (issue 15).

SBB approves Alice's regionalised programme; its new regional keuzedeel is in
the keuzedelen register as RK0001 with her school and region; a school author
of another school in the same region finds it in the editor's keuzedeel
search, names it by its code, and the check finds nothing wrong."""

import json

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from accounts.models import Role
from experiments.models import Participation
from qualifications.models import ElectiveModule
from regions.models import Organisation
from submissions import workflow
from submissions.intake import services
from submissions.models import Submission
from tests.base import make_user
from tests.browser.helpers import (
    add_row,
    check_without_findings,
    dutch,
    fill_regional_section,
    log_in,
    national_user,
    save_draft,
)
from tests.rules.factories import build_reference_data, valid_document
from tests.submissions.helpers import WHILE_OPEN


def submitted_programme(user) -> Submission:
    """Alice's valid programme (with the new regional keuzedeel "Zorgtechnologie"), under review."""
    data = json.dumps(valid_document("regional_programme")).encode()
    submission = services.create_submission(user=user, data=data, today=WHILE_OPEN)
    version = workflow.submit(submission, user)
    services.save_validation_report(version_id=version.pk)
    submission.refresh_from_db()
    assert submission.state == Submission.State.UNDER_REVIEW
    return submission


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_approved_regional_keuzedeel_enters_the_register_and_another_school_uses_it(page):
    reference = build_reference_data()
    alice = make_user("alice", reference.mbo)
    second_school = Organisation.objects.create(
        kind="mbo", code="27RB", name="Bram's ROC", municipality="Apeldoorn", region=reference.am06
    )
    Participation.objects.create(
        experiment=reference.regional_experiment,
        school=second_school,
        cohort="2019/20",
        status=Participation.Status.ADMITTED,
    )
    bram = make_user("bram", second_school)
    reviewer = national_user(Role.SBB_REVIEWER, "sbb", "SBB", "SBB")
    programme = submitted_programme(alice)

    # 1. SBB approves the programme on the review page.
    log_in(page, reviewer)
    page.goto(reverse("submissions:review", args=[programme.pk]))
    page.get_by_label(dutch("approved")).check()
    page.get_by_label(dutch("Reason")).fill("Past bij de regio.")
    page.get_by_role("button", name=dutch("Record the decision")).click()
    page.locator(".decision-list li").first.wait_for()
    registered = ElectiveModule.objects.get(is_regional=True)
    assert registered.code == "RK0001"

    # 2. The keuzedelen page, filtered on regional ones, shows it with school and region.
    page.goto(reverse("qualifications:elective-list"))
    page.get_by_label(dutch("National or regional")).select_option("regional")
    page.get_by_role("button", name=dutch("Search"), exact=True).click()
    # The national keuzedelen are filtered out (the results are replaced, so wait for that).
    expect(page.locator("tbody tr")).to_have_count(1)
    row = page.locator("tbody tr", has_text="RK0001")
    text = row.inner_text()
    assert "Zorgtechnologie" in text and "Alice's ROC (25PZ)" in text and "(AM06)" in text
    row.get_by_role("link", name="Zorgtechnologie").click()
    page.wait_for_url("**/keuzedelen/RK0001/")
    assert "E1: Werkt met domotica" in page.locator("main").inner_text()

    # 3. Bram (another school in AM06) drafts a programme and names RK0001.
    log_in(page, bram)
    page.goto(reverse("submissions:draft-create"))
    page.locator("input[name='kind'][value='regional_programme']").check()
    page.locator("#id_title").fill("Helpende zorg — Apeldoorn")
    page.get_by_role("button", name=dutch("Create the draft")).click()
    page.wait_for_url("**/indieningen/concept/*/")
    fill_regional_section(page, school_code="27RB")
    add_row(page, "electives", dutch("Add an elective"), 0)
    page.locator("#id_electives-0-type").select_option("regional")
    # The keuzedeel search offers the register's regional keuzedeel of the region.
    page.locator("#id_electives-0-code").fill("Zorgtechnologie")
    option = page.locator('#electives-0-code-options option[value="RK0001"]')
    option.wait_for(state="attached")
    assert "Alice's ROC (25PZ)" in option.inner_text()
    page.locator("#id_electives-0-code").fill("RK0001")

    check_without_findings(page)
    save_draft(page)
    draft = Submission.objects.get(school=second_school)
    assert draft.draft["electives"] == [{"type": "regional", "code": "RK0001"}]
