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
