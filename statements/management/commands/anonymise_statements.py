from django.core.management import BaseCommand

from statements.services import anonymise_expired, retention_years


class Command(BaseCommand):
    help = (
        "Remove the learner's and the trainer's names from practice statements whose "
        "learning period ended more than STATEMENTS_RETENTION_YEARS (default 10) years ago."
    )

    def add_arguments(self, parser):
        parser.add_argument("--years", type=int, default=None, help="override the setting")

    def handle(self, *args, **options):
        years = options["years"] if options["years"] is not None else retention_years()
        if years < 1:
            self.stderr.write("--years must be 1 or more.")
            raise SystemExit(1)
        count = anonymise_expired(years=years)
        self.stdout.write(f"Practice statements anonymised: {count} (retention {years} years).")
