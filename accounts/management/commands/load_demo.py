from django.core.management import BaseCommand

from accounts.demo import DEMO_PASSWORD, load_demo_accounts


class Command(BaseCommand):
    help = "Load reference data and fictitious demo data, and print the demo accounts."

    def handle(self, *args, **options):
        # Reference data first (each step is idempotent), then demo data, then accounts.
        # Each app adds its step here.
        users = load_demo_accounts()
        self.stdout.write(
            self.style.SUCCESS(f"Demo accounts (password for all: {DEMO_PASSWORD}):")
        )
        for user in users:
            self.stdout.write(
                f"  {user.username:<12} {user.get_role_display():<24} {user.organisation.name}"
            )
