"""In a real browser: Alice sees her unread count in the header, opens the
notification, lands on its page, and the count drops; Charlie sees none of it."""

import pytest
from django.urls import reverse

from accounts.models import Role
from notifications import services
from notifications.models import Notification
from regions.models import Organisation
from tests.base import PASSWORD, make_user


def log_in(page, user) -> None:
    page.goto(reverse("login"))
    page.locator("#id_username").fill(user.username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main").get_by_role("button", name="Inloggen").click()
    page.wait_for_url(f"**{reverse('home')}")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_open_a_notification_from_the_header(page):
    school = Organisation.objects.create(kind="mbo", code="25PZ", name="Alice's ROC")
    other = Organisation.objects.create(kind="mbo", code="26QA", name="Charlie's ROC")
    alice = make_user("alice", school, Role.SCHOOL_AUTHOR)
    charlie = make_user("charlie", other, Role.SCHOOL_AUTHOR)
    services.notify(
        [alice],
        kind="submission.returned",
        subject="Indiening teruggestuurd",
        body="SBB vraagt om aanvulling.",
        url=reverse("profile"),
    )
    notification = Notification.objects.get(recipient=alice)

    log_in(page, alice)
    header_link = page.locator("header").get_by_role("link", name="Meldingen (1) ongelezen")
    header_link.click()
    page.wait_for_url(f"**{reverse('notifications:list')}")
    assert page.get_by_role("heading", level=1).inner_text() == "Meldingen"
    assert page.locator(".notification--unread").count() == 1

    page.get_by_role("link", name="Indiening teruggestuurd").click()
    page.wait_for_url(f"**{reverse('profile')}")
    assert page.locator("header").get_by_role("link", name="Meldingen (0) ongelezen").count()
    notification.refresh_from_db()
    assert notification.read_at is not None

    page.context.clear_cookies()
    log_in(page, charlie)
    response = page.goto(reverse("notifications:open", args=[notification.pk]))
    assert response.status == 404
    page.goto(reverse("notifications:list"))
    assert page.get_by_text("Indiening teruggestuurd").count() == 0
