"""`manage.py generate_national [--scale N] [--seed S]`: a generated country for measuring."""

import time

from django.core.management import BaseCommand, CommandError

from portal.national import AlreadyGenerated, generate_national


class Command(BaseCommand):
    help = (
        "Fill the configured database with a reproducible, fictitious national data set "
        "(35 regions, 65 mbo institutions, 650 vmbo schools, 12,000 companies, 6,000 "
        "submissions, 2,500 pathways … at scale 1)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=float, default=1.0, help="1 = the whole country")
        parser.add_argument("--seed", type=int, default=1, help="the same seed gives the same data")

    def handle(self, *args, scale: float, seed: int, **options):
        if not 0 < scale <= 10:
            raise CommandError("--scale moet groter zijn dan 0 en ten hoogste 10.")
        started = time.perf_counter()
        try:
            rows = generate_national(scale=scale, seed=seed, log=self.stdout.write)
        except AlreadyGenerated as error:
            raise CommandError(str(error)) from error
        for label, count in rows.items():
            self.stdout.write(f"{count:>8,} {label}")
        self.stdout.write(f"Klaar in {time.perf_counter() - started:.0f} s.")
