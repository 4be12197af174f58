"""In a real browser, without logging in: search the national structure, open a
dossier and one of its qualifications, follow an "also in" link to a qualification
of another dossier, and compare the two.
"""

import re

import pytest
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import expect

from qualifications.models import Qualification
from qualifications.text import normalize_title
from tests.qualifications.factories import (
    crebos_with_core_task_title,
    import_samples,
    read_profiles,
)

SHARED_TITLE = "Werken aan kwaliteit en deskundigheid"


def dutch(msgid: str) -> str:
    with translation.override("nl"):
        return translation.gettext(msgid)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_search_dossier_qualification_also_in_and_compare(page):
    import_samples()
    profiles = read_profiles()
    holders = crebos_with_core_task_title(profiles)[normalize_title(SHARED_TITLE)]
    start = sorted(holders)[0]
    start_dossier = profiles[start].dossier_crebo
    others_elsewhere = {c for c in holders if profiles[c].dossier_crebo != start_dossier}
    assert others_elsewhere  # the samples share this core task between dossiers

    # 1. search, accent- and case-insensitively, from the nav link
    page.goto("/")
    page.get_by_role("navigation").get_by_role("link", name=dutch("Qualifications")).click()
    page.wait_for_url(f"**{reverse('qualifications:dossier-list')}")
    page.locator("input[name=q]").fill(SHARED_TITLE.upper())
    page.locator("form.filters button[type=submit]").click()
    page.wait_for_url(re.compile(r"\?.*q="))
    assert page.locator("h1").count() == 1

    # 2. open the dossier of the first qualification
    dossier_url = reverse("qualifications:dossier-detail", args=[start_dossier])
    page.locator(f"table a[href='{dossier_url}']").click()
    page.wait_for_url(f"**{dossier_url}")
    assert start_dossier in page.locator("h1").inner_text()

    # 3. open the qualification from the dossier's table
    qualification_url = reverse("qualifications:qualification-detail", args=[start])
    page.locator(f"table a[href='{qualification_url}']").click()
    page.wait_for_url(f"**{qualification_url}")
    assert start in page.locator("h1").inner_text()

    # 4. the shared core task lists the qualifications of the other dossier: follow one
    core_task = page.locator(".parts__core-task", has_text=SHARED_TITLE).first
    other = sorted(others_elsewhere)[0]
    other_url = reverse("qualifications:qualification-detail", args=[other])
    also_in_link = core_task.locator(f".also-in a[href='{other_url}']").first
    assert also_in_link.is_visible()
    also_in_link.click()
    page.wait_for_url(f"**{other_url}")
    assert other in page.locator("h1").inner_text()

    # 5. compare it with the qualification we came from
    page.locator(f"a[href^='{reverse('qualifications:compare')}?crebo_1={other}']").click()
    page.locator("input[name=crebo_2]").fill(start)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"crebo_2="))
    shared_rows = page.locator("#compare-core-tasks + table tr.comparison__shared")
    assert shared_rows.filter(has_text=SHARED_TITLE).count() == 1
    titles = {Qualification.objects.get(crebo=crebo).title.strip() for crebo in (start, other)}
    header = page.locator("#compare-core-tasks + table thead").inner_text()
    assert all(title in header for title in titles)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_typing_a_search_updates_the_results_without_a_reload(page):
    import_samples()
    profiles = read_profiles()
    wanted = next(iter(profiles.values()))
    page.goto(reverse("qualifications:dossier-list"))
    page.evaluate("window.notReloaded = true")
    dossier_url = reverse("qualifications:dossier-detail", args=[wanted.dossier_crebo])
    other_links = page.locator("#search-results table th a")
    assert other_links.count() == len({p.dossier_crebo for p in profiles.values()})

    page.locator("input[name=q]").fill(wanted.crebo)  # a qualification's crebo
    page.wait_for_url(re.compile(rf"q={wanted.crebo}"))
    expect(page.locator("#search-results table th a")).to_have_count(1)
    assert page.locator("#search-results table th a").get_attribute("href") == dossier_url
    assert page.evaluate("window.notReloaded") is True
