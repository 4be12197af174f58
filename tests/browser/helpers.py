"""Steps shared by the browser tests: logging in, the draft editor's rows, save and check."""

from django.urls import reverse
from django.utils import translation
from playwright.sync_api import expect

from regions.models import Organisation
from tests.base import PASSWORD, make_user


def dutch(msgid: str) -> str:
    with translation.override("nl"):
        return translation.gettext(msgid)


def log_in(page, user):
    page.context.clear_cookies()
    page.goto(reverse("login"))
    page.get_by_label(dutch("Username")).fill(user.username)
    page.get_by_label(dutch("Password")).fill(PASSWORD)
    page.locator("main").get_by_role("button", name=dutch("Log in")).click()
    page.wait_for_url(f"**{reverse('home')}")


def national_user(role, kind, code, name):
    organisation, _ = Organisation.objects.get_or_create(
        code=code, defaults={"kind": kind, "name": name}
    )
    return make_user(role, organisation, role)


def add_row(page, block: str, label: str, index: int):
    """Add a row to a block without a page reload and wait for its first field."""
    page.locator(f"#block-{block}").get_by_role("button", name=label).click()
    page.locator(f"#{block}-row-{index}").wait_for()


def save_draft(page):
    """Save with htmx and wait for the editor to say it is saved."""
    page.get_by_role("button", name=dutch("Save draft")).click()
    page.locator("#draft-form .draft-form__messages .utrecht-alert--success").wait_for()


def check_without_findings(page):
    """Press "Check now" in the draft editor and wait for the result to say there
    are no findings. The whole result is compared, so a failure shows the findings;
    the check runs every rule, which a loaded CI machine may take a while for."""
    page.locator("#draft-form").get_by_role("button", name=dutch("Check now")).last.click()
    expect(page.locator(".draft-summary")).to_contain_text(
        dutch("No findings: the draft meets the rules. Save it before you leave this page."),
        timeout=30_000,
    )


def fill_regional_section(page, *, school_code: str):
    """On the draft editor of a regionalised programme: the region, start date and
    national qualification, a regional section with one learning outcome, and a
    teacher of the school and an expert of a company (as docs/interchange.md).
    The keuzedelen are the caller's."""
    page.locator("#id_region").select_option("AM06")
    page.locator("#id_start_date").fill("2021-08-01")
    # The national qualification, picked by search.
    page.locator("#id_qualification_search").fill("25498")
    page.locator("#qualification-results input[value='25498']").check()
    page.locator("#id_section_title").fill("Zorg dichtbij huis")
    page.locator("#id_section_hours").fill("400")
    add_row(page, "learning_outcomes", dutch("Add a learning outcome"), 0)
    page.locator("#id_learning_outcomes-0-code").fill("R1")
    page.locator("#id_learning_outcomes-0-text").fill("Ondersteunt cliënten bij wonen in de wijk")
    add_row(page, "contributors", dutch("Add a contributor"), 0)
    page.locator("#id_contributors-0-name").fill("A. Docent")
    page.locator("#id_contributors-0-role").select_option("teacher")
    page.locator("#id_contributors-0-organisation").fill(school_code)
    add_row(page, "contributors", dutch("Add a contributor"), 1)
    page.locator("#id_contributors-1-name").fill("B. Expert")
    page.locator("#id_contributors-1-role").select_option("company_expert")
    page.locator("#id_contributors-1-organisation").fill("12345678")
