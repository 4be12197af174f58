"""Two-factor authentication (TOTP): required for national roles when
TWO_FACTOR_REQUIRED is on, offered to school authors; set up with a QR code made
on the server; the API refuses a session that still owes its code."""

import re

from django.core.management import call_command
from django.test import Client, override_settings
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import Role
from tests.base import PASSWORD, BaseTestCase

LOGIN_URL = reverse("login")
VERIFY_URL = reverse("two_factor_verify")
SETUP_URL = reverse("two_factor_setup")
HOME_URL = reverse("home")
NATIONAL = (
    Role.SBB_REVIEWER,
    Role.INSPECTORATE_REVIEWER,
    Role.MINISTRY_STAFF,
    Role.ADMINISTRATOR,
)


def code_for(device: TOTPDevice, offset: int = 0) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = totp.time + offset * device.step
    return f"{totp.token():06d}"


def password_login(client: Client, username: str):
    return client.post(LOGIN_URL, {"username": username, "password": PASSWORD})


@override_settings(TWO_FACTOR_REQUIRED=True)
class RequiredForNationalRolesTests(BaseTestCase):
    def test_a_national_role_without_a_device_must_set_one_up_before_anything_else(self):
        for role in NATIONAL:
            with self.subTest(role=role):
                user = self.make_national_user(role)
                client = Client()
                password_login(client, user.username)

                response = client.get(HOME_URL)

                self.assertRedirects(
                    response, f"{SETUP_URL}?next=%2F", fetch_redirect_response=False
                )
                self.assertEqual(client.get("/api/submissions/").status_code, 403)
                self.assertEqual(client.get("/indieningen/").status_code, 302)

    @override_settings(OTP_TOTP_THROTTLE_FACTOR=0)  # the wrong code first would make it wait
    def test_set_up_with_the_qr_code_and_secret_then_the_pages_open(self):
        user = self.make_national_user(Role.SBB_REVIEWER)
        password_login(self.client, user.username)

        page = self.client.get(SETUP_URL)

        self.assertEqual(page.status_code, 200)
        self.assertContains(page, "<svg")
        device = TOTPDevice.objects.get(user=user, confirmed=False)
        secret = page.context["secret"].replace(" ", "")
        self.assertRegex(secret, r"^[A-Z2-7]{32}$")
        self.assertContains(page, page.context["secret"])
        # A wrong code keeps the device unconfirmed.
        wrong = self.client.post(
            SETUP_URL, {"token": "000000" if code_for(device) != "000000" else "111111"}
        )
        self.assertEqual(wrong.status_code, 400)
        device.refresh_from_db()
        self.assertFalse(device.confirmed)

        done = self.client.post(SETUP_URL, {"token": code_for(device), "next": "/indieningen/"})

        self.assertRedirects(done, "/indieningen/", fetch_redirect_response=False)
        device.refresh_from_db()
        self.assertTrue(device.confirmed)
        self.assertEqual(self.client.get(HOME_URL).status_code, 200)
        self.assertEqual(self.client.get("/api/submissions/").status_code, 200)

    @override_settings(OTP_TOTP_THROTTLE_FACTOR=0)
    def test_with_a_device_the_code_step_follows_the_password(self):
        user = self.make_national_user(Role.MINISTRY_STAFF)
        device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)

        response = password_login(self.client, user.username)
        self.assertRedirects(response, HOME_URL, fetch_redirect_response=False)
        response = self.client.get(HOME_URL)
        self.assertRedirects(response, f"{VERIFY_URL}?next=%2F", fetch_redirect_response=False)

        wrong = self.client.post(VERIFY_URL, {"token": "abcdef", "next": "/"})
        self.assertEqual(wrong.status_code, 400)
        self.assertContains(wrong, 'role="alert"', status_code=400)
        self.assertEqual(self.client.get(HOME_URL).status_code, 302)

        right = self.client.post(VERIFY_URL, {"token": code_for(device), "next": "/"})

        self.assertRedirects(right, HOME_URL, fetch_redirect_response=False)
        self.assertEqual(self.client.get(HOME_URL).status_code, 200)

    def test_the_code_step_refuses_a_next_url_elsewhere(self):
        user = self.make_national_user(Role.MINISTRY_STAFF)
        device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
        password_login(self.client, user.username)

        response = self.client.post(
            VERIFY_URL, {"token": code_for(device), "next": "https://evil.example/"}
        )

        self.assertRedirects(response, HOME_URL, fetch_redirect_response=False)

    def test_wrong_codes_are_throttled(self):
        user = self.make_national_user(Role.ADMINISTRATOR)
        device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
        password_login(self.client, user.username)
        wrong = "000000" if code_for(device) != "000000" else "111111"
        for _ in range(3):
            self.client.post(VERIFY_URL, {"token": wrong})

        # Even the right code waits until the throttle has passed.
        response = self.client.post(VERIFY_URL, {"token": code_for(device)})

        self.assertEqual(response.status_code, 400)
        self.assertEqual(self.client.get(HOME_URL).status_code, 302)

    def test_a_school_author_is_not_forced_but_may_set_it_up(self):
        password_login(self.client, "alice")
        self.assertEqual(self.client.get(HOME_URL).status_code, 200)
        profile = self.client.get(reverse("profile"))
        self.assertContains(profile, SETUP_URL)

        self.client.get(SETUP_URL)
        device = TOTPDevice.objects.get(user=self.alice)
        self.client.post(SETUP_URL, {"token": code_for(device)})
        self.client.post(reverse("logout"))

        # From now on Alice's login asks for the code as well.
        password_login(self.client, "alice")
        self.assertEqual(self.client.get(HOME_URL).status_code, 302)
        self.client.post(VERIFY_URL, {"token": code_for(device, offset=1)})
        self.assertEqual(self.client.get(HOME_URL).status_code, 200)


@override_settings(TWO_FACTOR_REQUIRED=False)
class RequirementOffTests(BaseTestCase):
    def test_where_an_identity_provider_enforces_it_national_roles_go_straight_in(self):
        user = self.make_national_user(Role.SBB_REVIEWER)

        password_login(self.client, user.username)

        self.assertEqual(self.client.get(HOME_URL).status_code, 200)

    def test_a_user_with_a_device_still_gives_the_code(self):
        user = self.make_national_user(Role.SBB_REVIEWER)
        TOTPDevice.objects.create(user=user, name="phone", confirmed=True)

        password_login(self.client, user.username)

        self.assertEqual(self.client.get(HOME_URL).status_code, 302)


class DemoSecretsTests(BaseTestCase):
    def test_demo_code_command_prints_a_code_the_login_accepts(self):
        from io import StringIO

        self.school.is_demo = True
        self.school.save()
        TOTPDevice.objects.create(user=self.alice, name="demo", confirmed=True)
        out = StringIO()
        call_command("demo_totp_code", "alice", stdout=out)
        code = out.getvalue().strip()
        self.assertTrue(re.fullmatch(r"\d{6}", code))
        password_login(self.client, "alice")

        self.client.post(VERIFY_URL, {"token": code})

        self.assertEqual(self.client.get(HOME_URL).status_code, 200)


@override_settings(TWO_FACTOR_REQUIRED=True)
class RemovedDeviceTests(BaseTestCase):
    def test_a_school_author_whose_device_was_removed_is_let_through(self):
        TOTPDevice.objects.create(user=self.alice, name="phone", confirmed=True)
        password_login(self.client, "alice")
        self.assertEqual(self.client.get(HOME_URL).status_code, 302)

        TOTPDevice.objects.filter(user=self.alice).delete()  # an administrator removed it

        self.assertEqual(self.client.get(HOME_URL).status_code, 200)

    def test_a_national_role_whose_device_was_removed_must_set_up_a_new_one(self):
        user = self.make_national_user(Role.SBB_REVIEWER)
        TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
        password_login(self.client, user.username)
        TOTPDevice.objects.filter(user=user).delete()

        response = self.client.get(HOME_URL)

        self.assertRedirects(response, f"{SETUP_URL}?next=%2F", fetch_redirect_response=False)
