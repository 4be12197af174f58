"""In a real browser: an SBB reviewer uploads a file and sees the result; the status
fragment of a running import updates itself (htmx polling) without a page reload.
"""

import re

import pytest
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import expect

from accounts.models import Role
from qualifications.models import ImportRun, QualificationFile
from regions.models import Organisation
from tests.base import PASSWORD, make_user

from .factories import expected_from_xml, sample_paths


def dutch(msgid: str) -> str:
    with translation.override("nl"):
        return translation.gettext(msgid)


def log_in_as_sbb_reviewer(page):
    organisation = Organisation.objects.create(kind="sbb", code="SBB", name="SBB")
    user = make_user("sbb-reviewer", organisation, Role.SBB_REVIEWER)
    page.goto(reverse("login"))
    page.get_by_label(dutch("Username")).fill(user.username)
    page.get_by_label(dutch("Password")).fill(PASSWORD)
    page.locator("main").get_by_role("button", name=dutch("Log in")).click()
    page.wait_for_url(f"**{reverse('home')}")
    return user


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_sbb_reviewer_uploads_a_file_and_sees_the_result(page, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    log_in_as_sbb_reviewer(page)
    page.get_by_role(
        "link",
        name=dutch(
            "Import new versions of SBB qualification files, keuzedelen and mbo-certificates."
        ),
    ).click()
    path = sample_paths()[2]
    page.get_by_label(dutch("SBB qualification files (XML)")).set_input_files(str(path))
    page.get_by_role("button", name=dutch("Start import")).click()

    run = ImportRun.objects.get()
    status = page.locator(f"#import-run-{run.pk}")
    expect(status).to_contain_text(f"{run.added} toegevoegd")
    expect(page.get_by_role("table")).to_contain_text(path.name)
    assert QualificationFile.objects.filter(crebo=expected_from_xml(path)["crebo"]).exists()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_running_import_updates_without_reload(page):
    user = log_in_as_sbb_reviewer(page)
    run = ImportRun.objects.create(
        kind=ImportRun.Kind.SBB_XML,
        file_name="langzaam.xml",
        started_by=user,
        status=ImportRun.Status.RUNNING,
        progress=40,
    )
    page.goto(f"{reverse('qualifications:import')}?runs={run.pk}")
    status = page.locator(f"#import-run-{run.pk}")
    expect(status).to_contain_text(dutch("running"))
    page.evaluate("window.notReloaded = true")

    ImportRun.objects.filter(pk=run.pk).update(
        status=ImportRun.Status.SUCCEEDED, progress=100, added=5, unchanged=2
    )

    expect(status).to_contain_text(re.compile(r"5 toegevoegd, 0 gewijzigd, 2 ongewijzigd"))
    assert page.evaluate("window.notReloaded") is True
