"""A validation whose worker is killed mid-task (SIGKILL) is done again soon.

The first worker takes the job and is killed while it waits to save the
report (the test holds a row lock that the save needs, so the kill surely comes
mid-task, before it commits). Redis would hand the unacknowledged job back only after its
visibility timeout (ten minutes); the periodic sweep run by beat beside the
second worker queues it again instead, and the report is there well within
two minutes of that worker starting. Needs PostgreSQL and Redis, like
test_validation_worker.py.
"""

import json
import os
import time
import uuid

import psycopg
import pytest
from django.conf import settings
from django.db import connection

from config.celery import app
from conftest import require_service
from submissions.intake import services
from submissions.models import Submission, ValidationJob, ValidationReport
from tests.base import make_user
from tests.rules.factories import build_reference_data, valid_document

from .conftest import start_worker, stop_worker
from .test_validation_worker import test_database_url

WAIT_SECONDS = 60
REDONE_WITHIN_SECONDS = 120


def wait_for(condition, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.25)
    pytest.fail(f"waited {timeout} s for {what}")


def blocked_backends(lock_connection) -> int:
    """How many other sessions of the test database wait for a lock."""
    with lock_connection.cursor() as cursor:
        # Inside a transaction the statistics views keep their first snapshot.
        cursor.execute("SELECT pg_stat_clear_snapshot()")
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity"
            " WHERE datname = current_database() AND wait_event_type = 'Lock'"
            " AND pid <> pg_backend_pid()"
        )
        return cursor.fetchone()[0]


@pytest.fixture
def shared_queue():
    """A fresh queue that the test process sends to by default; removed afterwards."""
    require_service(bool(os.environ.get("CELERY_BROKER_URL")), "CELERY_BROKER_URL is not set")
    require_service(
        connection.vendor == "postgresql",
        "the workers need a database they can share: set DATABASE_URL to PostgreSQL",
    )
    queue = f"test-worker-{uuid.uuid4().hex}"
    saved = app.conf.task_default_queue
    app.conf.task_default_queue = queue
    try:
        yield queue
    finally:
        app.conf.task_default_queue = saved
        with app.connection_for_write() as conn:
            conn.default_channel.queue_delete(queue)


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_a_killed_workers_validation_is_redone_by_the_sweep(shared_queue, not_eager, tmp_path):
    reference = build_reference_data()
    author = make_user("killed-worker-author", reference.mbo)
    document = valid_document("regional_programme")
    database_url = test_database_url()

    # Hold a lock that saving the report needs before the job can start: the
    # job deletes its ValidationJob row in the transaction that saves the report.
    submission = services.create_submission(user=author, data=json.dumps(document).encode())
    version = submission.versions.get()
    assert ValidationJob.objects.get(version=version).attempts == 1
    worker_env = {"DATABASE_URL": database_url, "CONN_MAX_AGE": "0", "CELERY_QUEUE": shared_queue}
    with psycopg.connect(database_url) as lock_connection:
        lock_connection.execute(
            "SELECT id FROM submissions_validationjob WHERE version_id = %s FOR UPDATE",
            [version.pk],
        )
        with (tmp_path / "first.log").open("wb") as log:
            first = start_worker(log, shared_queue, **worker_env)
        try:
            wait_for(lambda: blocked_backends(lock_connection), WAIT_SECONDS, "the job to start")
        finally:
            first.kill()  # SIGKILL: no warm shutdown, no acknowledgement, no requeue
            first.wait(timeout=10)
            print((tmp_path / "first.log").read_text(errors="replace"))
        lock_connection.rollback()
    assert not ValidationReport.objects.filter(version=version).exists()
    assert Submission.objects.get(pk=submission.pk).state == "draft"

    # A new worker with beat beside it; the sweep runs every 2 s and takes jobs
    # queued 5 s ago (in production: every minute, a minute).
    with (tmp_path / "second.log").open("wb") as log:
        second = start_worker(
            log,
            shared_queue,
            "--beat",
            "--schedule",
            str(tmp_path / "beat-schedule"),
            VALIDATION_STUCK_SECONDS="5",
            VALIDATION_SWEEP_SECONDS="2",
            **worker_env,
        )
    started = time.monotonic()
    try:
        report = wait_for(
            lambda: ValidationReport.objects.filter(version=version).first(),
            REDONE_WITHIN_SECONDS,
            "the validation to be redone",
        )
    finally:
        stop_worker(second)
        print((tmp_path / "second.log").read_text(errors="replace"))
    assert time.monotonic() - started < REDONE_WITHIN_SECONDS
    assert report.valid is True
    # Queued again by the sweep (long before Redis's visibility timeout), then done.
    assert settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"] > REDONE_WITHIN_SECONDS
    assert "Queued again the checks of versions" in (tmp_path / "second.log").read_text()
    assert not ValidationJob.objects.filter(version=version).exists()
