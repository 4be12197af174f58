"""Demo organisations and one account per role, for `make run`.

Everything here is fictitious and marked as demo.
"""

import base64
import hashlib

from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import Role, User, admin_flags
from regions.models import Organisation

DEMO_PASSWORD = "demo-wachtwoord"  # noqa: S105 - printed at start-up on purpose

# (kind, code, name, municipality)
DEMO_BODIES = [
    (Organisation.Kind.SBB, "SBB", "SBB (demo)", "Zoetermeer"),
    (Organisation.Kind.MINISTRY, "OCW", "Ministerie van OCW (demo)", "Den Haag"),
    (Organisation.Kind.INSPECTORATE, "INSP", "Inspectie van het Onderwijs (demo)", "Utrecht"),
    (Organisation.Kind.DUO, "DUO", "DUO (demo)", "Groningen"),
    (Organisation.Kind.VET_INSTITUTION, "99XA", "Demo ROC IJsselland", "Deventer"),
    (Organisation.Kind.PREVOCATIONAL_SCHOOL, "99XB", "Demo vmbo De Brink", "Deventer"),
]

# (username, first name, last name, role, organisation code)
DEMO_USERS = [
    ("school", "Sanne", "de Vries", Role.SCHOOL_AUTHOR, "99XA"),
    ("vmbo", "Ahmed", "Bakker", Role.SCHOOL_AUTHOR, "99XB"),
    ("sbb", "Joris", "Jansen", Role.SBB_REVIEWER, "SBB"),
    ("inspectie", "Ingrid", "Visser", Role.INSPECTORATE_REVIEWER, "INSP"),
    ("ministerie", "Marieke", "Smit", Role.MINISTRY_STAFF, "OCW"),
    ("beheer", "Bas", "Mulder", Role.ADMINISTRATOR, "OCW"),
]


def demo_totp_key(username: str) -> bytes:
    """The fixed (public, demo-only) TOTP secret of a demo account."""
    return hashlib.sha1(f"regio-mbo-demo-totp:{username}".encode()).digest()  # noqa: S324


def demo_totp_secret(username: str) -> str:
    """The demo account's TOTP secret in base32, as authenticator apps take it."""
    return base64.b32encode(demo_totp_key(username)).decode("ascii")


@transaction.atomic
def load_demo_accounts() -> list[User]:
    """Create (or reset) the demo organisations and accounts; return the accounts."""
    organisations = {}
    for kind, code, name, municipality in DEMO_BODIES:
        values = {"kind": kind, "name": name, "municipality": municipality, "is_demo": True}
        organisation, created = Organisation.objects.get_or_create(code=code, defaults=values)
        changed = [
            field for field, value in values.items() if getattr(organisation, field) != value
        ]
        if changed and not created:
            # Write only what differs: an unchanged organisation keeps its updated_at,
            # so loading the demo twice does not make the rules re-check anything.
            for name in changed:
                setattr(organisation, name, values[name])
            organisation.save(update_fields=[*changed, "updated_at"])
        organisations[code] = organisation
    users = []
    for username, first_name, last_name, role, organisation_code in DEMO_USERS:
        user, _ = User.objects.update_or_create(
            username=username,
            defaults={
                "first_name": first_name,
                "last_name": last_name,
                "email": f"{username}@demo.regio-mbo.example",
                "role": role,
                "organisation": organisations[organisation_code],
                **admin_flags(role),
            },
        )
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
        # One authenticator device with a fixed secret, printed by load_demo, so that a
        # newcomer can log in as every role with two-factor authentication.
        TOTPDevice.objects.filter(user=user).exclude(name="demo").delete()
        TOTPDevice.objects.update_or_create(
            user=user,
            name="demo",
            defaults={"key": demo_totp_key(username).hex(), "confirmed": True},
        )
        users.append(user)
    return users
