"""The load benchmark: gunicorn on the national data set, driven by Locust.

Needs a database with a generated country (`manage.py generate_national`; the
suite generates one at scale 1 when the database has none). Every figure is
printed with its target and `ok` or `MISSED`. Traffic goes to 127.0.0.1 only,
and every phase stops by itself.
"""

import contextlib
import csv
import json
import os
import secrets
import shutil
import socket
import statistics
import string
import subprocess
import sys
import tempfile
import time
import urllib.request
from importlib import import_module
from pathlib import Path

from bench import verdict

ROOT = Path(__file__).resolve().parent.parent
LOCUSTFILE = Path(__file__).with_name("locustfile.py")
# Long enough for a p95 of the pages visited least (about 30 requests each at 20 users):
# with 60 s, some had 13 and their "p95" was their one slowest request.
PHASE_SECONDS = int(os.environ.get("BENCH_LOAD_SECONDS", "120"))
# The journeys run this long before the measured phases, unmeasured: a server that has
# been running has its caches filled (each qualification's "also in", the aggregates).
WARM_UP_SECONDS = int(os.environ.get("BENCH_WARM_UP_SECONDS", "30"))
FLOOR_PAGE = "/robots.txt"
SINGLE_USER_REPEATS = 15
MEMORY_LIMIT_MB = 250
# Versions re-validated per worker-count measurement: all of them (6,000 at scale 1), as the
# issue asks; starting the workers then counts less.
REVALIDATION_SAMPLE = int(os.environ.get("BENCH_REVALIDATION_SAMPLE", "100000"))
# Runs with one worker process and with two, taken in turn; each count's best run counts.
# A run of 6,000 checks takes 5-15 s on two cores, where any passing load weighs on one run.
# The first run after `generate_national` is bound by the disk, not the workers: it is the
# first update of every bulk-loaded report row (no free room on its page, so every index is
# written too, and whole pages go to the write-ahead log): 230-270 checks/s with one worker
# or two; the runs after it show what the workers do.
REVALIDATION_ROUNDS = int(os.environ.get("BENCH_REVALIDATION_ROUNDS", "2"))
# The Locust user classes of the journeys (bench/locustfile.py); ScaleOut runs on its own.
JOURNEYS = ["SchoolAuthor", "SbbReviewer", "MinistryStaff", "Public"]


def load() -> None:
    """Pages under one, 20 and 100 concurrent users; workers' memory; one vs two servers."""
    fixture = prepare_fixture()
    with tempfile.TemporaryDirectory() as folder:
        fixture_path = Path(folder) / "fixture.json"
        fixture_path.write_text(json.dumps(fixture), encoding="utf-8")
        workers = os.cpu_count() or 1
        with gunicorn(workers) as (url, master):
            floor, medians = single_user(url, fixture)
            print(f"Load: floor {FLOOR_PAGE}, one user: median {floor:.1f} ms")
            for name, median in medians.items():
                limit = min(50.0, 10 * floor)
                print(
                    f"Load, 1 user, {name}: median {median:.1f} ms "
                    f"(target < {limit:.1f} ms: 50 ms and 10× the floor) {verdict(median < limit)}"
                )
            locust(
                url, fixture_path, 20, Path(folder) / "warm-up", JOURNEYS, seconds=WARM_UP_SECONDS
            )
            print(f"Load: warm-up, 20 users for {WARM_UP_SECONDS} s (not measured)")
            for users, p95_limit in ((20, 150), (100, 1000)):
                rows = locust(url, fixture_path, users, Path(folder) / f"users{users}", JOURNEYS)
                report_locust(rows, users, p95_limit)
            sizes = worker_memory(master)
            for pid, megabytes in sizes.items():
                print(
                    f"Load: web worker {pid} memory {megabytes:.0f} MB "
                    f"(target < {MEMORY_LIMIT_MB} MB) {verdict(megabytes < MEMORY_LIMIT_MB)}"
                )
        scale_out(fixture, fixture_path, Path(folder))


def prepare_fixture() -> dict:
    """Sessions for accounts of each role and the objects the journeys visit."""
    from django.conf import settings

    from accounts.models import Role, User
    from portal.national import FIRST_QUALIFICATION_CREBO, USERNAME_PREFIX, generate_national
    from qualifications.models import Qualification
    from regions.models import Region
    from submissions.models import Submission

    if not User.objects.filter(username__startswith=USERNAME_PREFIX).exists():
        print("Load: generating the national data set (scale 1) first …")
        generate_national(scale=1, seed=1, log=lambda line: None)

    store = import_module(settings.SESSION_ENGINE).SessionStore
    backend = next(b for b in settings.AUTHENTICATION_BACKENDS if b.endswith("ModelBackend"))

    def session_for(user) -> str:
        from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

        session = store()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = backend
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        return session.session_key

    generated = User.objects.filter(username__startswith=USERNAME_PREFIX)
    accounts: dict[str, list] = {}
    editable = Submission.objects.filter(state__in=Submission.EDITABLE_STATES)
    schools = editable.values_list("school_id", flat=True).distinct()[:30]
    for author in generated.filter(role=Role.SCHOOL_AUTHOR, organisation__in=list(schools)):
        own = Submission.objects.filter(school_id=author.organisation_id)
        accounts.setdefault(Role.SCHOOL_AUTHOR, []).append(
            {
                "session": session_for(author),
                "submissions": list(own.values_list("pk", flat=True)[:20]),
                "drafts": list(
                    own.filter(state__in=Submission.EDITABLE_STATES).values_list("pk", flat=True)[
                        :5
                    ]
                ),
            }
        )
    for role in (Role.SBB_REVIEWER, Role.MINISTRY_STAFF):
        for user in generated.filter(role=role)[:10]:
            accounts.setdefault(role, []).append({"session": session_for(user)})
    generated_crebos = Qualification.objects.filter(crebo__gte=str(FIRST_QUALIFICATION_CREBO))
    crebos = list(generated_crebos.values_list("crebo", flat=True)[:200])
    in_review = Submission.objects.filter(state=Submission.State.UNDER_REVIEW)
    return {
        "accounts": accounts,
        "csrf": "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(32)),
        "in_review": list(in_review.values_list("pk", flat=True)[:200]),
        "crebos": crebos,
        "words": ["zorg", "pedagogisch", "begeleiden", "dienstverlening", "sociaal"],
        "regions": list(Region.objects.exclude(code="AM99").values_list("code", flat=True)),
        "exports": exports(),
    }


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def gunicorn(workers: int, port: int | None = None):
    """A gunicorn serving the project on 127.0.0.1 with the bench's database."""
    from django.conf import settings

    port = port or free_port()
    static_root = Path(tempfile.mkdtemp(prefix="bench-static-"))
    env = os.environ | {
        "DEBUG": "0",
        # The sessions the bench made are signed with this process's key.
        "SECRET_KEY": settings.SECRET_KEY,
        "STATIC_ROOT": str(static_root),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_COOKIES": "0",
        "TWO_FACTOR_REQUIRED": "0",
    }
    subprocess.run(  # noqa: S603 (fixed arguments)
        [sys.executable, "manage.py", "collectstatic", "--no-input", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    process = subprocess.Popen(  # noqa: S603 (fixed arguments)
        [
            sys.executable,
            "-m",
            "gunicorn",
            "config.wsgi",
            "--workers",
            str(workers),
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(url + FLOOR_PAGE, timeout=2):  # noqa: S310
                    break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise RuntimeError("gunicorn did not start") from None
                time.sleep(0.3)
        yield url, process.pid
    finally:
        process.terminate()
        process.wait(timeout=30)
        shutil.rmtree(static_root, ignore_errors=True)


def _get(url: str, session: str | None) -> float:
    request = urllib.request.Request(url)  # noqa: S310 (127.0.0.1 only)
    if session:
        request.add_header("Cookie", f"sessionid={session}")
    started = time.perf_counter()
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
        response.read()
        if response.status != 200:
            raise RuntimeError(f"{url}: {response.status}")
    return (time.perf_counter() - started) * 1000


def single_user(url: str, fixture: dict) -> tuple[float, dict[str, float]]:
    """The floor page's median and every journey page's median, one request at a time."""
    floor = statistics.median(_get(url + FLOOR_PAGE, None) for _ in range(50))
    medians = {}
    for role, name, path in journeys(fixture):
        session = fixture["accounts"][role][0]["session"] if role else None
        _get(url + path, session)  # warm up: first use of a worker's caches
        medians[name] = statistics.median(
            _get(url + path, session) for _ in range(SINGLE_USER_REPEATS)
        )
    return floor, medians


def locust(
    url: str, fixture_path: Path, users: int, prefix: Path, classes, seconds: int = PHASE_SECONDS
) -> list[dict]:
    """Run Locust headless for `seconds` and return its per-page statistics rows."""
    subprocess.run(  # noqa: S603 (fixed arguments)
        [
            sys.executable,
            "-m",
            "locust",
            "-f",
            str(LOCUSTFILE),
            "--headless",
            "--users",
            str(users),
            "--spawn-rate",
            str(users),
            "--run-time",
            f"{seconds}s",
            "--host",
            url,
            "--csv",
            str(prefix),
            "--only-summary",
            "--reset-stats",
            "--loglevel",
            "WARNING",
            *classes,
        ],
        cwd=ROOT,
        env=os.environ | {"BENCH_FIXTURE": str(fixture_path)},
        check=False,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    with open(f"{prefix}_stats.csv", encoding="utf-8") as stats:
        return list(csv.DictReader(stats))


def report_locust(rows: list[dict], users: int, p95_limit: int) -> None:
    for row in rows:
        name = row["Name"]
        if name == "Aggregated":
            continue
        errors = int(row["Failure Count"])
        p95 = float(row["95%"] or 0)
        ok = errors == 0 and p95 < p95_limit
        print(
            f"Load, {users} users, {name}: p50 {row['50%']} ms, p95 {row['95%']} ms, "
            f"p99 {row['99%']} ms, {row['Request Count']} requests, {errors} errors "
            f"(target: p95 < {p95_limit} ms, 0 errors) {verdict(ok)}"
        )


def worker_memory(master: int) -> dict[int, float]:
    """Resident memory (MB) of each gunicorn worker, read from /proc."""
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    sizes = {}
    for pid in children:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                sizes[int(pid)] = int(line.split()[1]) / 1024
    return sizes


def scale_out(fixture: dict, fixture_path: Path, folder: Path) -> None:
    """Requests per second from one gunicorn process, then from two sharing the load
    (sessions made for one are used on the other: the web tier keeps no state)."""
    throughput = {}
    with gunicorn(1) as (first, _pid):
        rows = locust(first, fixture_path, 20, folder / "one", classes=["ScaleOut"])
        throughput[1] = _aggregate_rps(rows)
        with gunicorn(1) as (second, _other):
            fixture["hosts"] = [first, second]
            fixture_path.write_text(json.dumps(fixture), encoding="utf-8")
            rows = locust(first, fixture_path, 20, folder / "two", classes=["ScaleOut"])
            throughput[2] = _aggregate_rps(rows)
    ratio = throughput[2] / throughput[1] if throughput[1] else 0
    print(
        f"Load: one gunicorn process {throughput[1]:.0f} requests/s, two {throughput[2]:.0f} "
        f"requests/s ({ratio:.2f}×; target: two serve more than one) {verdict(ratio > 1)}"
    )


def _aggregate_rps(rows: list[dict]) -> float:
    return next(float(row["Requests/s"]) for row in rows if row["Name"] == "Aggregated")


def exports() -> list[str]:
    """The ministry's downloads that exist (CSV, and its XLSX twin where there is one)."""
    from django.urls import NoReverseMatch, reverse

    urls = []
    for name in ("pathways:export-csv", "pathways:export-xlsx"):
        with contextlib.suppress(NoReverseMatch):
            urls.append(reverse(name))
    return urls


def journeys(fixture: dict) -> list[tuple[str, str, str]]:
    """Every page of the journeys once, as (role, name, url), for the one-user figures."""
    account = {role: accounts[0] for role, accounts in fixture["accounts"].items()}
    review = fixture["in_review"][0]
    first, second = fixture["crebos"][:2]
    pages = [
        ("school_author", "school: home", "/"),
        ("school_author", "school: drafts", "/indieningen/"),
        (
            "school_author",
            "school: detail",
            f"/indieningen/{account['school_author']['submissions'][0]}/",
        ),
        (
            "school_author",
            "school: editor",
            f"/indieningen/concept/{account['school_author']['drafts'][0]}/",
        ),
        ("sbb_reviewer", "sbb: queue (filtered)", "/indieningen/beoordelen/?kind=cross_over"),
        ("sbb_reviewer", "sbb: review", f"/indieningen/{review}/beoordeling/"),
        ("sbb_reviewer", "sbb: diff", f"/indieningen/{review}/verschil/?van=1&naar=3"),
        (
            "ministry_staff",
            "ministry: participants",
            "/experimenten/pilot-praktijkgerichte-programmas/deelnemers/",
        ),
        ("ministry_staff", "ministry: progress", "/experimenten/ruimte-voor-de-regio/voortgang/"),
        ("ministry_staff", "ministry: pathway monitor", "/leerroutes/monitor/"),
        ("ministry_staff", "ministry: map", "/regios/kaart/?indicator=pathways"),
        ("", "public: qualification search", f"/kwalificaties/?q={fixture['words'][0]}"),
        ("", "public: qualification", f"/kwalificaties/{first}/"),
        ("", "public: compare", f"/kwalificaties/vergelijken/?crebo_1={first}&crebo_2={second}"),
        ("", "public: keuzedelen", "/kwalificaties/keuzedelen/"),
        ("", "public: map", "/regios/kaart/"),
        ("", "public: region", f"/regios/{fixture['regions'][0]}/"),
        ("", "public: OOAPI organizations", "/ooapi/v5/organizations?pageNumber=3"),
        ("", "public: OOAPI programs", "/ooapi/v5/programs?pageNumber=3"),
        (
            "",
            "public: OOAPI education-specifications",
            "/ooapi/v5/education-specifications?pageNumber=3",
        ),
        ("", "public: OOAPI courses", "/ooapi/v5/courses?pageNumber=3"),
    ]
    pages += [
        ("ministry_staff", "ministry: export " + u.rsplit(".", 1)[-1], u)
        for u in fixture["exports"]
    ]
    return pages


def revalidation() -> None:
    """Re-validating every submission's latest version, fanned out over one worker
    process and then two (Celery group of recheck_versions batches)."""
    from django.conf import settings
    from django.db.models import Max

    from submissions.models import SubmissionVersion
    from submissions.tasks import recheck_in_batches

    if not settings.CELERY_BROKER_URL:
        print("Re-validation fan-out: not measured, CELERY_BROKER_URL is not set MISSED")
        return
    latest = SubmissionVersion.objects.values("submission").annotate(last=Max("number"))
    wanted = {(row["submission"], row["last"]) for row in latest}
    due = [
        (pk, "benchmark")
        for pk, submission, number in SubmissionVersion.objects.values_list(
            "pk", "submission", "number"
        )
        if (submission, number) in wanted
    ]
    due = due[:REVALIDATION_SAMPLE]
    rates = {1: [], 2: []}
    for _round in range(REVALIDATION_ROUNDS):
        for processes, runs in rates.items():
            with celery_worker(processes):
                started = time.perf_counter()
                recheck_in_batches(due).get(timeout=1800)
                runs.append(len(due) / (time.perf_counter() - started))
    for processes, runs in rates.items():
        print(
            f"Re-validation of {len(due)} submissions, {processes} worker process(es): "
            f"{max(runs):.0f} per second (best of {', '.join(f'{run:.0f}' for run in runs)})"
        )
    ratio = max(rates[2]) / max(rates[1])
    print(
        f"Re-validation: two worker processes {ratio:.2f}× one "
        f"(target ≥ 1.7×) {verdict(ratio >= 1.7)}"
    )


@contextlib.contextmanager
def celery_worker(processes: int):
    """A Celery worker with the given number of processes, ready when this yields."""
    from config.celery import app

    name = f"bench-{secrets.token_hex(4)}@{socket.gethostname()}"
    process = subprocess.Popen(  # noqa: S603 (fixed arguments)
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "config",
            "worker",
            "--concurrency",
            str(processes),
            "--pool",
            "prefork",
            "--hostname",
            name,
            "--loglevel",
            "WARNING",
            "--without-gossip",
            "--without-mingle",
        ],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while not app.control.ping(destination=[name], timeout=1):
            if time.monotonic() > deadline or process.poll() is not None:
                raise RuntimeError("the Celery worker did not start")
        yield
    finally:
        process.terminate()
        process.wait(timeout=60)
