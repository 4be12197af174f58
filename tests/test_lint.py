"""The code base stays clean under ruff (configured in pyproject.toml)."""

import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

RUFF = Path(sys.executable).with_name("ruff")


@pytest.mark.parametrize("arguments", [["check", "."], ["format", "--check", "."]])
def test_ruff_is_clean(arguments):
    result = subprocess.run(  # noqa: S603 - fixed arguments
        [str(RUFF), *arguments],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
