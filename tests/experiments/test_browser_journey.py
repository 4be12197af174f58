"""In a real browser: a school applies to an experiment, ministry staff admit it,
the school sees the decision, and the participants CSV downloads."""

from pathlib import Path

import pytest
from django.utils import translation

from accounts.models import Role
from experiments.models import Participation
from regions.models import Organisation, Region
from tests.base import PASSWORD, make_user

from .factories import ensure_experiments


def dutch(msgid: str, **params) -> str:
    with translation.override("nl"):
        text = translation.gettext(msgid)
    return text % params if params else text


def log_in(page, user):
    page.context.clear_cookies()
    page.goto("/inloggen/")
    page.get_by_label(dutch("Username")).fill(user.username)
    page.get_by_label(dutch("Password")).fill(PASSWORD)
    page.locator("main").get_by_role("button", name=dutch("Log in")).click()
    page.wait_for_url("**/")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_school_applies_and_ministry_staff_admit_it(page):
    ensure_experiments()
    region = Region.objects.create(code="AM06", name="Stedendriehoek en Noordwest Veluwe")
    school = Organisation.objects.create(
        kind="mbo", code="25PZ", name="ROC Deventer", region=region
    )
    ministry = Organisation.objects.create(kind="ministry", code="OCW", name="OCW")
    alice = make_user("alice", school)
    minister = make_user("minister", ministry, Role.MINISTRY_STAFF)

    # The school author applies from the home page.
    log_in(page, alice)
    page.get_by_role("link", name=dutch("Apply to %(name)s", name="Ruimte voor de regio")).click()
    page.get_by_role(
        "link", name=dutch("Apply to %(name)s for your school", name="Ruimte voor de regio")
    ).click()
    page.get_by_label(dutch("Cohort")).fill("2021/22")
    page.get_by_label(dutch("Motivation")).fill("Samen met de zorg in de Stedendriehoek.")
    page.get_by_role("button", name=dutch("Send the application")).click()
    page.get_by_text("Samen met de zorg in de Stedendriehoek.").wait_for()
    assert Participation.objects.get().status == "applied"

    # Ministry staff see the open application on their home page and admit the school.
    log_in(page, minister)
    page.get_by_role("link", name="Ruimte voor de regio: 1 open aanmelding").click()
    page.get_by_role("link", name=dutch("Decide on %(school)s", school=school.name)).click()
    page.get_by_text("Samen met de zorg in de Stedendriehoek.").wait_for()
    page.get_by_label(dutch("Admit"), exact=True).check()
    page.get_by_role("button", name=dutch("Save the decision")).click()
    page.get_by_text(
        dutch("Decision saved for %(school)s; the school has been notified.", school=school.name)
    ).wait_for()
    row = page.get_by_role("row", name=school.name)
    assert dutch("admitted") in row.inner_text()

    with page.expect_download() as download_info:
        page.get_by_role("link", name=dutch("Download these participants as CSV")).click()
    content = Path(download_info.value.path()).read_text(encoding="utf-8-sig")
    assert "25PZ" in content and dutch("admitted") in content

    # The school sees the decision, and a notification.
    log_in(page, alice)
    page.goto("/experimenten/ruimte-voor-de-regio/")
    assert dutch("admitted") in page.locator("main").inner_text()
    assert "(1)" in page.locator(".site-header__notifications").inner_text()
