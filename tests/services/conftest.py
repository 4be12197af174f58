"""Fixtures for tests that run real Celery workers on Redis.

The suite runs tasks eagerly; these fixtures switch that off and start
`celery -A config worker` as a subprocess on a queue of its own (so that no
other worker on the same Redis takes the task). They skip on a developer
machine without Redis and fail in CI (see `require_service`).
"""

import os
import subprocess
import sys
import uuid
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.conf import settings
from django.test import override_settings

from config.celery import app
from conftest import require_service


def start_worker(log, queue: str, *args: str, **environment: str) -> subprocess.Popen:
    """Start a solo worker serving `queue` (its log to the open file `log`), with
    `environment` added and `args` appended to its command line."""
    broker_url = os.environ.get("CELERY_BROKER_URL", "")
    require_service(bool(broker_url), "CELERY_BROKER_URL is not set (no Redis)")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "CELERY_BROKER_URL": broker_url,
        **environment,
    }
    return subprocess.Popen(  # noqa: S603 - fixed arguments
        [
            str(Path(sys.executable).with_name("celery")),
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
            f"{queue}-{uuid.uuid4().hex[:6]}@%h",
            *args,
        ],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )


def stop_worker(worker: subprocess.Popen) -> None:
    """Stop a worker (warm shutdown), killing it when it does not stop in time."""
    worker.terminate()
    try:
        worker.wait(timeout=20)
    except subprocess.TimeoutExpired:
        worker.kill()
        worker.wait(timeout=10)


@contextmanager
def running_worker(log_path: Path, **environment: str):
    """Run a solo worker on a fresh queue with `environment` added; yield the queue."""
    queue = f"test-worker-{uuid.uuid4().hex}"
    with log_path.open("wb") as log:
        worker = start_worker(log, queue, **environment)
    try:
        yield queue
    finally:
        stop_worker(worker)
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
