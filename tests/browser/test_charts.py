"""Browser: the ministry's monitor and an experiment's progress page draw their
charts with the vendored Chart.js, beside the tables with the same numbers."""

import datetime

import pytest

from accounts.models import Role
from pathways.models import Route
from qualifications.models import Domain, Qualification, QualificationFile
from regions.models import Organisation, Region
from tests.base import make_user
from tests.browser.test_pathway_registration import log_in


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_monitor_draws_coverage_over_time_beside_its_table(page):
    region = Region.objects.create(code="AM06", name="Stedendriehoek")
    vmbo = Organisation.objects.create(kind="vmbo", code="30AB", name="Brink vmbo", region=region)
    mbo = Organisation.objects.create(kind="mbo", code="25PZ", name="ROC Deventer", region=region)
    ministry = Organisation.objects.create(kind="ministry", code="OCW", name="OCW")
    make_user("mira", ministry, Role.MINISTRY_STAFF)
    domain = Domain.objects.create(number="4135", title="Zorg en welzijn")
    qualification_file = QualificationFile.objects.create(
        number="2755", crebo="23182", title="Dienstverlening", status="Vastgesteld", domain=domain
    )
    qualification = Qualification.objects.create(
        file=qualification_file, sbb_id="1", chapter=1, crebo="25498", title="Helpende", level=2
    )
    Route.objects.create(
        vmbo_school=vmbo,
        mbo_institution=mbo,
        region=region,
        route_type="integrated",
        vmbo_track="bb",
        target_qualification=qualification,
        location="vmbo",
        start_date=datetime.date(2025, 8, 1),
        status=Route.Status.ACTIVE,
        duo_status="registered",
    )
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    log_in(page, "mira")
    for width in (1280, 360):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto("/leerroutes/monitor/")
        canvas = page.locator('canvas[data-chart-source="over-time-data"]')
        canvas.wait_for()
        page.wait_for_selector('canvas[data-chart-drawn="true"]')
        assert canvas.get_attribute("role") == "img"
        assert canvas.bounding_box()["height"] > 100
        assert page.locator("#over-time tbody tr").count() >= 2  # the table stays
        # The chart fits the screen (the page's other tables are another matter).
        box = canvas.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width, f"chart too wide at {width}px"
    assert errors == []
