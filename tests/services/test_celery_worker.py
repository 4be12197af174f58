"""A real Celery worker on Redis runs a task sent by the application.

The test suite runs tasks eagerly; this test switches eager mode off, starts
`celery -A config worker` as a subprocess on its own queue (so that no other
worker on the same Redis can take the task), sends the no-op task `config.ping`
and waits for its result.
"""

import pytest
from celery.exceptions import TimeoutError as CeleryTimeoutError

from config.celery import app, ping

from .conftest import running_worker

WAIT_SECONDS = 60


@pytest.fixture
def celery_worker_queue(tmp_path):
    """A worker without database access of its own; yields its queue."""
    with running_worker(tmp_path / "worker.log") as queue:
        yield queue


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
