"""In a real browser under the Content-Security-Policy: the main pages of every
role load without a single CSP violation (no inline script or style anywhere),
and the headers are there. Also: a national role logs in through the form with
the second factor."""

import re

import pytest
from django.core.management import call_command
from django.test import override_settings
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.demo import DEMO_PASSWORD
from statements.models import PracticeStatement

# Pages every role visits besides the links on its home page and in the navigation.
EXTRA_PAGES = [
    "/",
    "/inloggen/",
    "/wachtwoord/vergeten/",
    "/kwalificaties/",
    "/kwalificaties/vergelijken/",
    "/kwalificaties/wat-heb-ik-nog-nodig/",
    "/kwalificaties/keuzeruimte/?qualification=25498&elective=K0123",
    "/kwalificaties/keuzedelen/",
    "/regios/kaart/",
    "/regios/",
    "/regios/AM06/",
    "/regios/netwerken/",
    "/leerroutes/",
    "/indieningen/regels/",
    "/api/docs/",
    # Issue 15: certificates, the verification page, the learner's path, the register.
    "/certificaattrajecten/",
    "/kwalificaties/certificaten/",
    "/verificatie/",
    "/kwalificaties/dossiers/23189/onderdelen/B1-K1/?can=B1-K1",
]
LOGGED_IN_PAGES = [
    "/profiel/",
    "/tweestapsverificatie/instellen/",
    "/indieningen/",
    "/experimenten/",
    "/meldingen/",
    "/wachtwoord/wijzigen/",
]
ROLE_PAGES = {
    "school": [
        "/indieningen/nieuw/",
        "/indieningen/concept/nieuw/",
        "/leerroutes/nieuw/",
        "/praktijkverklaringen/",
        "/praktijkverklaringen/nieuw/",
        "/praktijkverklaringen/uploaden/",
        "/certificaattrajecten/nieuw/",
    ],
    "inspectie": ["/indieningen/beoordelen/"],
    "sbb": ["/indieningen/beoordelen/", "/kwalificaties/import/"],
    "ministerie": ["/leerroutes/monitor/"],
    "beheer": ["/admin/", "/admin/axes/accesslog/", "/regios/netwerken/te-beoordelen/"],
}
SKIP = re.compile(r"(uitloggen|\.csv$|/documenten/|/download|/api/(?!docs))")


def collect_csp_errors(page) -> list[str]:
    errors: list[str] = []
    page.on(
        "console",
        lambda message: (
            errors.append(f"{page.url}: {message.text}")
            if "Content Security Policy" in message.text
            else None
        ),
    )
    return errors


def log_in(page, username):
    page.goto("/inloggen/")
    page.fill("#id_username", username)
    page.fill("#id_password", DEMO_PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/$"))


def links_on(page) -> list[str]:
    hrefs = page.locator("main a[href], nav a[href]").evaluate_all(
        "links => links.map(link => link.getAttribute('href'))"
    )
    return [href for href in hrefs if href and href.startswith("/") and not SKIP.search(href)]


def visit_all(page, pages: list[str]) -> set[str]:
    seen: set[str] = set()
    queue = list(pages)
    page.goto("/")
    queue += links_on(page)
    for url in queue:
        path = url.split("#")[0]
        if path in seen or len(seen) >= 45:
            continue
        seen.add(path)
        response = page.goto(path)
        assert response.status < 500, path
        # htmx pages (search boxes, the draft editor) finish their requests too.
        page.wait_for_load_state("networkidle")
    return seen


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_no_csp_violation_on_the_main_pages_of_any_role(page):
    call_command("load_demo", verbosity=0, stdout=open("/dev/null", "w"))  # noqa: SIM115
    TOTPDevice.objects.all().delete()  # the requirement is off in tests; no code step here
    errors = collect_csp_errors(page)

    response = page.goto("/")
    csp = response.headers["content-security-policy"]
    assert "script-src 'self'" in csp
    assert "style-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert "camera=()" in response.headers["permissions-policy"]

    statement = PracticeStatement.objects.get()
    # The public verification page of the demo statement, and the statement itself.
    visited = visit_all(page, [*EXTRA_PAGES, f"/verificatie/{statement.readable_code}/"])
    own_statement = {"school": [f"/praktijkverklaringen/{statement.pk}/"]}
    for username in ("school", "sbb", "inspectie", "ministerie", "beheer"):
        page.context.clear_cookies()
        log_in(page, username)
        pages = ROLE_PAGES.get(username, []) + own_statement.get(username, [])
        visited |= visit_all(page, EXTRA_PAGES[:1] + LOGGED_IN_PAGES + pages)

    # Many pages were looked at, and the map's legend (once a style= attribute) among them.
    assert len(visited) > 30
    assert "/regios/kaart/" in visited
    assert f"/verificatie/{statement.readable_code}/" in visited
    assert f"/praktijkverklaringen/{statement.pk}/" in visited
    assert errors == []


def current_code(device: TOTPDevice) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():06d}"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@override_settings(TWO_FACTOR_REQUIRED=True)
def test_a_national_role_logs_in_with_password_and_code(page):
    from accounts.models import Role
    from regions.models import Organisation
    from tests.base import PASSWORD, make_user

    sbb = Organisation.objects.create(kind="sbb", code="SBB", name="SBB")
    user = make_user("joris", sbb, Role.SBB_REVIEWER)
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    errors = collect_csp_errors(page)

    page.goto("/inloggen/")
    page.fill("#id_username", "joris")
    page.fill("#id_password", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/inloggen/code/"))
    page.fill("#id_token", current_code(device))
    page.locator("main form button[type=submit]").first.click()

    page.wait_for_url(re.compile(r"/$"))
    assert page.locator("h1").count() == 1
    assert "/inloggen/code/" not in page.url
    assert errors == []
