"""`make bench`: print speed and memory figures. Targets live here, not in tests."""

import os
import sys

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")


def main() -> int:
    import tempfile

    import django
    from django.core.management import call_command

    # Measure against a throw-away database unless one is given.
    if "DATABASE_URL" not in os.environ:
        os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"
    django.setup()
    call_command("migrate", verbosity=0)
    from bench import suites

    for suite in suites.ALL:
        suite()
    return 0


if __name__ == "__main__":
    sys.exit(main())
