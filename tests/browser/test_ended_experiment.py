"""Browser: an experiment that has ended is refused up front, with its date —
starting a draft for it and applying to it — while its page stays readable."""

import re

import pytest

from accounts.models import Role
from submissions.models import Submission
from tests.base import make_user
from tests.browser.test_drafting import log_in
from tests.rules.factories import build_reference_data


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_an_ended_experiment_is_refused_with_its_date(page):
    ref = build_reference_data()
    make_user("alice", ref.mbo, Role.SCHOOL_AUTHOR)
    log_in(page, "alice")

    # Starting a cross-over draft: Cross-overs ended on 31 July 2025.
    page.goto("/indieningen/concept/nieuw/")
    page.check("input[name=kind][value=cross_over]")
    page.fill("#id_title", "Medewerker zorg en facilitair")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert re.search(r"/indieningen/concept/nieuw/$", page.url)
    assert "afgelopen op 31 juli 2025" in page.locator("main").inner_text()
    assert not Submission.objects.exists()

    # The experiment's page says it has ended, and offers no application.
    page.goto("/experimenten/cross-overs/")
    main = page.locator("main").inner_text()
    assert "Afgelopen" in main or "afgelopen" in main
    assert "31 juli 2025" in main
    assert page.locator("a[href='/experimenten/cross-overs/aanmelden/']").count() == 0

    # Going to the application form directly is refused with the same reason.
    page.goto("/experimenten/cross-overs/aanmelden/")
    assert "afgelopen op 31 juli 2025" in page.locator("main").inner_text()
