"""In a real browser (issue 11, CO-04): an SBB reviewer calls in the
Inspectorate on a cross-over under review, with a reason; SBB's approval then
leaves it under review until the Inspectorate, notified, approves too."""

import json

import pytest

from accounts.models import Role
from submissions import workflow
from submissions.intake import services
from submissions.models import Submission
from tests.base import make_user
from tests.rules.factories import build_reference_data, valid_document
from tests.submissions.helpers import WHILE_OPEN

from .helpers import dutch, log_in, national_user

REASON = "Een onderdeel uit de kinderopvang: de examinering vraagt om de Inspectie."


def approve(page, pk):
    page.goto(f"/indieningen/{pk}/beoordeling/")
    page.get_by_label(dutch("approved"), exact=True).check()
    page.get_by_label(dutch("Reason"), exact=True).fill("Akkoord.")
    page.get_by_role("button", name=dutch("Record the decision")).click()
    page.get_by_text(dutch("Your decision is recorded.")).wait_for()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_sbb_calls_in_the_inspectorate_and_approval_waits_for_both(page):
    reference = build_reference_data()
    alice = make_user("alice", reference.mbo, Role.SCHOOL_AUTHOR)
    sbb = national_user(Role.SBB_REVIEWER, "sbb", "SBB", "SBB")
    inspector = national_user(Role.INSPECTORATE_REVIEWER, "inspectorate", "INSP", "Inspectie")
    data = json.dumps(valid_document("cross_over")).encode()
    submission = services.create_submission(user=alice, data=data, today=WHILE_OPEN)
    workflow.submit(submission, alice)
    submission.refresh_from_db()
    assert submission.state == Submission.State.UNDER_REVIEW

    log_in(page, sbb)
    page.goto(f"/indieningen/{submission.pk}/beoordeling/")
    page.get_by_label(dutch("Why must the Inspectorate also decide?")).fill(REASON)
    page.get_by_role("button", name=dutch("Call in the Inspectorate")).click()
    page.get_by_text(
        dutch("The Inspectorate is called in: approval now needs both decisions.")
    ).wait_for()
    assert REASON in page.locator("main").inner_text()
    approve(page, submission.pk)
    submission.refresh_from_db()
    assert submission.state == Submission.State.UNDER_REVIEW  # waits for the Inspectorate

    log_in(page, inspector)
    page.goto("/meldingen/")
    assert REASON in page.locator("main").inner_text()
    approve(page, submission.pk)
    submission.refresh_from_db()
    assert submission.state == Submission.State.APPROVED
