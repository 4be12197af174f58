"""Browser: every page of the site, as every demo role that may open it, on a phone.

The pages are not listed by hand: they come from the URL configuration through
the permission matrix (tests/security/test_permission_matrix.py), which names
every URL and the roles that may use it. Each GET page is opened with the demo
data (`load_demo`) as anonymous visitor and as each demo account the matrix
allows, on a 360 px wide phone screen, and must

- not scroll sideways (the document is no wider than the window), at 360 px
  and at 1280 px wide, nor have headings whose lines overlap,
- show no Django form defaults ("---------", colons after labels, bare radio
  buttons and checkboxes, Ctrl-click lists, drop-downs of hundreds of records), and
- pass axe-core at WCAG 2.1 A/AA (the `page` fixture checks every page it loads).

Not pages (so not visited): the JSON API and OOAPI, downloads (CSV, XLSX,
GeoJSON, PDF, uploaded documents) and the htmx fragments behind the search boxes.
A new URL that is none of these is visited automatically.
"""

import re
from types import SimpleNamespace

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import User
from certificates.models import CertificateProgramme
from experiments.models import Experiment, Participation
from notifications.models import Notification
from pathways.models import Route
from qualifications.models import ElectiveModule, ImportRun, Qualification, VetCertificate
from regions.models import Network, NetworkMembership, Organisation, Region
from statements.models import PracticeStatement
from submissions.drafting import services as drafting
from submissions.models import Submission
from tests.rules.factories import ensure_experiments
from tests.security import test_permission_matrix as matrix

# Paths that are not pages people read in the browser.
NOT_PAGES = re.compile(
    r"^/(api/(?!docs/)|ooapi/|open-data/|health$|robots\.txt$|favicon\.ico$)"
    r"|\.(csv|xlsx|json|geojson)$|/geojson/?$|/(pdf|download|documenten/[^/]+)/$"
)
# htmx fragments (search results, import progress): part of a page, checked there.
FRAGMENTS = {
    "qualifications:qualification-options",
    "qualifications:import-status",
    "regions:organisation_options",
    "regions:company_choices",
    "submissions:draft-qualification-choices",
    "submissions:draft-qualifications",
    "submissions:draft-organisations",
    "submissions:draft-electives",
    "submissions:draft-core-tasks",
    "submissions:version-status",
    # Opening a notification marks it read and redirects to what it is about.
    "notifications:open",
}
# The matrix's roles as demo accounts ("other" is the partner vmbo school).
DEMO_ACCOUNTS = {
    matrix.OWN: "school",
    matrix.OTHER: "vmbo",
    matrix.SBB: "sbb",
    matrix.INSP: "inspectie",
    matrix.MIN: "ministerie",
    matrix.ADMIN: "beheer",
}
# The partner vmbo school stands in for "another school"; these are for mbo schools.
MBO_ONLY = {"certificates:programme-create", "statements:create", "statements:upload"}
# Pages that read differently per role (tasks, lists of one's own, review and
# editor controls): opened by every role that may. Any other page is opened once,
# by the first role in ROLE_ORDER that may.
PER_ROLE = {
    "home",
    "submissions:list",
    "submissions:review",
    "submissions:draft-edit",
    "experiments:list",
    "experiments:detail",
    "pathways:route-detail",
    "notifications:list",
}
ROLE_ORDER = (
    matrix.ANON,
    matrix.OWN,
    matrix.SBB,
    matrix.MIN,
    matrix.INSP,
    matrix.ADMIN,
    matrix.OTHER,
)
WIDTH = 360
DESKTOP = 1280
# The page's width once the page has handled the resize (two frames later).
AFTER_RESIZE = """() => new Promise((resolve) => requestAnimationFrame(() =>
  requestAnimationFrame(() => resolve(document.documentElement.scrollWidth))))"""
# Django's defaults that a finished form does not show: "---------" choices, a
# colon after a label, bare radio buttons and checkboxes, Ctrl-click lists, and a
# drop-down of hundreds of records where a search belongs.
UNFINISHED_FORMS = """() => {
  const found = [];
  const text = (element) => element.textContent.trim();
  for (const option of document.querySelectorAll("option")) {
    if (/^-{3,}$/.test(text(option))) {
      found.push(`a "---------" choice in ${option.parentElement.name}`);
    }
  }
  for (const label of document.querySelectorAll("label, legend")) {
    if (text(label).endsWith(":")) found.push(`a label with a colon: ${text(label)}`);
  }
  const designed = /utrecht-(radio-button|checkbox)--html-input/;
  for (const box of document.querySelectorAll("input[type=radio], input[type=checkbox]")) {
    if (!designed.test(box.className)) found.push(`a bare ${box.type}: ${box.name}`);
  }
  for (const select of document.querySelectorAll("select")) {
    const count = select.options.length;
    if (select.multiple) found.push(`a Ctrl-click list: ${select.name}`);
    if (count > 100) found.push(`a list of ${count} to scroll: ${select.name}`);
  }
  return found;
}"""


def demo_objects() -> SimpleNamespace:
    """The demo data under the names the permission matrix uses for its objects."""
    school = Organisation.objects.get(code="99XA")
    helper = Qualification.objects.get(crebo="25498")
    under_review = Submission.objects.get(school=school, state=Submission.State.UNDER_REVIEW)
    # The draft editor: a new draft of the demo school.
    draft = drafting.create_draft(
        user=User.objects.get(username="school"),
        kind="regional_programme",
        experiment=Experiment.objects.get(slug="ruimte-voor-de-regio"),
        title="Zorg dichtbij huis — een concept met een lange titel (demo)",
    )
    regional = Experiment.objects.get(slug="ruimte-voor-de-regio")
    return SimpleNamespace(
        ref=SimpleNamespace(
            care=helper.file,
            helper=helper,
            elective=ElectiveModule.objects.order_by("code").first(),
            am06=Region.objects.get(code="AM06"),
            am25=Region.objects.get(code="AM25"),
            mbo=school,
            regional_experiment=regional,
        ),
        submission=under_review,
        draft=draft,
        cross_over=under_review,
        route=Route.objects.filter(
            mbo_institution=school, status=Route.Status.AWAITING_CONFIRMATION
        ).first(),
        # A network the demo school proposed (its school sees it before anyone else).
        network=Network.objects.filter(status="proposed", memberships__organisation=school).first()
        or Network.objects.filter(memberships__organisation=school).first(),
        open_network=Network.objects.filter(status="active").first(),
        membership=NetworkMembership.objects.first(),
        participation=Participation.objects.get(experiment=regional, school=school),
        import_run=ImportRun.objects.order_by("pk").first(),
        notification=Notification.objects.first(),
        certificate=VetCertificate.objects.order_by("pk").first(),
        programme=CertificateProgramme.objects.get(school=school),
        statement=PracticeStatement.objects.first(),
    )


def pages_for(objects) -> dict[str, tuple[str, frozenset]]:
    """Every GET page of the permission matrix: {url: (url name, allowed roles)}."""
    pages: dict[str, tuple[str, frozenset]] = {}
    for name, entry in sorted(matrix.MATRIX.items()):
        if entry.method != "get" or name in FRAGMENTS or not entry.allowed:
            continue
        path = reverse(name, kwargs=entry.kwargs(objects))
        if NOT_PAGES.search(path):
            continue
        query = "&".join(f"{key}={value}" for key, value in entry.query.items())
        url = f"{path}?{query}" if query else path
        pages.setdefault(url, (name, entry.allowed))
    return pages


# Pages in a state the matrix does not request: two qualifications compared, the
# core tasks of "wat heb ik nog nodig" to tick, search results.
PAGES_WITH_INPUT = [
    "/kwalificaties/vergelijken/?crebo_1=25486&crebo_2=25498",
    "/kwalificaties/wat-heb-ik-nog-nodig/?target=25498",
    "/kwalificaties/?q=zorg",
    "/kwalificaties/keuzedelen/?q=zorg",
    "/certificaattrajecten/?q=zorg",
    "/leerroutes/?q=deventer",
]


def log_in_as(page, base_url: str, username: str | None) -> None:
    """A session for the demo account (or none), without the login form's round trips."""
    page.context.clear_cookies()
    if username is None:
        return
    client = Client()
    client.force_login(User.objects.get(username=username))
    cookie = client.cookies["sessionid"]
    page.context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": base_url}])


# A page wider than the window scrolls sideways; a heading whose line-height is
# below its font size overlaps itself when it wraps.
LAYOUT = """() => {
  const found = [];
  const width = document.documentElement.scrollWidth;
  if (width > window.innerWidth) found.push(`${width} px wide`);
  for (const heading of document.querySelectorAll("h1, h2, h3")) {
    const style = getComputedStyle(heading);
    const lineHeight = style.lineHeight === "normal" ? Infinity : parseFloat(style.lineHeight);
    if (lineHeight < parseFloat(style.fontSize)) {
      found.push(`overlapping lines in the heading "${heading.textContent.trim().slice(0, 40)}"`);
    }
  }
  return found;
}"""


def look_at(page) -> list[str]:
    """What is wrong with the page as it is now: its layout and its forms, and
    its width on a desktop screen (a wide table scrolls in its own box there too)."""
    found = page.evaluate(LAYOUT) + page.evaluate(UNFINISHED_FORMS)
    page.set_viewport_size({"width": DESKTOP, "height": 800})
    width = page.evaluate(AFTER_RESIZE)
    if width > DESKTOP:
        found.append(f"{width} px wide at {DESKTOP} px")
    page.set_viewport_size({"width": WIDTH, "height": 740})
    return found


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_every_page_fits_a_phone_and_passes_axe_for_every_role(page, live_server):
    ensure_experiments()  # an earlier transactional test may have flushed them
    call_command("load_demo", verbosity=0, stdout=open("/dev/null", "w"))  # noqa: SIM115
    TOTPDevice.objects.all().delete()  # the requirement is off in tests; no code step here
    objects = demo_objects()
    pages = pages_for(objects)
    page.set_viewport_size({"width": WIDTH, "height": 740})

    problems: list[str] = []
    visited: set[tuple[str, str]] = set()
    arrived: set[str] = set()  # the pages as loaded (after any redirect)
    for role in ROLE_ORDER:
        username = DEMO_ACCOUNTS.get(role)
        log_in_as(page, live_server.url, username)
        for url, (name, allowed) in pages.items():
            first = next(r for r in ROLE_ORDER if r in allowed)
            if role not in allowed or (name not in PER_ROLE and role != first):
                continue
            if role == matrix.OTHER and name in MBO_ONLY:
                continue
            response = page.goto(url)
            who = username or "anonymous"
            if response is None or response.status >= 400:
                problems.append(f"{url} ({name}) as {who}: HTTP {response and response.status}")
                continue
            problems.extend(f"{url} ({name}) as {who}: {found}" for found in look_at(page))
            arrived.add(page.url)
            visited.add((name, who))

    log_in_as(page, live_server.url, None)
    for url in PAGES_WITH_INPUT:
        response = page.goto(url)
        if response.status >= 400:
            problems.append(f"{url}: HTTP {response.status}")
        problems.extend(f"{url}: {found}" for found in look_at(page))
        arrived.add(page.url)

    assert problems == [], "\n".join(problems)
    # axe-core looked at every one of them (its findings fail the test at its end).
    assert arrived <= set(page.axe.checked)
    # The pages of issue 15 are among them, and each role saw its home page.
    names = {name for name, _ in visited}
    assert {
        "certificates:programme-list",
        "certificates:programme-detail",
        "statements:create",
        "statements:detail",
        "statements:verify",
        "qualifications:elective-list",
        "qualifications:choice-space",
        "qualifications:part-path",
        "submissions:draft-edit",
        "submissions:review",
    } <= names
    assert {who for name, who in visited if name == "home"} == {
        "anonymous",
        *DEMO_ACCOUNTS.values(),
    }


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_checks_find_each_fault(page):
    """The checks above can fail: a page with each fault they look for."""
    page.axe.enabled = False  # this page is bad on purpose
    options = "".join(f"<option>{number}</option>" for number in range(101))
    page.set_viewport_size({"width": WIDTH, "height": 740})
    page.set_content(
        "<main><h1 style='line-height: 10px'>Een lange kop</h1><table><tr><td>"
        f"{'x' * 200}</td></tr></table><form><label for=a>Naam:</label><input id=a>"
        "<select name=s><option>---------</option></select>"
        "<input type=checkbox name=c><select name=m multiple></select>"
        f"<select name=long>{options}</select></form></main>"
    )
    found = look_at(page)
    assert re.fullmatch(r"\d+ px wide at 1280 px", found.pop())
    assert found == [
        f"{page.evaluate('document.documentElement.scrollWidth')} px wide",
        'overlapping lines in the heading "Een lange kop"',
        'a "---------" choice in s',
        "a label with a colon: Naam:",
        "a bare checkbox: c",
        "a Ctrl-click list: m",
        "a list of 101 to scroll: long",
    ]
