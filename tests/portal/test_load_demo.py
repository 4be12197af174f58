"""`manage.py load_demo`: one account per role, and running it twice changes nothing.

load_demo also loads reference data, so each test runs it as few times as it can.
"""

import base64
from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.http import HttpRequest

from accounts.models import Role, User
from portal.demo import DEMO_PASSWORD, DEMO_USERS, demo_totp_secret
from regions.models import Organisation

DEMO_USERNAMES = [username for username, *_ in DEMO_USERS]


def load_demo() -> str:
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def snapshot() -> dict:
    """What load_demo made, by natural key, to compare two runs."""
    return {
        "users": sorted(User.objects.values_list("username", "role", "organisation__code")),
        "organisations": sorted(Organisation.objects.values_list("code", "kind", "name")),
    }


@pytest.mark.django_db
def test_one_account_per_role_that_logs_in():
    output = load_demo()

    demo_users = User.objects.filter(username__in=DEMO_USERNAMES)
    assert demo_users.count() == len(DEMO_USERNAMES)
    assert set(demo_users.values_list("role", flat=True)) == set(Role.values)
    for user in demo_users:
        assert authenticate(HttpRequest(), username=user.username, password=DEMO_PASSWORD) == user
        assert user.is_staff == (user.role == Role.ADMINISTRATOR), user.username
        assert user.organisation.is_demo, user.username
        assert user.username in output
        # Each demo account has a confirmed authenticator device whose secret is printed.
        device = user.totpdevice_set.get(confirmed=True)
        assert demo_totp_secret(user.username) in output
        assert base64.b32encode(device.bin_key).decode() == demo_totp_secret(user.username)
    assert DEMO_PASSWORD in output


@pytest.mark.django_db
def test_running_it_twice_changes_nothing_and_restores_passwords():
    load_demo()
    first = snapshot()
    changed = User.objects.get(username=DEMO_USERNAMES[0])
    changed.set_password("something-else-entirely")
    changed.save()

    load_demo()

    assert snapshot() == first
    assert User.objects.count() == len(DEMO_USERNAMES)
    assert authenticate(HttpRequest(), username=changed.username, password=DEMO_PASSWORD) == changed
