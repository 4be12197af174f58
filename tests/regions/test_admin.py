"""Django admin: administrators manage organisations, networks and users there."""

from django.urls import reverse
from django.utils import translation

from accounts.models import Role, User
from regions import services
from regions.models import Network, Organisation
from tests.base import BaseTestCase, make_user


class AdminTests(BaseTestCase):
    def setUp(self):
        self.admin = self.make_national_user(Role.ADMINISTRATOR)

    def test_admin_pages_open_for_administrators(self):
        self.login(self.admin)
        for name in (
            "admin:regions_region_changelist",
            "admin:regions_organisation_changelist",
            "admin:regions_network_changelist",
            "admin:regions_networkevent_changelist",
            "admin:accounts_user_changelist",
            "admin:accounts_user_add",
        ):
            self.assertEqual(self.client.get(reverse(name)).status_code, 200, name)
        response = self.client.get(reverse("admin:accounts_user_change", args=[self.alice.pk]))
        self.assertContains(response, 'name="role"')
        self.assertContains(response, 'name="organisation"')

    def test_school_authors_cannot_open_the_admin(self):
        self.login(self.alice)
        response = self.client.get(reverse("admin:regions_organisation_changelist"))
        self.assertEqual(response.status_code, 302)

    def test_administrator_adds_a_user_with_role_and_organisation(self):
        self.login(self.admin)
        response = self.client.post(
            reverse("admin:accounts_user_add"),
            {
                "username": "dora",
                "email": "dora@example.org",
                "role": Role.SCHOOL_AUTHOR,
                "organisation": self.school.pk,
                "password1": "een-lang-wachtwoord-42",
                "password2": "een-lang-wachtwoord-42",
                "usable_password": "true",
            },
        )
        self.assertEqual(response.status_code, 302, response.content[:2000])
        dora = User.objects.get(username="dora")
        self.assertEqual((dora.role, dora.organisation), (Role.SCHOOL_AUTHOR, self.school))

    def test_confirm_action_confirms_proposals_and_logs_the_administrator(self):
        network = services.propose_network(
            user=self.alice, name="Voorstel", kind="sto", region=self.region
        )
        self.login(self.admin)
        self.client.post(
            reverse("admin:regions_network_changelist"),
            {"action": "confirm_selected", "_selected_action": [network.pk]},
        )
        network.refresh_from_db()
        self.assertEqual(network.status, Network.Status.ACTIVE)
        self.assertEqual(network.events.get(action="confirmed").actor, self.admin)

    def test_a_code_that_does_not_fit_the_kind_is_explained_on_the_code_field(self):
        self.login(self.admin)
        url = reverse("admin:regions_organisation_add")
        cases = (
            ("mbo", "12", "A BRIN code is two digits followed by two capital letters."),
            ("vmbo", "ab12", "A BRIN code is two digits followed by two capital letters."),
            ("company", "1234", "A KvK number has exactly 8 digits."),
        )
        for kind, code, message in cases:
            response = self.client.post(
                url, {"kind": kind, "code": code, "name": "Typed name", "municipality": "Zwolle"}
            )
            self.assertEqual(response.status_code, 200, code)
            with translation.override("nl"):
                expected = [translation.gettext(message)]
            self.assertEqual(response.context["adminform"].form.errors["code"], expected)
            self.assertNotIn("organisation_school_code_is_brin", response.content.decode())
            self.assertNotIn("organisation_company_code_is_kvk", response.content.decode())
            self.assertContains(response, 'value="Typed name"')
        self.assertFalse(Organisation.objects.filter(name="Typed name").exists())

    def test_a_public_body_keeps_its_short_code(self):
        self.login(self.admin)
        response = self.client.post(
            reverse("admin:regions_organisation_add"),
            {"kind": "duo", "code": "DUO", "name": "DUO", "municipality": "Groningen"},
        )
        self.assertEqual(response.status_code, 302)
        self.assertEqual(Organisation.objects.get(code="DUO").kind, "duo")

    def test_the_app_is_named_in_the_page_language(self):
        self.login(self.admin)
        with translation.override("nl"):
            expected = translation.gettext("Regions and organisations")
        self.assertNotEqual(expected, "Regions and organisations")
        response = self.client.get(reverse("admin:index"))
        self.assertContains(response, expected.replace("'", "&#x27;"))

    def add_user(self, username, role, organisation):
        return self.client.post(
            reverse("admin:accounts_user_add"),
            {
                "username": username,
                "email": f"{username}@example.org",
                "role": role,
                "organisation": organisation.pk,
                "password1": "een-lang-wachtwoord-42",
                "password2": "een-lang-wachtwoord-42",
                "usable_password": "true",
            },
        )

    def can_open_the_admin(self, username) -> bool:
        self.client.force_login(User.objects.get(username=username))
        return self.client.get(reverse("admin:index")).status_code == 200

    def test_a_new_administrator_may_use_the_admin_and_other_roles_may_not(self):
        self.login(self.admin)
        self.assertEqual(self.add_user("erik", Role.ADMINISTRATOR, self.ministry).status_code, 302)
        self.assertEqual(self.add_user("fenna", Role.SBB_REVIEWER, self.sbb).status_code, 302)
        self.assertTrue(self.can_open_the_admin("erik"))
        self.assertFalse(self.can_open_the_admin("fenna"))

    def test_the_admin_follows_a_change_of_role_and_not_a_ticked_staff_box(self):
        former_admin = make_user("gijs", self.ministry, Role.ADMINISTRATOR)
        reviewer = self.make_national_user(Role.SBB_REVIEWER)
        self.login(self.admin)
        for user, role in ((former_admin, Role.MINISTRY_STAFF), (reviewer, Role.SBB_REVIEWER)):
            url = reverse("admin:accounts_user_change", args=[user.pk])
            form = self.client.get(url).context["adminform"].form
            data = {name: form[name].value() for name in form.fields}
            data = {name: value for name, value in data.items() if value is not None}
            data["date_joined_0"] = user.date_joined.strftime("%Y-%m-%d")
            data["date_joined_1"] = user.date_joined.strftime("%H:%M:%S")
            data.update({"role": role, "is_staff": "on", "is_superuser": "on"})
            response = self.client.post(url, data)
            self.assertEqual(response.status_code, 302, response.content[:3000])
        self.assertFalse(self.can_open_the_admin(former_admin.username))
        self.assertFalse(self.can_open_the_admin(reviewer.username))
        self.assertEqual(User.objects.get(pk=former_admin.pk).role, Role.MINISTRY_STAFF)
