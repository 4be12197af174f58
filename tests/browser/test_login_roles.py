"""In a real browser: every role logs in through the form and lands on its own
home page, in Dutch; the language switch turns it English; the skip link comes first.
"""

import pytest
from django.urls import reverse
from django.utils import translation

from accounts.models import Role
from regions.models import Organisation
from tests.base import PASSWORD, make_user

# The heading (English msgid) each role's home page starts with.
HEADINGS = {
    Role.SCHOOL_AUTHOR: "Your school's work",
    Role.SBB_REVIEWER: "SBB review",
    Role.INSPECTORATE_REVIEWER: "Inspectorate review",
    Role.MINISTRY_STAFF: "Ministry overview",
    Role.ADMINISTRATOR: "Administration",
}
# Where a user of each role works.
ORGANISATIONS = {
    Role.SCHOOL_AUTHOR: ("mbo", "25PZ", "Alice's ROC"),
    Role.SBB_REVIEWER: ("sbb", "SBB", "SBB"),
    Role.INSPECTORATE_REVIEWER: ("inspectorate", "INSP", "Inspectie"),
    Role.MINISTRY_STAFF: ("ministry", "OCW", "OCW"),
    Role.ADMINISTRATOR: ("ministry", "OCW", "OCW"),
}


def dutch(msgid: str) -> str:
    with translation.override("nl"):
        return translation.gettext(msgid)


def make_role_user(role: str):
    kind, code, name = ORGANISATIONS[role]
    organisation, _ = Organisation.objects.get_or_create(
        code=code, defaults={"kind": kind, "name": name}
    )
    return make_user(f"user-{role}", organisation, role)


def test_every_role_is_covered():
    assert set(HEADINGS) == set(Role.values) == set(ORGANISATIONS)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("role", Role.values)
def test_each_role_logs_in_and_sees_its_home_page_in_dutch_then_english(page, role):
    user = make_role_user(role)
    page.goto(reverse("login"))
    assert page.locator("html").get_attribute("lang") == "nl"

    page.get_by_label(dutch("Username")).fill(user.username)
    page.get_by_label(dutch("Password")).fill(PASSWORD)
    page.locator("main").get_by_role("button", name=dutch("Log in")).click()

    page.wait_for_url(f"**{reverse('home')}")
    heading = page.locator("h1")
    assert heading.count() == 1
    assert heading.inner_text() == dutch(HEADINGS[role])
    assert dutch(HEADINGS[role]) != HEADINGS[role]
    assert page.locator("html").get_attribute("lang") == "nl"

    page.get_by_role("button", name="English").click()

    page.wait_for_selector('html[lang="en"]')
    assert page.locator("h1").inner_text() == HEADINGS[role]
    assert page.get_by_role("button", name="Nederlands").is_visible()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_wrong_password_keeps_the_username_and_says_why(page):
    user = make_role_user(Role.SCHOOL_AUTHOR)
    page.goto(reverse("login"))

    page.get_by_label(dutch("Username")).fill(user.username)
    page.get_by_label(dutch("Password")).fill("wrong")
    page.locator("main").get_by_role("button", name=dutch("Log in")).click()

    assert page.get_by_role("alert").is_visible()
    assert page.get_by_label(dutch("Username")).input_value() == user.username


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_skip_link_is_the_first_focusable_element(page):
    page.goto(reverse("home"))

    page.keyboard.press("Tab")

    focused = page.evaluate(
        "() => ({tag: document.activeElement.tagName,"
        " href: document.activeElement.getAttribute('href'),"
        " text: document.activeElement.textContent.trim()})"
    )
    assert focused == {"tag": "A", "href": "#main", "text": dutch("Skip to main content")}
    # Following it moves focus to the main content.
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main"
