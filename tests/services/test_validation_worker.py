"""A real Celery worker validates a stored version and saves its report.

Like test_celery_worker.py, but the task reads and writes the database: the
worker is started with DATABASE_URL pointing at the *test* database, and the
test is transactional so that the worker sees the committed rows. Needs
PostgreSQL (an in-memory SQLite test database is invisible to another
process) and Redis: skipped on a developer machine without them, failing in CI.
"""

import json
import time
from urllib.parse import quote

import pytest
from django.db import connection

from conftest import require_service
from submissions.models import Submission, SubmissionVersion, ValidationReport
from submissions.tasks import validate_version
from tests.base import make_user
from tests.rules.factories import build_reference_data, valid_document

from .conftest import running_worker

WAIT_SECONDS = 60


def test_database_url() -> str:
    """A DATABASE_URL for the test database this process uses."""
    db = connection.settings_dict
    credentials = quote(db["USER"] or "", safe="")
    if db["PASSWORD"]:
        credentials += ":" + quote(db["PASSWORD"], safe="")
    host = db["HOST"] or "localhost"
    port = f":{db['PORT']}" if db["PORT"] else ""
    return f"postgres://{credentials}@{host}{port}/{db['NAME']}"


test_database_url.__test__ = False  # a helper, not a test


@pytest.fixture
def validation_worker(tmp_path):
    """A worker on the test database; yields its queue."""
    require_service(
        connection.vendor == "postgresql",
        "the worker needs a database it can share: set DATABASE_URL to PostgreSQL",
    )
    with running_worker(
        tmp_path / "worker.log", DATABASE_URL=test_database_url(), CONN_MAX_AGE="0"
    ) as queue:
        yield queue


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_worker_validates_a_version_and_saves_the_report(validation_worker, not_eager):
    reference = build_reference_data()
    author = make_user("worker-author", reference.mbo)
    document = valid_document("regional_programme")
    document["regional_section"]["learning_outcomes"] = []  # RR-03
    submission = Submission.objects.create(
        kind=document["kind"], school=reference.mbo, title="t", created_by=author
    )
    version = SubmissionVersion.objects.create(
        submission=submission,
        number=1,
        document=document,
        source_text=json.dumps(document),
        created_by=author,
    )

    result = validate_version.apply_async(args=[version.pk], queue=validation_worker)
    assert result.get(timeout=WAIT_SECONDS) is False
    report = ValidationReport.objects.get(version=version)
    assert report.valid is False
    assert [(f["rule"], f["path"]) for f in report.findings] == [
        ("RR-03", "regional_section.learning_outcomes")
    ]

    # Run again: the one report is replaced, not duplicated.
    first_checked = report.checked_at
    time.sleep(0.01)
    validate_version.apply_async(args=[version.pk], queue=validation_worker).get(
        timeout=WAIT_SECONDS
    )
    reports = ValidationReport.objects.filter(version=version)
    assert reports.count() == 1
    assert reports.get().checked_at > first_checked
