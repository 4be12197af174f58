"""In a real browser, without an account (issue 15, letter 004):

- a learner builds a choice space for "onderwijsassistent" and shares the link;
- Sandra goes from the search box to what remains of the qualifications in which a
  part she can already do recurs, in three steps: search, open the part, tick and show.
"""

import io
import re

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from tests.qualifications.factories import import_samples

SHARED_TITLE = "Werken aan kwaliteit en deskundigheid"


def dutch(msgid: str) -> str:
    with translation.override("nl"):
        return translation.gettext(msgid)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_learner_builds_a_choice_space_for_onderwijsassistent_and_shares_it(page):
    import_samples()
    csv = settings.BASE_DIR / "qualifications" / "demo" / "keuzedelen.csv"
    call_command("import_keuzedelen", str(csv), stdout=io.StringIO())

    page.goto(reverse("qualifications:dossier-list"))
    page.get_by_role("link", name=dutch("Fill your choice space with keuzedelen")).click()
    page.wait_for_url(f"**{reverse('qualifications:choice-space')}")

    # the qualification by name; every national keuzedeel is then offered
    page.locator("input[name=qualification]").fill("onderwijsassistent")
    page.get_by_role("button", name=dutch("Update my plan")).click()
    page.wait_for_url(re.compile(r"qualification="))
    plan_title = page.locator("#plan-title")
    assert "Onderwijsassistent" in plan_title.inner_text()
    assert "25485" in plan_title.inner_text()

    # Jim prepares for the pabo; a first-aid keuzedeel carries a certificate
    page.locator("#offer-K0105").check()  # Voorbereiding hbo pedagogiek, 480 SBU
    page.locator("#offer-K0115").check()  # Eerste hulp … kinderopvang, 240 SBU, certificate
    page.get_by_role("button", name=dutch("Update my plan")).click()
    page.wait_for_url(re.compile(r"elective=K0115"))
    total = page.locator(".choice-space__total").inner_text()
    assert "720" in total and dutch("Your choice space is full.") in total
    rows = page.locator(".choice-space__plan table tbody tr")
    assert rows.count() == 2
    assert rows.filter(has_text="K0115").locator(".badge--certificate").count() == 1

    # Elin: parts that recur in other qualifications
    recurring = page.locator(".choice-space__plan .also-in")
    assert recurring.count() > 0

    # share: the link alone rebuilds the plan in a fresh browser
    share = page.locator("a.choice-space__link").get_attribute("href")
    assert "elective=K0105" in share and "elective=K0115" in share and "q=" not in share
    stranger = page.context.browser.new_context(locale="nl-NL").new_page()
    stranger.goto(share)
    assert stranger.locator(".choice-space__plan table tbody tr").count() == 2
    assert "720" in stranger.locator(".choice-space__total").inner_text()
    stranger.context.close()

    # untick one to take it out again
    page.locator("#picked-K0115").uncheck()
    page.get_by_role("button", name=dutch("Update my plan")).click()
    page.wait_for_url(re.compile(r"^(?!.*K0115).*$"))
    assert page.locator(".choice-space__plan table tbody tr").count() == 1


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_sandra_reaches_what_remains_in_three_steps_from_the_search_box(page):
    import_samples()
    page.goto(reverse("qualifications:dossier-list"))

    # 1. search for what she does at work
    page.locator("input[name=q]").fill(SHARED_TITLE.lower())
    page.locator("form.filters button[type=submit]").click()
    page.wait_for_url(re.compile(r"\?.*q="))

    # 2. open the matching core task: where it recurs
    page.locator(".matching-parts a", has_text=SHARED_TITLE).first.click()
    page.wait_for_url(re.compile(r"/onderdelen/B1-K\d+/\?can="))
    rows = page.locator(".part-path__summary li")
    assert rows.count() >= 2  # it recurs in more than one qualification
    before = page.locator(".part-path__target").first.inner_text()

    # 3. tick one more thing she can do and show what remains
    box = page.locator(".checkbox-tree input[type=checkbox]:not(:checked)").first
    box.check()
    page.get_by_role("button", name=dutch("Show what remains")).click()
    page.wait_for_url(re.compile(r"can=.*can="))
    targets = page.locator(".part-path__target")
    assert targets.count() == rows.count()
    assert targets.first.inner_text() != before
    assert page.locator(f"a[href^='{reverse('qualifications:still-needed')}?target=']").count()
