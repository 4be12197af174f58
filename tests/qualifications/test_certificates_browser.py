"""In a real browser: SBB imports a certificates CSV, and the certificates show up on
the qualification page, in "wat heb ik nog nodig" and on the certificates page
(every page checked by axe, see the `page` fixture)."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from qualifications.models import ImportRun

from .factories import CoreTaskFactory, QualificationFactory, WorkProcessFactory
from .test_import_page_browser import dutch, log_in_as_sbb_reviewer

CSV = (
    "code,title,level,attached_to,qualification,core_task,keuzedeel,valid_from\n"
    "C-ZORG-1,Persoonlijke verzorging,2,part,25498,P1-K1,,2026-08-01\n"
)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_sbb_imports_certificates_and_they_show_up(page, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    qualification = QualificationFactory(crebo="25498", title="Helpende Zorg en Welzijn", chapter=1)
    basis = CoreTaskFactory(file=qualification.file, code="B1-K1", title="Biedt ondersteuning")
    WorkProcessFactory(core_task=basis, code="B1-K1-W1", position=1)
    profile = CoreTaskFactory(qualification=qualification, code="P1-K1", title="Biedt zorg")
    WorkProcessFactory(core_task=profile, code="P1-K1-W1", position=1)
    path = tmp_path / "certificaten.csv"
    path.write_text(CSV, encoding="utf-8")

    log_in_as_sbb_reviewer(page)
    page.goto(reverse("qualifications:import"))
    page.get_by_label(dutch("mbo-certificates (CSV)")).set_input_files(str(path))
    page.get_by_role("button", name=dutch("Start import")).click()
    run = ImportRun.objects.get()
    expect(page.locator(f"#import-run-{run.pk}")).to_contain_text("1 toegevoegd")

    page.goto(reverse("qualifications:qualification-detail", args=["25498"]))
    certificates = page.locator("#certificates + ul")
    expect(certificates).to_contain_text("Persoonlijke verzorging (C-ZORG-1), niveau 2")
    expect(certificates).to_contain_text("geldig vanaf 1 augustus 2026")
    expect(certificates).to_contain_text("P1-K1 Biedt zorg")

    page.goto(f"{reverse('qualifications:still-needed')}?target=25498")
    remaining = page.get_by_role("heading", name=dutch("Remaining parts with an mbo-certificate"))
    expect(remaining).to_be_visible()
    expect(page.locator("main")).to_contain_text(
        "P1-K1 Biedt zorg: Persoonlijke verzorging (C-ZORG-1)"
    )

    page.goto(reverse("qualifications:certificate-list"))
    page.get_by_label(dutch("Search"), exact=True).fill("verzorging")
    page.get_by_role("button", name=dutch("Search"), exact=True).click()
    expect(page.get_by_role("table")).to_contain_text("Helpende Zorg en Welzijn (crebo 25498)")
