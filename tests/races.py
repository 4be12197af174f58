"""Helpers for tests that race several database writers at the same moment.

A race runs each writer in its own thread with its own database connection.
On PostgreSQL it runs in the test process. SQLite's shared in-memory test
database fails a second writer at once ("database table is locked") where a
database file makes it wait for the lock, as in production; so on SQLite the
race runs in a child process on a freshly migrated database file.
"""

import json
import os
import subprocess
import sys
import threading
from collections.abc import Callable, Iterable
from pathlib import Path

from django.conf import settings
from django.db import connection

CHILD = """
import json, os
import django
os.environ["DJANGO_SETTINGS_MODULE"] = "config.test_settings"
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from {module} import {function}
print(json.dumps({function}()))
"""


def race(write: Callable, arguments: Iterable, refused: type[Exception], done: str = "done"):
    """Call `write(argument)` for every argument at once, one thread each.

    Returns the sorted outcomes (`done`, or "refused" when `write` raised
    `refused`) and the other errors, as reprs.
    """
    arguments = list(arguments)
    outcomes, errors = [], []
    barrier = threading.Barrier(len(arguments))

    def run(argument):
        try:
            barrier.wait()
            write(argument)
            outcomes.append(done)
        except refused:
            outcomes.append("refused")
        except Exception as error:  # noqa: BLE001 - reported to the test
            errors.append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(argument,)) for argument in arguments]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sorted(outcomes), errors


def run_on_sqlite_file(directory: Path, module: str, function: str) -> dict:
    """Run `module.function()` (which returns JSON-able data) in a child process
    on a new, migrated SQLite file in `directory`, and return its result."""
    environment = {**os.environ, "DATABASE_URL": f"sqlite:///{directory / 'race.sqlite3'}"}
    completed = subprocess.run(  # noqa: S603 - fixed arguments
        [sys.executable, "-c", CHILD.format(module=module, function=function)],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    return json.loads(completed.stdout.strip().splitlines()[-1])
