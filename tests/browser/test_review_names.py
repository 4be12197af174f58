"""In a real browser: an SBB reviewer reads a submission in names, not codes;
the JSON paths are hidden in a collapsed "Technische details" until opened. A
school author reads a finding in words, its source linked to the rule."""

import json
import re

import pytest

from accounts.models import Role
from regions.models import Organisation
from submissions import workflow
from submissions.intake import services
from tests.base import PASSWORD, make_user
from tests.rules.factories import build_reference_data, valid_document


def log_in(page, username):
    page.context.clear_cookies()
    page.goto("/inloggen/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/$"))


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_review_page_reads_in_names_and_hides_json_paths(page):
    ref = build_reference_data()
    alice = make_user("alice", ref.mbo, Role.SCHOOL_AUTHOR)
    sbb, _ = Organisation.objects.get_or_create(code="SBB", defaults={"kind": "sbb", "name": "SBB"})
    make_user("sbb", sbb, Role.SBB_REVIEWER)
    data = json.dumps(valid_document("regional_programme")).encode()
    submission = services.create_submission(user=alice, data=data)
    workflow.submit(submission, alice)

    log_in(page, "sbb")
    page.goto(f"/indieningen/{submission.pk}/beoordeling/")
    main = page.locator("main")
    for name in (
        "Helpende zorg en welzijn (crebo 25498, niveau 2)",
        "Alice's ROC (BRIN 25PZ)",
        "Zorggroep Deventer (KvK 12345678)",
        "Stedendriehoek en Noordwest Veluwe (AM06)",
        "Zorgtechnologie verkennen (K0123)",
        "expert uit het bedrijfsleven",
    ):
        assert main.get_by_text(name, exact=True).first.is_visible(), name
    # What a reader sees holds no JSON path; they sit in collapsed disclosures.
    assert "regional_section.contributors" not in main.inner_text()
    path = main.locator("code", has_text="regional_section.contributors[1].organisation")
    assert not path.is_visible()
    section = page.locator("#section-regional_section")
    section.get_by_text("Technische details").click()
    assert path.is_visible()

    # The school reads a finding in words with its source, linked to the rule.
    document = valid_document("regional_programme")
    del document["regional_section"]["contributors"][1]
    second = services.create_submission(user=alice, data=json.dumps(document).encode())
    log_in(page, "alice")
    page.goto(f"/indieningen/{second.pk}/")
    main = page.locator("main")
    assert main.get_by_text(
        "Er is geen expert uit het bedrijfsleven bij de ontwikkelaars."
    ).is_visible()
    source = main.locator('a.finding__source-link[href="/indieningen/regels/#RR-04"]')
    assert "„Making room for the region”" in source.inner_text()
    assert "regional_section" not in main.inner_text()
    source.click()
    page.wait_for_url(re.compile(r"/indieningen/regels/#RR-04$"))
