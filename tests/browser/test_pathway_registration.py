"""Browser: a vmbo school author drafts an integrated route from bb to a level-2
qualification, the mbo institution's author confirms it, it is registered with
DUO, and the map count for its region goes up."""

import re

import pytest

from accounts.models import Role
from pathways.models import Route
from qualifications.models import Domain, Qualification, QualificationFile
from regions.models import Organisation, Region
from tests.base import PASSWORD, make_user
from tests.pathways.helpers import PDF_BYTES
from tests.regions.helpers import load_regions


def log_in(page, username):
    page.goto("/inloggen/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/$"))


def log_out(page):
    page.locator("form[action='/uitloggen/'] button").click()
    page.wait_for_load_state()


def map_count(page, region_code):
    page.goto("/regios/kaart/?indicator=pathways")
    return int(page.locator(f'td[data-region="{region_code}"]').inner_text())


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_draft_confirm_register_and_see_it_on_the_map(page, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "uploads"
    load_regions()
    region = Region.objects.get(code="AM06")
    vmbo = Organisation.objects.create(
        kind="vmbo", code="30AB", name="Brink vmbo", municipality="Deventer", region=region
    )
    mbo = Organisation.objects.create(
        kind="mbo", code="25PZ", name="ROC Deventer", municipality="Deventer", region=region
    )
    make_user("vera", vmbo, Role.SCHOOL_AUTHOR)
    make_user("maarten", mbo, Role.SCHOOL_AUTHOR)
    domain = Domain.objects.create(number="4135", title="Zorg en welzijn")
    qualification_file = QualificationFile.objects.create(
        number="2755", crebo="23182", title="Dienstverlening", status="Vastgesteld", domain=domain
    )
    Qualification.objects.create(
        file=qualification_file,
        sbb_id="1",
        chapter=1,
        crebo="25498",
        title="Helpende zorg en welzijn",
        level=2,
    )
    before = map_count(page, "AM06")

    # The vmbo school drafts the route and sends it to the mbo institution.
    log_in(page, "vera")
    page.goto("/leerroutes/nieuw/")
    # The partner school and the qualification are found by name (suggestions while typing).
    page.fill("#id_partner_school", "Deventer")
    page.locator('#partner_school-options option[value="25PZ"]').wait_for(state="attached")
    assert "ROC Deventer (25PZ)" in page.locator("#partner_school-options").inner_html()
    page.fill("#id_partner_school", "25PZ")
    assert page.locator("#id_region").input_value() == str(region.pk)
    page.select_option("#id_route_type", "integrated")
    page.select_option("#id_vmbo_track", "bb")
    page.fill("#id_target_qualification", "Helpende")
    page.locator('#target_qualification-options option[value="25498"]').wait_for(state="attached")
    page.fill("#id_target_qualification", "25498")
    page.select_option("#id_location", "vmbo")
    page.fill("#id_start_date", "2021-08-01")
    page.select_option("#id_exam_responsible", "mbo")
    page.fill("#id_agreement_signed_on", "2021-05-01")
    page.fill(
        "#id_switch_arrangement", "Terug naar vmbo-bb of door naar een andere mbo-2-opleiding."
    )
    page.fill("#id_financial_arrangements", "Het ROC vergoedt de inzet van vmbo-docenten.")
    page.check("input[name=fallback_destinations][value=vmbo-bb]")
    page.check("#id_combined_pta_oer")
    page.set_input_files(
        "#id_agreement_document",
        files=[{"name": "overeenkomst.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}],
    )
    # The rules are checked live beside the form (htmx), before anything is saved.
    panel = page.locator("#findings-panel")
    panel.get_by_text("De route heeft geen fouten.", exact=False).wait_for()
    assert Route.objects.count() == 0
    page.locator("button[name=action][value=submit]").click()
    page.wait_for_url(re.compile(r"/leerroutes/\d+/$"))
    route_url = page.url
    route = Route.objects.get()
    assert route.status == Route.Status.AWAITING_CONFIRMATION
    assert page.get_by_text("wacht op bevestiging van de partner").first.is_visible()
    # The sending school cannot confirm its own route.
    assert page.get_by_role("button", name="De route als partnerschool bevestigen").count() == 0
    log_out(page)

    # The mbo institution confirms; the rules pass; it records the DUO registration.
    log_in(page, "maarten")
    page.goto(route_url)
    assert page.get_by_text("De route heeft geen fouten.", exact=False).is_visible()
    page.get_by_role("button", name="De route als partnerschool bevestigen").click()
    page.wait_for_url(route_url)
    assert page.get_by_text("bevestigd en getoetst").first.is_visible()
    page.get_by_role("link", name="Aanmelding bij DUO vastleggen").click()
    page.select_option("#id_status", "registered")
    page.fill("#id_date", "2021-06-01")
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_url(route_url)
    assert page.get_by_text("actief (geregistreerd bij DUO)").first.is_visible()
    history = page.locator("#events-heading + table").inner_text()
    assert "vera" in history and "maarten" in history
    route.refresh_from_db()
    assert route.status == Route.Status.ACTIVE

    # The public map counts it.
    log_out(page)
    assert map_count(page, "AM06") == before + 1


def stacked(page, upper, lower) -> bool:
    """True when `lower` is drawn below `upper` (not beside it)."""
    top_box, bottom_box = page.locator(upper).bounding_box(), page.locator(lower).bounding_box()
    return bottom_box["y"] >= top_box["y"] + top_box["height"] - 1


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_home_pages_show_the_no_place_flag_and_coverage_as_readable_blocks(page):
    """The flag for the schools and the ministry's summary read from top to bottom."""
    from pathways.models import RouteYear

    region = Region.objects.create(code="AM06", name="Stedendriehoek")
    vmbo = Organisation.objects.create(kind="vmbo", code="30AB", name="Brink vmbo", region=region)
    mbo = Organisation.objects.create(kind="mbo", code="25PZ", name="ROC Deventer", region=region)
    ministry = Organisation.objects.create(kind="ministry", code="OCW", name="OCW")
    make_user("vera", vmbo, Role.SCHOOL_AUTHOR)
    make_user("mira", ministry, Role.MINISTRY_STAFF)
    domain = Domain.objects.create(number="4135", title="Zorg en welzijn")
    qualification_file = QualificationFile.objects.create(
        number="2755", crebo="23182", title="Dienstverlening", status="Vastgesteld", domain=domain
    )
    qualification = Qualification.objects.create(
        file=qualification_file, sbb_id="1", chapter=1, crebo="25498", title="Helpende", level=2
    )
    route = Route.objects.create(
        vmbo_school=vmbo,
        mbo_institution=mbo,
        region=region,
        route_type="integrated",
        vmbo_track="bb",
        target_qualification=qualification,
        location="vmbo",
        start_date="2021-08-01",
        status=Route.Status.ACTIVE,
        duo_status="registered",
    )
    RouteYear.objects.create(route=route, school_year="2021/22", left_without_place=2)

    log_in(page, "vera")
    assert page.locator("#no-place-heading").is_visible()
    assert stacked(page, "#no-place-heading", "#no-place-heading ~ ul")
    log_out(page)

    log_in(page, "mira")
    summary = "[role=region][aria-label='Doorlopende leerroutes vmbo-mbo'] p"
    assert page.locator(summary).first.inner_text().endswith("1 van 35")
    assert stacked(page, f"{summary} >> nth=0", f"{summary} >> nth=1")
