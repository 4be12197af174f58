"""Browser: a school issues a praktijkverklaring (checked live by the rules),
downloads its PDF, and a stranger verifies it by its code; after the school
withdraws it, the verification page says so."""

import io
import re

import pytest
from pypdf import PdfReader

from statements.models import PracticeStatement
from tests.base import make_user
from tests.browser.test_pathway_registration import log_in, log_out
from tests.statements.factories import build_statement_reference


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_issue_download_and_verify_by_code(page):
    reference = build_statement_reference()
    make_user("alice", reference.mbo)

    log_in(page, "alice")
    page.get_by_role("link", name="Praktijkverklaringen", exact=True).click()
    page.wait_for_url(re.compile(r"/praktijkverklaringen/$"))
    page.get_by_role("link", name="Praktijkverklaring afgeven").first.click()
    page.wait_for_url(re.compile(r"/praktijkverklaringen/nieuw/$"))

    # The qualification is found by name; its work processes then appear, by core task.
    page.fill("#id_qualification", "Helpende")
    page.locator('#qualification-options option[value="25498"]').wait_for(state="attached")
    page.fill("#id_qualification", "25498")
    page.locator("#id_qualification").dispatch_event("change")
    page.get_by_label("B1-K1-W1 Inventariseert de ondersteuningsbehoefte").wait_for()
    assert page.get_by_text("B1-K1 Ondersteunt de cliënt").is_visible()
    assert page.get_by_label("P1-K1-W1 Stemt de zorg af").count() == 0  # another profile's

    page.fill("#id_learner_name", "Sanne Jansen")
    page.fill("#id_company", "12345678")
    page.fill("#id_trainer", "P. de Boer")
    page.fill("#id_period_start", "2026-02-01")
    page.fill("#id_period_end", "2026-06-30")
    # Nothing ticked yet: PV-01 says so beside the form, live.
    page.locator("#id_period_end").dispatch_event("change")
    page.locator("#findings-panel").get_by_text("PV-01").wait_for()
    page.axe.check()
    page.get_by_label("B1-K1-W1 Inventariseert de ondersteuningsbehoefte").check()
    page.get_by_label("P2-K1-W1 Voert huishoudelijke taken uit").check()
    page.locator("#findings-panel").get_by_text("voldoet aan alle regels").wait_for()

    page.get_by_role("button", name="Verklaring afgeven").click()
    page.wait_for_url(re.compile(r"/praktijkverklaringen/\d+/$"))
    statement = PracticeStatement.objects.get()
    assert page.get_by_text(statement.readable_code).first.is_visible()
    assert page.get_by_text("Sanne Jansen").is_visible()

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download de pdf").click()
    data = download_info.value.path().read_bytes()
    assert data.startswith(b"%PDF")
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    assert "Sanne Jansen" in text
    assert statement.readable_code in text

    # A stranger (not logged in) verifies the statement by its code alone.
    log_out(page)
    page.goto("/verificatie/")
    page.fill("#id_code", statement.code.lower())
    page.get_by_role("button", name="Controleren").click()
    page.wait_for_url(re.compile(rf"/verificatie/{statement.readable_code}/$"))
    main = page.locator("main")
    assert "Alice's ROC (25PZ) heeft deze praktijkverklaring afgegeven" in main.inner_text()
    assert "Sanne Jansen" in main.inner_text()
    assert "B1-K1-W1" in main.inner_text()
    assert "P. de Boer" not in main.inner_text()
    assert "Zorggroep Deventer" not in main.inner_text()

    # The school withdraws it with a reason; the verification page then says so.
    log_in(page, "alice")
    page.goto(f"/praktijkverklaringen/{statement.pk}/intrekken/")
    page.fill("#id_reason", "Verkeerde leerling gekozen.")
    page.get_by_role("button", name="Verklaring intrekken").click()
    page.wait_for_url(re.compile(rf"/praktijkverklaringen/{statement.pk}/$"))
    log_out(page)
    page.goto(f"/verificatie/{statement.readable_code}/")
    assert "niet meer geldig" in page.locator("main").inner_text()
    assert "Verkeerde leerling" not in page.locator("main").inner_text()
