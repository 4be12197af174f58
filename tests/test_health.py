"""/health: database and broker status, 503 when the broker is down.

The broker checks talk to real Redis servers: the one CI provides
(CELERY_BROKER_URL) and a throw-away redis-server that the test starts and kills.
"""

import os
import shutil
import socket
import subprocess
import time

import pytest
from django.test import override_settings
from django.urls import reverse

from conftest import require_service

HEALTH_URL = reverse("health")


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, timeout: float = 10.0) -> None:
    """Wait until something accepts connections on 127.0.0.1:port."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.05)
    raise TimeoutError(f"nothing listens on port {port} after {timeout} s")


@pytest.mark.django_db
@override_settings(CELERY_BROKER_URL="")
def test_without_a_broker_tasks_run_eagerly_and_health_is_ok(client):
    response = client.get(HEALTH_URL)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body["database"] == "ok"
    assert body["broker"] == "eager"
    assert body["status"] == "ok"


@pytest.mark.django_db
def test_health_is_not_cached_and_needs_no_login(client):
    response = client.get(HEALTH_URL)

    assert "no-cache" in response["Cache-Control"]
    assert response.status_code in {200, 503}  # anonymous request is answered, not redirected


@pytest.mark.django_db
def test_only_get_is_allowed(client):
    assert client.post(HEALTH_URL).status_code == 405


@pytest.mark.django_db
def test_broker_on_a_closed_port_gives_503(client):
    closed_port = free_port()
    with override_settings(CELERY_BROKER_URL=f"redis://127.0.0.1:{closed_port}/0"):
        response = client.get(HEALTH_URL)

    assert response.status_code == 503
    body = response.json()
    assert body["broker"] == "down"
    assert body["database"] == "ok"
    assert body["status"] == "down"


@pytest.mark.services
@pytest.mark.django_db
def test_with_the_real_redis_the_broker_is_ok(client):
    broker_url = os.environ.get("CELERY_BROKER_URL", "")
    require_service(bool(broker_url), "CELERY_BROKER_URL is not set (no Redis)")

    with override_settings(CELERY_BROKER_URL=broker_url):
        response = client.get(HEALTH_URL)

    assert response.status_code == 200, response.content
    assert response.json() == {"database": "ok", "broker": "ok", "status": "ok"}


@pytest.mark.services
@pytest.mark.django_db
def test_503_when_redis_is_stopped(client, tmp_path):
    redis_server = shutil.which("redis-server")
    require_service(redis_server is not None, "redis-server is not installed")
    port = free_port()
    process = subprocess.Popen(  # noqa: S603 - fixed arguments
        [
            redis_server,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(tmp_path),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for_port(port)
        with override_settings(CELERY_BROKER_URL=f"redis://127.0.0.1:{port}/0"):
            running = client.get(HEALTH_URL)
            process.kill()
            process.wait(timeout=10)
            stopped = client.get(HEALTH_URL)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=10)

    assert running.status_code == 200, running.content
    assert running.json()["broker"] == "ok"
    assert stopped.status_code == 503
    assert stopped.json()["broker"] == "down"
    assert stopped.json()["database"] == "ok"
