"""Print the current two-factor code of a demo account (demo organisations only)."""

from django.core.management import BaseCommand, CommandError
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice


class Command(BaseCommand):
    help = "Print the current TOTP code of a demo account, for logging in during development."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        device = (
            TOTPDevice.objects.filter(
                user__username=username, user__organisation__is_demo=True, confirmed=True
            )
            .order_by("pk")
            .first()
        )
        if device is None:
            raise CommandError(f"{username} is not a demo account with an authenticator device.")
        totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
        self.stdout.write(f"{totp.token():0{device.digits}d}")
