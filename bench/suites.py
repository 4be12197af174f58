"""Benchmark suites, one function per figure set. Later issues add theirs to ALL."""

from bench import verdict

ALL: list = []


def sbb_import() -> None:
    """SBB XML import: the three samples, then 200 generated dossiers (and a re-run).

    Targets: 200 dossiers in under 60 s, peak memory under 300 MB.
    """
    import resource
    import tempfile
    import time
    import tracemalloc
    import xml.etree.ElementTree as ET
    from pathlib import Path

    from django.conf import settings

    from qualifications.services import import_sbb_file

    samples = sorted((Path(settings.DATA_DIR) / "sbb").glob("*.xml"))

    tracemalloc.start()
    started = time.perf_counter()
    for path in samples:
        import_sbb_file(path)
    elapsed = time.perf_counter() - started
    _, traced_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(
        f"SBB import, {len(samples)} samples: {elapsed:.2f} s, "
        f"Python peak (tracemalloc) {traced_peak / 2**20:.1f} MB"
    )

    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for index in range(200):
            # Renumber a sample: new dossier number and crebos, SBB ids offset per copy.
            tree = ET.parse(samples[index % len(samples)])  # noqa: S314 (trusted sample)
            dossier = tree.getroot().find("dossiers/dossier")
            offset = (index + 1) * 10_000_000
            for element in dossier.iter():
                if element.get("nr"):
                    element.set("nr", str(int(element.get("nr")) + offset))
                if element.get("referentie") and element.tag not in ("sectorkamer", "competentie"):
                    element.set("referentie", str(int(element.get("referentie")) + offset))
            dossier.set("nr", str(900_000 + index))
            dossier.find("dossiercrebos/dossiercrebo").text = str(30_000 + index)
            for number, crebo in enumerate(dossier.iter("crebo")):
                crebo.text = str(40_000 + index * 10 + number)
            path = Path(folder) / f"generated-{index:03}.xml"
            tree.write(path, encoding="utf-8", xml_declaration=True)
            paths.append(path)

        for label in ("first import", "second import (no changes)"):
            started = time.perf_counter()
            results = [import_sbb_file(path) for path in paths]
            elapsed = time.perf_counter() - started
            rows = sum(result.added + result.changed + result.unchanged for result in results)
            max_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            print(
                f"SBB import, 200 generated dossiers, {label}: {elapsed:.1f} s "
                f"({rows} rows), process peak RSS {max_rss:.0f} MB "
                f"(targets: < 60 s, < 300 MB) {verdict(elapsed < 60 and max_rss < 300)}"
            )


ALL.append(sbb_import)


def _validation_documents() -> dict:
    """Valid documents of every kind, built on the imported SBB samples."""
    import datetime
    from pathlib import Path

    from django.conf import settings

    from experiments.models import Experiment, Participation
    from qualifications.models import CoreTask, ElectiveModule, Qualification
    from qualifications.services import import_sbb_file
    from regions.models import Organisation, Region

    for path in sorted((Path(settings.DATA_DIR) / "sbb").glob("*.xml")):
        import_sbb_file(path)  # idempotent: unchanged when the import suite ran first
    region, _ = Region.objects.get_or_create(code="AM06", defaults={"name": "Bench regio"})
    mbo, _ = Organisation.objects.get_or_create(
        code="90BA", defaults={"kind": "mbo", "name": "Bench ROC", "region": region}
    )
    Organisation.objects.get_or_create(
        code="91BB", defaults={"kind": "vmbo", "name": "Bench vmbo", "region": region}
    )
    Organisation.objects.get_or_create(
        code="99990001", defaults={"kind": "company", "name": "Bench BV", "region": region}
    )
    ElectiveModule.objects.get_or_create(
        code="K9001", defaults={"title": "Bench keuzedeel", "study_load_hours": 240}
    )
    Participation.objects.get_or_create(
        experiment=Experiment.objects.get(slug="ruimte-voor-de-regio"),
        school=mbo,
        defaults={"cohort": "2019/20", "status": "admitted"},
    )
    qualifications = list(
        Qualification.objects.select_related("file").filter(file__status__iexact="vastgesteld")
    )
    first = qualifications[0]
    start = max(
        datetime.date(2021, 8, 1),
        (first.valid_from or first.file.valid_from or datetime.date(2021, 8, 1)),
    )
    tasks = {}
    for task in CoreTask.objects.filter(qualification__isnull=True).select_related("file"):
        tasks.setdefault(task.file_id, task)
    files = list(tasks)[:2]
    parts = []
    for file_id in files:
        qualification = next(q for q in qualifications if q.file_id == file_id)
        parts.append({"qualification": qualification.crebo, "core_task": tasks[file_id].code})
    level_two = next((q for q in qualifications if q.level == 2), None)
    pathway_target = level_two or next(q for q in qualifications if q.level in (3, 4))
    return {
        "regional_programme": {
            "format": "vet-submission/1",
            "kind": "regional_programme",
            "school": "90BA",
            "experiment": "ruimte-voor-de-regio",
            "title": f"{first.title} — regionaal profiel",
            "region": "AM06",
            "start_date": start.isoformat(),
            "submitted_on": (start - datetime.timedelta(days=150)).isoformat(),
            "national_section": {"qualification": first.crebo},
            "regional_section": {
                "title": "Regionaal deel",
                "hours": 400,
                "learning_outcomes": [{"code": "R1", "text": "Werkt in de regio"}],
                "contributors": [
                    {"name": "Docent", "role": "teacher", "organisation": "90BA"},
                    {"name": "Expert", "role": "company_expert", "organisation": "99990001"},
                ],
            },
            "electives": [
                {"type": "national", "code": "K9001"},
                {
                    "type": "regional",
                    "title": "Regionaal keuzedeel",
                    "hours": 240,
                    "learning_outcomes": [{"code": "E1", "text": "Iets regionaals"}],
                },
            ],
        },
        "cross_over": {
            "format": "vet-submission/1",
            "kind": "cross_over",
            "school": "90BA",
            "experiment": "cross-overs",
            "title": "Bench cross-over",
            "level": first.level,
            "region": "AM06",
            "submitted_on": "2022-03-01",
            "start_date": "2022-08-01",
            "end_date": "2025-07-31",
            "labour_market_need": "Vraag in de regio",
            "parts": parts,
            "inspectorate_review_needed": False,
        },
        "continuous_pathway": {
            "format": "vet-submission/1",
            "kind": "continuous_pathway",
            "basis": "law",
            "vmbo_school": "91BB",
            "mbo_institution": "90BA",
            "region": "AM06",
            "route_type": "integrated" if level_two else "continuous",
            "vmbo_track": "bb" if level_two else "tl",
            "target_qualification": pathway_target.crebo,
            "location": "vmbo",
            "start_date": "2022-08-01",
            "exam_responsible": "mbo",
            "agreement": {
                "signed_on": "2022-05-01",
                "switch_arrangement": "Overstap",
                "financial_arrangements": "Naar rato",
                "fallback_destinations": ["vmbo-bb"],
            },
            "combined_pta_oer": True,
            "duo_registration": {"status": "registered", "date": "2022-06-01"},
        },
        "practice_programme": {
            "format": "vet-submission/1",
            "kind": "practice_programme",
            "school": "91BB",
            "theme": "IT",
            "hours": 320,
            "budget_eur": 150000,
            "period": {"start": "2020-12-15", "end": "2024-07-31"},
            "partners": [
                {"kind": "mbo", "organisation": "90BA"},
                {"kind": "company", "organisation": "99990001"},
                {"kind": "havo", "name": "Havo"},
            ],
            "activity_plan": "Opdrachten uit de regio",
        },
    }


def _round_trips(send, count: int) -> list[float]:
    import time

    timings = []
    for _ in range(count):
        started = time.perf_counter()
        send()
        timings.append(time.perf_counter() - started)
    return timings


def validation() -> None:
    """Rule engine: time per document; queue → stored report with a real worker.

    Targets: < 50 ms per document; the round trip of `validate_version` within
    5× that of the no-op task `config.ping` measured in the same run.
    """
    import os
    import statistics
    import subprocess
    import sys
    import uuid
    from pathlib import Path

    from django.conf import settings

    from rules.engine import validate_document

    documents = _validation_documents()
    for kind, document in documents.items():
        report = validate_document(document)
        errors = [f"{f.rule} {f.path}" for f in report.findings if f.severity == "error"]
        timings = _round_trips(lambda document=document: validate_document(document), 200)
        print(
            f"Validation, {kind}: median {statistics.median(timings) * 1000:.2f} ms, "
            f"max {max(timings) * 1000:.2f} ms per document "
            f"({'valid' if report.valid else 'NOT valid: ' + ', '.join(errors)}) "
            f"(target: < 50 ms) {verdict(max(timings) < 0.05)}"
        )

    broker_url = os.environ.get("CELERY_BROKER_URL", "")
    if not broker_url:
        print("Validation round trip with a worker: skipped (CELERY_BROKER_URL is not set)")
        return

    from accounts.models import User
    from config.celery import ping
    from regions.models import Organisation
    from submissions.models import Submission, SubmissionVersion, ValidationReport
    from submissions.tasks import validate_version

    school = Organisation.objects.get(code="90BA")
    author, _ = User.objects.get_or_create(
        username="bench-author",
        defaults={"email": "bench@example.org", "organisation": school, "role": "school_author"},
    )
    document = documents["regional_programme"]
    submission = Submission.objects.create(
        kind=document["kind"], school=school, title="Bench", created_by=author
    )
    # One fresh version per round trip, made beforehand: only queue → report is timed.
    versions = iter(
        [
            SubmissionVersion.objects.create(
                submission=submission,
                number=number,
                document=document,
                source_text="{}",
                created_by=author,
            )
            for number in range(1, 21)
        ]
    )
    queue = f"bench-{uuid.uuid4().hex}"
    worker = subprocess.Popen(  # noqa: S603 - fixed arguments
        [
            str(Path(sys.executable).with_name("celery")),
            "-A",
            "config",
            "worker",
            "--pool=solo",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "--loglevel=WARNING",
            "--queues",
            queue,
        ],
        cwd=settings.BASE_DIR,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        ping.apply_async(queue=queue).get(timeout=60)  # wait until the worker is up

        def send_ping():
            ping.apply_async(queue=queue).get(timeout=60)

        def send_validation():
            version = next(versions)
            validate_version.apply_async(args=[version.pk], queue=queue).get(timeout=60)
            if not ValidationReport.objects.filter(version=version).exists():
                raise RuntimeError("the worker did not store the report")

        pings = _round_trips(send_ping, 20)
        validations = _round_trips(send_validation, 20)
    finally:
        worker.terminate()
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            worker.kill()
    ping_ms = statistics.median(pings) * 1000
    validation_ms = statistics.median(validations) * 1000
    ratio = validation_ms / ping_ms
    print(
        f"Round trip with a worker (median of 20): config.ping {ping_ms:.1f} ms, "
        f"validate_version to stored report {validation_ms:.1f} ms = "
        f"{ratio:.1f}× the no-op (target: within 5×) {verdict(ratio <= 5)}"
    )


ALL.append(validation)


def load() -> None:
    """Pages under load on the national data set (bench/load.py)."""
    from bench.load import load as pages
    from bench.load import revalidation

    pages()
    revalidation()


ALL.append(load)
