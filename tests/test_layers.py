"""The layer order holds: every app imports only apps below it.

The order is the import-linter contract in pyproject.toml (`[tool.importlinter]`),
drawn in the README's "Code layout" section.
"""

import subprocess
import sys
import tomllib
from pathlib import Path

from django.conf import settings

LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def test_apps_import_only_downward():
    result = subprocess.run(  # noqa: S603 - fixed arguments
        [str(LINT_IMPORTS), "--no-logo", "--no-cache"],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 kept, 0 broken" in result.stdout


def test_every_project_app_has_a_layer():
    """A new app cannot slip past the contract: each of ours is in a layer."""
    config = tomllib.loads((Path(settings.BASE_DIR) / "pyproject.toml").read_text())
    linter = config["tool"]["importlinter"]
    layered = {
        name.strip() for layer in linter["contracts"][0]["layers"] for name in layer.split("|")
    }
    ours = {app for app in settings.INSTALLED_APPS if (Path(settings.BASE_DIR) / app).is_dir()}
    assert ours | {"config", "core"} <= layered
    assert layered == set(linter["root_packages"])
