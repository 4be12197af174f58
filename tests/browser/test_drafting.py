"""Browser: a school author drafts a regionalised programme in the browser —
picks the qualification by search, adds a learning outcome and two
contributors without a page reload, checks it, sees the finding beside the
contributors, fixes it and saves."""

import re

import pytest

from accounts.models import Role
from submissions.models import Submission
from tests.base import PASSWORD, make_user
from tests.rules.factories import build_reference_data
from tests.submissions.helpers import EXPERIMENTS, WHILE_OPEN


def log_in(page, username):
    page.goto("/inloggen/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/$"))


def draft_of(user, kind, title):
    """A draft made by the service on a day its experiment was open (some have ended since)."""
    from experiments.models import Experiment
    from submissions.drafting import services as drafting

    experiment = Experiment.objects.get(slug=EXPERIMENTS[kind])
    return drafting.create_draft(
        user=user, kind=kind, experiment=experiment, title=title, today=WHILE_OPEN
    )


def button(page, action):
    """The visible button of the draft form that posts this action."""
    return page.locator(f'#draft-form button[value="{action}"]:not([aria-hidden="true"])')


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_draft_a_regional_programme_check_fix_and_save(page):
    ref = build_reference_data()
    make_user("alice", ref.mbo, Role.SCHOOL_AUTHOR)
    log_in(page, "alice")

    # A new draft from the submission list.
    page.goto("/indieningen/")
    page.locator("a[href='/indieningen/concept/nieuw/']").click()
    page.check("input[name=kind][value=regional_programme]")
    page.fill("#id_title", "Helpende zorg — Deventer profiel")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/indieningen/concept/\d+/$"))
    submission = Submission.objects.get(school=ref.mbo)
    assert submission.draft["kind"] == "regional_programme"

    # From here on nothing reloads the page: a marker on window must survive.
    page.evaluate("window.noReload = 'still here'")

    page.fill("#id_start_date", "2021-08-01")
    page.fill("#id_qualification_search", "Helpende")
    choice = page.locator('#qualification-results input[name=qualification][value="25498"]')
    choice.wait_for()
    choice.check()
    page.fill("#id_section_title", "Zorg dichtbij huis")
    page.fill("#id_section_hours", "400")

    button(page, "add:learning_outcomes").click()
    page.locator("#id_learning_outcomes-0-code").wait_for()
    page.fill("#id_learning_outcomes-0-code", "R1")
    page.fill("#id_learning_outcomes-0-text", "Ondersteunt cliënten bij wonen in de wijk")

    button(page, "add:contributors").click()
    page.locator("#id_contributors-0-name").wait_for()
    page.fill("#id_contributors-0-name", "A. Docent")
    page.select_option("#id_contributors-0-role", "teacher")
    page.fill("#id_contributors-0-organisation", "25PZ")
    button(page, "add:contributors").click()
    page.locator("#id_contributors-1-name").wait_for()
    # What was typed in the first row is still there after the second was added.
    assert page.input_value("#id_contributors-0-name") == "A. Docent"
    assert page.input_value("#id_learning_outcomes-0-text").startswith("Ondersteunt")
    page.fill("#id_contributors-1-name", "B. Expert")
    page.select_option("#id_contributors-1-role", "teacher")
    # Typing part of a company's name brings suggestions from the register.
    page.fill("#id_contributors-1-organisation", "Zorggroep")
    page.locator('#contributors-1-organisation-options option[value="12345678"]').wait_for(
        state="attached"
    )
    page.fill("#id_contributors-1-organisation", "12345678")

    button(page, "add:electives").click()
    page.locator("#id_electives-0-type").wait_for()
    page.select_option("#id_electives-0-type", "national")
    page.fill("#id_electives-0-code", "K0123")

    # Check now: both contributors are teachers, so RR-04 is shown at the contributors.
    button(page, "check").click()
    finding = page.locator('#block-contributors [data-rule="RR-04"]')
    finding.wait_for()
    assert page.locator(".draft-summary").is_visible()
    assert page.locator('#field-start_date [data-rule="RR-04"]').count() == 0
    assert page.evaluate("window.noReload") == "still here"
    submission.refresh_from_db()
    assert submission.revision == 1, "checking does not save"

    # Fix it and check again: no error is left.
    page.select_option("#id_contributors-1-role", "company_expert")
    button(page, "check").click()
    page.locator(".draft-summary .utrecht-alert--success").wait_for()
    assert page.locator('[data-rule="RR-04"]').count() == 0

    button(page, "save").click()
    page.locator(".draft-form__messages .utrecht-alert--success").wait_for()
    assert page.evaluate("window.noReload") == "still here"
    submission.refresh_from_db()
    assert submission.revision == 2
    assert submission.draft["national_section"] == {"qualification": "25498"}
    assert [c["role"] for c in submission.draft["regional_section"]["contributors"]] == [
        "teacher",
        "company_expert",
    ]
    assert submission.draft["electives"] == [{"type": "national", "code": "K0123"}]
    assert page.input_value("input[name=revision]") == "2"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_cross_over_part_core_task_follows_the_chosen_qualification(page):
    """The dependent select: choosing a part's qualification loads its core tasks."""
    ref = build_reference_data()
    alice = make_user("alice", ref.mbo, Role.SCHOOL_AUTHOR)
    submission = draft_of(alice, "cross_over", "Zorg en facilitair")
    log_in(page, "alice")
    page.goto(f"/indieningen/concept/{submission.pk}/")
    page.evaluate("window.noReload = 'still here'")
    button(page, "add:parts").click()
    page.locator("#id_parts-0-qualification").wait_for()
    page.fill("#id_parts-0-qualification", "25499")
    page.locator("#id_parts-0-qualification").dispatch_event("change")
    option = page.locator('#id_parts-0-core_task option[value="P1-K1"]')
    option.wait_for(state="attached")
    # Only the tasks of that qualification's file are offered.
    assert page.locator('#id_parts-0-core_task option[value="P2-K1"]').count() == 0
    page.select_option("#id_parts-0-core_task", "P1-K1")
    page.check("#id_inspectorate_review_needed")
    button(page, "save").click()
    page.locator(".draft-form__messages .utrecht-alert--success").wait_for()
    assert page.evaluate("window.noReload") == "still here"
    submission.refresh_from_db()
    assert submission.draft["parts"] == [{"qualification": "25499", "core_task": "P1-K1"}]
    assert submission.needs_inspectorate is True


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_button_pressed_the_moment_the_form_comes_back_needs_no_reload(page):
    """The new form htmx swaps in works at once: a second "add" pressed as soon as
    the first one's form is in the page adds a row in place (with htmx's default
    settle delay it posted the form without htmx and reloaded the page)."""
    ref = build_reference_data()
    alice = make_user("alice", ref.mbo, Role.SCHOOL_AUTHOR)
    submission = draft_of(alice, "regional_programme", "Snel klikken")
    log_in(page, "alice")
    page.goto(f"/indieningen/concept/{submission.pk}/")
    page.evaluate("window.noReload = 'still here'")
    # As soon as the swapped-in form is in the document (before any timer runs),
    # press its "add contributor" button once.
    page.evaluate(
        """() => {
          const old = document.getElementById("draft-form");
          new MutationObserver((changes, observer) => {
            const form = document.getElementById("draft-form");
            if (form && form !== old) {
              observer.disconnect();
              form.querySelector('button[value="add:contributors"]:not([aria-hidden="true"])').click();
            }
          }).observe(old.parentElement, {childList: true});
        }"""
    )
    button(page, "add:learning_outcomes").click()
    page.locator("#id_contributors-0-name").wait_for()
    page.locator("#id_learning_outcomes-0-code").wait_for()
    assert page.evaluate("window.noReload") == "still here"
