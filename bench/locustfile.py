"""Locust journeys of the three user groups and the public, for `make bench`.

Run by bench/load.py (headless) against gunicorn; it passes the accounts'
session cookies and the objects to visit in the JSON file named by
BENCH_FIXTURE. Every request is named by its page, not its URL, so that the
figures group per page.
"""

import json
import os
import random
from html.parser import HTMLParser
from pathlib import Path

from locust import FastHttpUser, HttpUser, between, constant, task


def _fixture() -> dict:
    path = os.environ.get("BENCH_FIXTURE")
    return json.loads(Path(path).read_text(encoding="utf-8")) if path else {}


FIXTURE = _fixture()


class _FormFields(HTMLParser):
    """A page's form fields as a browser sends them (checked boxes, selected options)."""

    def __init__(self):
        super().__init__()
        self.fields: list[tuple[str, str]] = []
        self._textarea: str | None = None
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in ("submit", "button", "file"):
            if attrs.get("type") in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.fields.append((name, attrs.get("value") or ""))
        elif tag == "textarea" and name:
            self._textarea = name
            self.fields.append((name, ""))
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and "selected" in attrs:
            self.fields.append((self._select, attrs.get("value") or ""))

    def handle_data(self, data):
        if self._textarea:
            name, text = self.fields[-1]
            self.fields[-1] = (name, text + data)

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None


def form_fields(html: str) -> list[tuple[str, str]]:
    parser = _FormFields()
    parser.feed(html)
    return parser.fields


class _Journey(HttpUser):
    abstract = True
    wait_time = between(1, 3)
    role = ""

    def on_start(self):
        account = random.choice(FIXTURE["accounts"][self.role])  # noqa: S311
        self.client.cookies.set("sessionid", account["session"])
        self.client.cookies.set("csrftoken", FIXTURE["csrf"])
        self.account = account

    def page(self, url: str, name: str):
        with self.client.get(url, name=name, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"{response.status_code}")


class SchoolAuthor(_Journey):
    role = "school_author"
    weight = 3

    @task(3)
    def home(self):
        self.page("/", "school: home")

    @task(2)
    def drafts(self):
        self.page("/indieningen/", "school: drafts")

    @task(2)
    def submission_detail(self):
        self.page(f"/indieningen/{random.choice(self.account['submissions'])}/", "school: detail")  # noqa: S311

    @task(1)
    def editor_check(self):
        url = f"/indieningen/concept/{random.choice(self.account['drafts'])}/"  # noqa: S311
        response = self.client.get(url, name="school: editor")
        if response.status_code != 200:
            return
        fields = [(k, v) for k, v in form_fields(response.text) if k != "action"]
        fields.append(("action", "check"))
        with self.client.post(
            url,
            data=fields,
            headers={"X-CSRFToken": FIXTURE["csrf"], "Referer": self.host + url},
            name="school: editor check",
            catch_response=True,
        ) as check:
            if check.status_code != 200:
                check.failure(f"{check.status_code}")


class SbbReviewer(_Journey):
    role = "sbb_reviewer"
    weight = 2

    @task(3)
    def queue(self):
        kind = random.choice(["", "regional_programme", "cross_over", "practice_programme"])  # noqa: S311
        self.page(f"/indieningen/beoordelen/?kind={kind}", "sbb: queue (filtered)")

    @task(2)
    def review(self):
        self.page(f"/indieningen/{random.choice(FIXTURE['in_review'])}/beoordeling/", "sbb: review")  # noqa: S311

    @task(1)
    def diff(self):
        pk = random.choice(FIXTURE["in_review"])  # noqa: S311
        self.page(f"/indieningen/{pk}/verschil/?van=1&naar=3", "sbb: diff")


class MinistryStaff(_Journey):
    role = "ministry_staff"
    weight = 1

    @task(2)
    def participants(self):
        self.page(
            "/experimenten/pilot-praktijkgerichte-programmas/deelnemers/", "ministry: participants"
        )

    @task(2)
    def progress(self):
        self.page("/experimenten/ruimte-voor-de-regio/voortgang/", "ministry: progress")

    @task(2)
    def monitor(self):
        self.page("/leerroutes/monitor/", "ministry: pathway monitor")

    @task(1)
    def map(self):
        self.page("/regios/kaart/?indicator=pathways", "ministry: map")

    @task(1)
    def export(self):
        url = random.choice(FIXTURE["exports"])  # noqa: S311
        self.page(url, "ministry: export " + url.rsplit(".", 1)[-1])


class Public(HttpUser):
    wait_time = between(1, 3)
    weight = 4

    def page(self, url: str, name: str):
        with self.client.get(url, name=name, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"{response.status_code}")

    @task(3)
    def search(self):
        word = random.choice(FIXTURE["words"])  # noqa: S311
        self.page(f"/kwalificaties/?q={word}", "public: qualification search")

    @task(3)
    def qualification(self):
        self.page(f"/kwalificaties/{random.choice(FIXTURE['crebos'])}/", "public: qualification")  # noqa: S311

    @task(1)
    def compare(self):
        first, second = random.sample(FIXTURE["crebos"], 2)
        self.page(
            f"/kwalificaties/vergelijken/?crebo_1={first}&crebo_2={second}", "public: compare"
        )

    @task(1)
    def electives(self):
        self.page("/kwalificaties/keuzedelen/", "public: keuzedelen")

    @task(1)
    def map(self):
        self.page("/regios/kaart/", "public: map")

    @task(1)
    def region(self):
        self.page(f"/regios/{random.choice(FIXTURE['regions'])}/", "public: region")  # noqa: S311

    # A consumer of the OOAPI publication pages through its lists.
    @task(1)
    def ooapi_organizations(self):
        page = random.randint(1, 20)  # noqa: S311
        self.page(f"/ooapi/v5/organizations?pageNumber={page}", "public: OOAPI organizations")

    @task(1)
    def ooapi_programs(self):
        page = random.randint(1, 50)  # noqa: S311
        self.page(f"/ooapi/v5/programs?pageNumber={page}", "public: OOAPI programs")

    @task(1)
    def ooapi_specifications(self):
        page = random.randint(1, 20)  # noqa: S311
        self.page(
            f"/ooapi/v5/education-specifications?pageNumber={page}",
            "public: OOAPI education-specifications",
        )

    @task(1)
    def ooapi_courses(self):
        page = random.randint(1, 20)  # noqa: S311
        self.page(f"/ooapi/v5/courses?pageNumber={page}", "public: OOAPI courses")


class ScaleOut(FastHttpUser):
    """Closed loop over the servers in FIXTURE["hosts"] with one account's session:
    the session made for one server must work on the other. Locust's cheaper HTTP
    client: Locust shares the two cores with the servers, and with the requests
    library it was the first to run out of time (one server 256 requests/s, two 285)."""

    wait_time = constant(0)

    def on_start(self):
        self.cookie = f"sessionid={FIXTURE['accounts']['sbb_reviewer'][0]['session']}"
        self.turn = 0

    @task
    def page(self):
        hosts = FIXTURE.get("hosts") or [self.host]
        self.turn += 1
        host = hosts[self.turn % len(hosts)]
        crebo = FIXTURE["crebos"][self.turn % len(FIXTURE["crebos"])]
        with self.client.get(
            f"{host}/kwalificaties/{crebo}/",
            name="scale-out",
            headers={"Cookie": self.cookie},
            catch_response=True,
        ) as response:
            if response.status_code != 200:
                response.failure(f"{response.status_code}")
