"""Browser: accessibility beyond the automatic checks, and layout on a phone.

- axe-core (tests/axe.py) checks every page the `page` fixture loads; here it is
  shown to catch a violation, and run on the main pages and on /api/docs/.
- After "Nu toetsen" in the draft editor the keyboard focus is on the result of
  the check, not on the page body (WCAG 2.4.3); adding a row focuses its first field.
- At 360 px wide no main page scrolls sideways, and the menu collapses behind a button.
"""

import re

import pytest
from playwright.sync_api import expect

from accounts.models import Role
from experiments.models import Experiment
from regions.models import Organisation
from submissions.drafting import services as drafting
from tests.axe import axe_violations
from tests.base import PASSWORD, make_user
from tests.rules.factories import build_reference_data

PUBLIC_PAGES = [
    "/",
    "/kwalificaties/",
    "/kwalificaties/keuzedelen/",
    "/kwalificaties/vergelijken/?crebo_1=25497&crebo_2=25498",
    "/kwalificaties/wat-heb-ik-nog-nodig/?target=25497",
    "/kwalificaties/keuzeruimte/?qualification=25498&elective=K0123&q=zorg",
    "/kwalificaties/dossiers/25490/onderdelen/B1-K1/?can=B1-K1",
    "/regios/",
    "/regios/kaart/",
    "/regios/netwerken/",
    "/leerroutes/",
    "/indieningen/regels/",
    "/inloggen/",
]
AUTHOR_PAGES = [
    "/",
    "/indieningen/",
    "/indieningen/nieuw/",
    "/indieningen/concept/nieuw/",
    "/leerroutes/nieuw/",
    "/profiel/",
]
MINISTRY_PAGES = [
    "/",
    "/leerroutes/monitor/",
    "/experimenten/",
    "/experimenten/ruimte-voor-de-regio/",
    "/experimenten/ruimte-voor-de-regio/deelnemers/",
    "/experimenten/ruimte-voor-de-regio/voortgang/",
    "/indieningen/beoordelen/",
    "/meldingen/",
]


def log_in(page, username):
    page.goto("/inloggen/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/$"))


def scroll_width(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_axe_reports_a_page_with_violations(page):
    """The check can fail: an image without text and a page without a language."""
    page.axe.enabled = False  # this page is bad on purpose
    page.set_content("<html><body><main><img src='/x.png'></main></body></html>")
    found = {violation["id"] for violation in axe_violations(page)}
    assert {"image-alt", "html-has-lang"} <= found


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_main_pages_pass_axe_and_do_not_scroll_sideways_at_360_px(page):
    ref = build_reference_data()
    make_user("alice", ref.mbo, Role.SCHOOL_AUTHOR)
    ministry = Organisation.objects.create(kind="ministry", code="OCW", name="OCW")
    make_user("mira", ministry, Role.MINISTRY_STAFF)
    page.set_viewport_size({"width": 360, "height": 740})
    for url in PUBLIC_PAGES:
        page.goto(url)
        assert scroll_width(page) <= 360, f"{url} is {scroll_width(page)} px wide"
    log_in(page, "alice")
    for url in AUTHOR_PAGES:
        page.goto(url)
        assert scroll_width(page) <= 360, f"{url} is {scroll_width(page)} px wide"
    page.context.clear_cookies()
    log_in(page, "mira")
    for url in MINISTRY_PAGES:
        page.goto(url)
        assert scroll_width(page) <= 360, f"{url} is {scroll_width(page)} px wide"
    # Every page above was checked by axe-core (failures are reported at the end).
    checked = {re.sub(r"^https?://[^/]+", "", url) for url in page.axe.checked}
    assert set(PUBLIC_PAGES) | set(AUTHOR_PAGES) | set(MINISTRY_PAGES) <= checked


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_menu_collapses_behind_a_button_on_a_phone(page):
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto("/")
    toggle = page.locator("[data-menu-toggle]")
    assert toggle.is_visible()
    assert not page.locator("#site-nav-list").is_visible()
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true"
    assert page.locator("#site-nav-list a[href='/kwalificaties/']").is_visible()
    page.set_viewport_size({"width": 1280, "height": 800})
    assert not toggle.is_visible()
    assert page.locator("#site-nav-list").is_visible()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_focus_moves_to_the_result_after_check_now_and_to_a_new_row(page):
    ref = build_reference_data()
    alice = make_user("alice", ref.mbo, Role.SCHOOL_AUTHOR)
    submission = drafting.create_draft(
        user=alice,
        kind="regional_programme",
        experiment=Experiment.objects.get(slug="ruimte-voor-de-regio"),
        title="Helpende zorg",
    )
    log_in(page, "alice")
    page.goto(f"/indieningen/concept/{submission.pk}/")

    page.locator('#draft-form button[value="add:contributors"]').click()
    expect(page.locator("#id_contributors-0-name")).to_be_focused()
    # Removing the row puts the focus on its list, not on the page body.
    page.locator('#draft-form button[value="remove:contributors:0"]').click()
    expect(page.locator("#block-contributors")).to_be_focused()
    page.locator('#draft-form button[value="add:contributors"]').click()
    expect(page.locator("#id_contributors-0-name")).to_be_focused()

    page.locator('#draft-form button[value="check"]:not([aria-hidden="true"])').focus()
    page.keyboard.press("Enter")
    page.locator(".draft-summary").wait_for()
    # The focus lands inside the summary (on it or on an element in it).
    expect(page.locator(".draft-summary:focus, .draft-summary :focus")).to_have_count(1)
    focused = page.evaluate(
        "document.activeElement.closest('.draft-summary, .draft-form__messages')?.className"
    )
    assert focused and "draft-summary" in focused
    page.axe.check()

    page.locator('#draft-form button[value="save"]').click()
    page.locator(".draft-form__messages .utrecht-alert--success").wait_for()
    expect(page.locator(".draft-form__messages .utrecht-alert--success")).to_be_focused()
    page.axe.check()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_api_docs_have_a_language_and_pass_axe(page):
    page.goto("/api/docs/")
    assert page.evaluate("document.documentElement.lang") in {"nl", "en"}
    # Checked once Swagger UI has drawn the operations.
    page.locator(".opblock-summary-control").first.wait_for()
    page.axe.check()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_search_while_typing_keeps_the_focus_and_announces_the_count(page):
    from tests.qualifications.factories import QualificationFileFactory

    QualificationFileFactory(title="Zorg en welzijn")
    QualificationFileFactory(title="Techniek")
    page.goto("/kwalificaties/")
    page.locator("#id_q").fill("zorg")
    expect(page.locator("#announcer")).to_contain_text("gevonden")
    assert "1 kwalificatiedossier gevonden" in page.inner_text("#announcer")
    assert page.evaluate("document.activeElement.id") == "id_q"
    page.axe.check()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_draft_editor_and_review_decision_work_on_a_phone(page):
    from submissions import workflow
    from submissions.models import Submission
    from tests.rules.factories import valid_document

    ref = build_reference_data()
    alice = make_user("alice", ref.mbo, Role.SCHOOL_AUTHOR)
    sbb = Organisation.objects.create(kind="sbb", code="SBB", name="SBB")
    make_user("sara", sbb, Role.SBB_REVIEWER)
    submission = drafting.create_draft(
        user=alice,
        kind="regional_programme",
        experiment=Experiment.objects.get(slug="ruimte-voor-de-regio"),
        title="Helpende zorg",
    )
    submission = drafting.save_draft(
        submission=submission,
        user=alice,
        document=valid_document("regional_programme"),
        title="Helpende zorg",
        revision=submission.revision,
    )
    page.set_viewport_size({"width": 360, "height": 740})
    log_in(page, "alice")
    page.goto(f"/indieningen/concept/{submission.pk}/")
    assert scroll_width(page) <= 360
    page.locator('#draft-form button[value="check"]:not([aria-hidden="true"])').click()
    page.locator(".draft-summary").wait_for()
    assert scroll_width(page) <= 360
    page.axe.check()

    workflow.submit(submission, alice)
    submission.refresh_from_db()
    assert submission.state == Submission.State.UNDER_REVIEW
    page.context.clear_cookies()
    log_in(page, "sara")
    page.goto(f"/indieningen/{submission.pk}/beoordeling/")
    assert scroll_width(page) <= 360
    page.locator("input[name=outcome][value=changes_requested]").check()
    page.fill("#id_reason", "Graag de bijdrage van het bedrijfsleven beschrijven.")
    page.locator(".review-decision button[type=submit]").click()
    page.wait_for_load_state()
    assert scroll_width(page) <= 360
    submission.refresh_from_db()
    assert submission.state == Submission.State.CHANGES_REQUESTED
