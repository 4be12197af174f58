"""`manage.py check --deploy` reports nothing with production settings.

Production means DEBUG=0 and a real SECRET_KEY; the other settings keep their
defaults. The check runs in a subprocess so that it reads the settings from that
environment, as a deployment would.
"""

import os
import subprocess
import sys

from django.conf import settings
from django.core.management.utils import get_random_secret_key

# Variables of the test environment that must not leak into the check: the ones that
# weaken the production defaults, the key (each test sets its own or none), and the
# async-safety switch that the browser tests set for Playwright.
WEAKENING = (
    "DEBUG",
    "SECRET_KEY",
    "SECURE_SSL_REDIRECT",
    "SECURE_COOKIES",
    "SECURE_HSTS_SECONDS",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
)


def run_check(**environment: str) -> subprocess.CompletedProcess:
    """Run `manage.py check --deploy` with config.settings and the given environment."""
    env = {key: value for key, value in os.environ.items() if key not in WEAKENING}
    env.update({"DJANGO_SETTINGS_MODULE": "config.settings", **environment})
    return subprocess.run(  # noqa: S603 - fixed arguments
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_check_deploy_reports_nothing_in_production():
    result = run_check(DEBUG="0", SECRET_KEY=get_random_secret_key())

    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "WARNINGS" not in output
    assert "ERRORS" not in output
    assert "System check identified no issues" in output


def test_check_deploy_flags_the_development_key():
    """The check above is meaningful: without a real SECRET_KEY it does complain."""
    result = run_check(DEBUG="0")

    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "security.W009" in output
