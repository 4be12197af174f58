"""A real Celery worker on Redis runs a task sent by the application.

The test suite runs tasks eagerly; this test switches eager mode off, starts
`celery -A config worker` as a subprocess on its own queue (so that no other
worker on the same Redis can take the task), sends the no-op task `config.ping`
and waits for its result.
"""

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from celery.exceptions import TimeoutError as CeleryTimeoutError
from django.conf import settings
from django.test import override_settings

from config.celery import app, ping
from conftest import require_service

WAIT_SECONDS = 60


@pytest.fixture
def celery_worker_queue(tmp_path):
    """Start a solo worker listening on a fresh queue; yield the queue name; stop it."""
    broker_url = os.environ.get("CELERY_BROKER_URL", "")
    require_service(bool(broker_url), "CELERY_BROKER_URL is not set (no Redis)")
    queue = f"test-worker-{uuid.uuid4().hex}"
    celery = Path(sys.executable).with_name("celery")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "CELERY_BROKER_URL": broker_url,
    }
    log_path = tmp_path / "worker.log"
    with log_path.open("wb") as log:
        worker = subprocess.Popen(  # noqa: S603 - fixed arguments
            [
                str(celery),
                "-A",
                "config",
                "worker",
                "--pool=solo",
                "--concurrency=1",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                "--loglevel=INFO",
                "--queues",
                queue,
                "--hostname",
                f"{queue}@%h",
            ],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        yield queue
    finally:
        worker.terminate()
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait(timeout=10)
        print(log_path.read_text(errors="replace"))  # shown by pytest when the test fails


@pytest.fixture
def not_eager():
    """Send tasks to the broker for the duration of a test (tests are eager otherwise)."""
    saved = app.conf.task_always_eager
    with override_settings(CELERY_TASK_ALWAYS_EAGER=False):
        app.conf.task_always_eager = False
        try:
            yield
        finally:
            app.conf.task_always_eager = saved


@pytest.mark.services
def test_worker_runs_the_ping_task(celery_worker_queue, not_eager):
    result = ping.apply_async(queue=celery_worker_queue)

    assert result.get(timeout=WAIT_SECONDS) == "pong"
    assert result.state == "SUCCESS"


@pytest.mark.services
def test_without_a_worker_on_the_queue_the_task_waits(celery_worker_queue, not_eager):
    """The task is not run in-process: on a queue nobody serves, it stays pending."""
    queue = f"{celery_worker_queue}-nobody-listens"
    result = ping.apply_async(queue=queue)
    try:
        with pytest.raises(CeleryTimeoutError):
            result.get(timeout=2)
        assert result.state == "PENDING"
    finally:
        with app.connection_for_write() as conn:
            conn.default_channel.queue_delete(queue)
