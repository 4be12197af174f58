"""TWO_FACTOR_REQUIRED is read from the environment and is on unless it is set
to 0 (README "Configuration"): a deployment that forgets it requires the second
factor. The settings are read in a subprocess, as a deployment would."""

import os
import subprocess
import sys

import pytest
from django.conf import settings


def required_in(**environment: str) -> str:
    env = {key: value for key, value in os.environ.items() if key != "TWO_FACTOR_REQUIRED"}
    env.update(environment)
    result = subprocess.run(  # noqa: S603 - fixed arguments
        [sys.executable, "-c", "import config.settings as s; print(s.TWO_FACTOR_REQUIRED)"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return result.stdout.strip()


def test_on_when_the_environment_says_nothing():
    assert required_in() == "True"


@pytest.mark.parametrize(("value", "expected"), [("0", "False"), ("1", "True"), ("no", "False")])
def test_the_environment_turns_it_off_or_on(value, expected):
    assert required_in(TWO_FACTOR_REQUIRED=value) == expected
