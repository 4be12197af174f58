"""docker-compose.yml, .env.docker and the Dockerfile describe a working stack.

No docker engine is needed: the files are parsed and their wiring checked, and
the application's settings are loaded with the compose environment.
"""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from django.conf import settings

PROJECT_DIR = Path(settings.BASE_DIR)
ENV_FILE = ".env.docker"
APP_SERVICES = ("web", "worker", "beat")


@pytest.fixture(scope="module")
def compose() -> dict:
    with (PROJECT_DIR / "docker-compose.yml").open(encoding="utf-8") as stream:
        return yaml.safe_load(stream)


@pytest.fixture(scope="module")
def env_docker() -> dict[str, str]:
    """The variables of .env.docker (KEY=value lines; # comments)."""
    values = {}
    for line in (PROJECT_DIR / ENV_FILE).read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            key, separator, value = line.partition("=")
            assert separator, f"not KEY=value: {line!r}"
            values[key.strip()] = value.strip()
    return values


def command_text(service: dict) -> str:
    """A service's command (or healthcheck test) as one string."""
    command = service if isinstance(service, str | list) else service["command"]
    return command if isinstance(command, str) else " ".join(command)


def test_the_five_services(compose):
    assert set(compose["services"]) == {"postgres", "redis", "web", "worker", "beat"}


def test_postgres_is_version_15(compose):
    assert compose["services"]["postgres"]["image"].startswith("postgres:15")


def test_app_services_share_one_environment_file(compose):
    for name in APP_SERVICES:
        service = compose["services"][name]
        assert service["env_file"] in (ENV_FILE, [ENV_FILE]), name
        assert service["build"] == ".", name
    assert compose["services"]["postgres"]["env_file"] in (ENV_FILE, [ENV_FILE])
    assert (PROJECT_DIR / ENV_FILE).is_file()


def test_app_services_run_gunicorn_and_celery(compose):
    services = compose["services"]
    assert re.search(r"\bgunicorn config\.wsgi\b", command_text(services["web"]))
    assert re.search(r"\bcelery -A config worker\b", command_text(services["worker"]))
    assert re.search(r"\bcelery -A config beat\b", command_text(services["beat"]))


def test_web_health_check_hits_health(compose):
    test = command_text(compose["services"]["web"]["healthcheck"]["test"])
    assert "http://127.0.0.1:8000/health" in test
    assert "8000:8000" in compose["services"]["web"]["ports"]


def test_every_service_has_a_health_check(compose):
    for name, service in compose["services"].items():
        assert service.get("healthcheck", {}).get("test"), name


def test_environment_points_at_the_compose_services(compose, env_docker):
    services = set(compose["services"])
    database_host = re.match(r"postgres://[^@]+@([^:/]+)", env_docker["DATABASE_URL"]).group(1)
    broker_host = re.match(r"redis://([^:/]+)", env_docker["CELERY_BROKER_URL"]).group(1)
    assert database_host in services
    assert broker_host in services
    # The database URL uses the user, password and database the postgres image creates.
    assert env_docker["DATABASE_URL"].endswith(
        f"{env_docker['POSTGRES_USER']}:{env_docker['POSTGRES_PASSWORD']}"
        f"@{database_host}:5432/{env_docker['POSTGRES_DB']}"
    )


def test_environment_serves_plain_http_without_debug(env_docker):
    assert env_docker["DEBUG"] == "0"
    assert env_docker["SECURE_SSL_REDIRECT"] == "0"
    assert env_docker["SECURE_COOKIES"] == "0"
    assert len(env_docker["SECRET_KEY"]) >= 50


def test_settings_load_with_the_compose_environment(env_docker):
    """The settings accept .env.docker: Django's checks pass, HTTPS is not forced."""
    env = {**os.environ, **env_docker, "DATA_DIR": str(settings.DATA_DIR)}
    script = (
        "import django; django.setup(); from django.conf import settings as s; "
        "from django.core.management import call_command; call_command('check'); "
        "print(s.DEBUG, s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, "
        "s.DATABASES['default']['HOST'], s.CELERY_BROKER_URL)"
    )
    result = subprocess.run(  # noqa: S603 - fixed arguments
        [sys.executable, "-c", script],
        cwd=PROJECT_DIR,
        env={**env, "DJANGO_SETTINGS_MODULE": "config.settings"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-5:] == [
        "False",
        "False",
        "False",
        "postgres",
        env_docker["CELERY_BROKER_URL"],
    ]


def test_dockerfile_installs_hashed_dependencies_and_runs_unprivileged():
    dockerfile = (PROJECT_DIR / "Dockerfile").read_text(encoding="utf-8")
    assert re.search(r"^FROM python:3\.11-slim\b", dockerfile, re.MULTILINE)
    assert re.search(r"pip install .*--require-hashes -r requirements\.lock", dockerfile)
    assert "collectstatic --no-input" in dockerfile
    users = re.findall(r"^USER (\S+)", dockerfile, re.MULTILINE)
    assert users and users[-1] not in {"root", "0"}


def test_dockerignore_keeps_local_state_out():
    ignored = (PROJECT_DIR / ".dockerignore").read_text(encoding="utf-8").split()
    for path in (".venv", ".git", "db.sqlite3", ".env"):
        assert path in ignored
