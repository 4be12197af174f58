"""CPU time per page of the load journeys, one request at a time in this process.

    DATABASE_URL=postgres://… CACHE_URL=redis://… .venv/bin/python -m bench.cpu [name-part …]

Runs every page of `bench.load.journeys` through Django's test client (the whole
middleware stack, DEBUG off as in production) and prints, per page, the median
CPU time of this process (`time.process_time`: what a gunicorn worker spends,
not what the database does) and the wall time, over `BENCH_CPU_REPEATS` requests
after two warm-up requests. Unlike the load figures, CPU time does not depend on
what else runs on the machine. `BENCH_CPU_PROFILE=<name part>` prints a cProfile (in CPU time)
of that page's requests (cumulative, top 40).
"""

import cProfile
import os
import pstats
import statistics
import sys
import time

REPEATS = int(os.environ.get("BENCH_CPU_REPEATS", "9"))


def main(selection: list[str]) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    # As bench.load runs gunicorn: production settings over plain HTTP, sessions without OTP.
    for name, value in (("DEBUG", "0"), ("SECURE_SSL_REDIRECT", "0"), ("TWO_FACTOR_REQUIRED", "0")):
        os.environ.setdefault(name, value)
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from bench.load import FLOOR_PAGE, journeys, prepare_fixture

    fixture = prepare_fixture()
    pages = [("", "floor", FLOOR_PAGE), *journeys(fixture)]
    if selection:
        pages = [p for p in pages if any(s in p[1] for s in selection)]
    profile_name = os.environ.get("BENCH_CPU_PROFILE")
    print(f"{'page':45} {'CPU ms':>8} {'wall ms':>8} {'queries':>8} {'bytes':>8}")
    for role, name, url in pages:
        client = Client()
        if role:
            client.cookies["sessionid"] = fixture["accounts"][role][0]["session"]
        for _ in range(2):
            response = client.get(url)
            b"".join(response) if response.streaming else response.content
        if response.status_code != 200:
            print(f"{name:45} status {response.status_code}")
            continue
        profiled = bool(profile_name) and profile_name in name
        profile = cProfile.Profile(time.process_time) if profiled else None
        cpu, wall = [], []
        for _ in range(REPEATS):
            with CaptureQueriesContext(connection) as queries:
                start_cpu, start_wall = time.process_time(), time.perf_counter()
                if profile:
                    profile.enable()
                response = client.get(url)
                body = b"".join(response) if response.streaming else response.content
                if profile:
                    profile.disable()
                cpu.append((time.process_time() - start_cpu) * 1000)
                wall.append((time.perf_counter() - start_wall) * 1000)
        print(
            f"{name:45} {statistics.median(cpu):8.1f} {statistics.median(wall):8.1f} "
            f"{len(queries):8d} {len(body):8d}"
        )
        if profile:
            pstats.Stats(profile).sort_stats("cumulative").print_stats(40)


if __name__ == "__main__":
    main(sys.argv[1:])
