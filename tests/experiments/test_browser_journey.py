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


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_ministry_staff_import_participants_with_a_preview(page, tmp_path):
    """Upload a participants CSV, see the preview, apply it; a file that would
    admit a sixteenth school is refused whole, with its line."""
    ensure_experiments()
    ministry = Organisation.objects.create(kind="ministry", code="OCW", name="OCW")
    minister = make_user("minister", ministry, Role.MINISTRY_STAFF)
    schools = [
        Organisation.objects.create(kind="mbo", code=f"{40 + i}AA", name=f"ROC {40 + i}")
        for i in range(16)
    ]
    header = "experiment,school,cohort,status,decided_on\n"

    def csv_file(name, count):
        path = tmp_path / name
        rows = "".join(
            f"ruimte-voor-de-regio,{school.code},2020/21,admitted,2020-06-01\n"
            for school in schools[:count]
        )
        path.write_text(header + rows, encoding="utf-8")
        return path

    log_in(page, minister)
    page.goto("/experimenten/ruimte-voor-de-regio/deelnemers/")
    page.get_by_role("link", name=dutch("Import participants from a CSV file")).click()
    page.get_by_label(dutch("Participants file (CSV)")).set_input_files(csv_file("twee.csv", 2))
    page.get_by_role("button", name=dutch("Show what will change")).click()
    page.get_by_role("heading", name=dutch("Preview of %(file)s", file="twee.csv")).wait_for()
    page.get_by_role("rowheader", name="ROC 41 (41AA)").wait_for()
    assert Participation.objects.count() == 0  # the preview writes nothing
    page.get_by_role("button", name=dutch("Apply these changes")).click()
    page.wait_for_url("**/experimenten/ruimte-voor-de-regio/deelnemers/")
    assert Participation.objects.filter(status="admitted").count() == 2

    page.goto("/experimenten/ruimte-voor-de-regio/deelnemers/importeren/")
    page.get_by_label(dutch("Participants file (CSV)")).set_input_files(csv_file("zestien.csv", 16))
    page.get_by_role("button", name=dutch("Show what will change")).click()
    alert = page.get_by_role("alert")
    alert.wait_for()
    assert "zestien.csv" in alert.inner_text()
    assert dutch("line %(line)s", line=17) in alert.inner_text()
    assert Participation.objects.count() == 2
