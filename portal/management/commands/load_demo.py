from django.conf import settings
from django.core.management import BaseCommand, call_command
from django.test.utils import override_settings

from certificates.demo import load_demo_programmes
from experiments.demo import load_demo_participations
from pathways.demo import load_demo_routes
from portal.demo import DEMO_PASSWORD, demo_totp_secret, load_demo_accounts
from regions.demo import load_demo_networks, load_demo_organisations
from statements.demo import load_demo_statements
from submissions.workflow_demo import load_demo_submissions

DEMO_ELECTIVES_CSV = settings.BASE_DIR / "qualifications" / "demo" / "keuzedelen.csv"
DEMO_CERTIFICATES_CSV = settings.BASE_DIR / "qualifications" / "demo" / "certificaten.csv"


class Command(BaseCommand):
    help = "Load reference data and fictitious demo data, and print the demo accounts."

    # Demo submissions go through the real workflow, which e-mails people; demo
    # data notifies nobody (the in-app notifications are kept to show the feature).
    @override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend")
    def handle(self, *args, **options):
        # Reference data first (each step is idempotent), then demo data, then accounts.
        # Each app adds its step here.
        call_command("import_regions", stdout=self.stdout)
        # qualifications: the SBB samples (reference data) and fictitious keuzedelen.
        sbb_files = sorted(str(path) for path in (settings.DATA_DIR / "sbb").glob("*.xml"))
        if sbb_files:
            call_command("import_sbb", *sbb_files, stdout=self.stdout)
        call_command("import_keuzedelen", str(DEMO_ELECTIVES_CSV), stdout=self.stdout)
        if sbb_files:  # fictitious certificates on parts of the SBB samples and on keuzedelen
            call_command("import_certificates", str(DEMO_CERTIFICATES_CSV), stdout=self.stdout)
        result = load_demo_organisations()
        self.stdout.write(
            f"Demo organisations: {result.created} created, {result.updated} updated, "
            f"{result.unchanged} unchanged."
        )
        self.stdout.write(f"Demo networks: {load_demo_networks()} loaded.")
        # pathways: demo routes between the demo schools (skipped when they are missing).
        self.stdout.write(f"Demo pathways: {load_demo_routes()} loaded.")
        # experiments: demo schools admitted to or applying for the experiments.
        self.stdout.write(f"Demo participations: {load_demo_participations()} created.")
        # certificates: a certificate programme of the demo school.
        self.stdout.write(f"Demo certificate programmes: {load_demo_programmes()} created.")
        users = load_demo_accounts()
        # submissions: the demo school's programmes in review, with changes requested, approved.
        self.stdout.write(f"Demo submissions: {load_demo_submissions()} created.")
        # statements: one issued statement of the demo school.
        self.stdout.write(f"Demo practice statements: {load_demo_statements()}.")
        self.stdout.write(self.style.SUCCESS(f"Demo accounts (password for all: {DEMO_PASSWORD}):"))
        for user in users:
            self.stdout.write(
                f"  {user.username:<12} {user.get_role_display():<24} {user.organisation.name}"
            )
        self.stdout.write(
            "Two-factor authentication: add each account's TOTP secret to an authenticator "
            "app, or print the current code with `manage.py demo_totp_code USERNAME`:"
        )
        for user in users:
            self.stdout.write(f"  {user.username:<12} {demo_totp_secret(user.username)}")
