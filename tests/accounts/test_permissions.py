"""The one permission mechanism: RoleRequiredMixin, role_required, HasRole and
scope_to_organisation, exercised through tiny test-only views.

This module is its own URLconf (`urlpatterns` below), used with override_settings.
"""

from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.test import override_settings
from django.urls import include, path, reverse
from django.views import View
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.models import Role, User
from accounts.permissions import HasRole, RoleRequiredMixin, role_required, scope_to_organisation
from regions.models import Organisation
from tests.base import BaseTestCase

NATIONAL_ROLES = [role for role in Role.values if role != Role.SCHOOL_AUTHOR]


class ReviewerOnlyView(RoleRequiredMixin, View):
    allowed_roles = (Role.SBB_REVIEWER, Role.ADMINISTRATOR)

    def get(self, request):
        return HttpResponse("reviewer page")


class AnyUserView(RoleRequiredMixin, View):
    def get(self, request):
        return HttpResponse("any user page")


@role_required(Role.MINISTRY_STAFF, Role.ADMINISTRATOR)
def ministry_only(request):
    return HttpResponse("ministry page")


@role_required()
def any_user(request):
    return HttpResponse("any user function")


class SchoolOnlyApi(APIView):
    permission_classes = [HasRole]
    allowed_roles = (Role.SCHOOL_AUTHOR,)

    def get(self, request):
        return Response({"ok": True})


class AnyUserApi(APIView):
    permission_classes = [HasRole]

    def get(self, request):
        return Response({"ok": True})


urlpatterns = [
    path("reviewer/", ReviewerOnlyView.as_view(), name="reviewer-only"),
    path("any-class/", AnyUserView.as_view(), name="any-class"),
    path("ministry/", ministry_only, name="ministry-only"),
    path("any-function/", any_user, name="any-function"),
    path("api/school/", SchoolOnlyApi.as_view(), name="school-api"),
    path("api/any/", AnyUserApi.as_view(), name="any-api"),
    # The project's URLs too: the login page and base.html link to them.
    path("", include("config.urls")),
]


@override_settings(ROOT_URLCONF=__name__)
class RoleRequiredMixinTests(BaseTestCase):
    def test_anonymous_visitors_are_sent_to_login(self):
        for name in ("reviewer-only", "any-class"):
            with self.subTest(name=name):
                url = reverse(name)
                response = self.client.get(url)
                self.assertRedirects(response, f"{reverse('login')}?next={url}")

    def test_only_the_allowed_roles_get_in(self):
        url = reverse("reviewer-only")
        self.login(self.alice)
        self.assertEqual(self.client.get(url).status_code, 403)
        for role in NATIONAL_ROLES:
            with self.subTest(role=role):
                self.client.force_login(self.make_national_user(role))
                response = self.client.get(url)
                expected = 200 if role in ReviewerOnlyView.allowed_roles else 403
                self.assertEqual(response.status_code, expected)

    def test_without_allowed_roles_any_logged_in_user_gets_in(self):
        for user in (self.alice, self.bob, self.charlie):
            with self.subTest(user=user.username):
                self.client.force_login(user)
                self.assertContains(self.client.get(reverse("any-class")), "any user page")


@override_settings(ROOT_URLCONF=__name__)
class RoleRequiredDecoratorTests(BaseTestCase):
    def test_anonymous_visitors_are_sent_to_login(self):
        for name in ("ministry-only", "any-function"):
            with self.subTest(name=name):
                url = reverse(name)
                response = self.client.get(url)
                self.assertRedirects(response, f"{reverse('login')}?next={url}")

    def test_only_the_allowed_roles_get_in(self):
        url = reverse("ministry-only")
        self.login(self.bob)
        self.assertEqual(self.client.get(url).status_code, 403)
        for role in NATIONAL_ROLES:
            with self.subTest(role=role):
                self.client.force_login(self.make_national_user(role))
                response = self.client.get(url)
                expected = 200 if role in (Role.MINISTRY_STAFF, Role.ADMINISTRATOR) else 403
                self.assertEqual(response.status_code, expected)

    def test_without_roles_any_logged_in_user_gets_in(self):
        self.login(self.charlie)
        self.assertContains(self.client.get(reverse("any-function")), "any user function")

    def test_the_decorated_view_keeps_its_name(self):
        self.assertEqual(ministry_only.__name__, "ministry_only")


@override_settings(ROOT_URLCONF=__name__)
class HasRoleTests(BaseTestCase):
    def test_anonymous_requests_are_refused(self):
        for name in ("school-api", "any-api"):
            with self.subTest(name=name):
                self.assertIn(self.client.get(reverse(name)).status_code, {401, 403})

    def test_only_the_allowed_roles_get_in(self):
        url = reverse("school-api")
        self.login(self.alice)
        self.assertEqual(self.client.get(url).json(), {"ok": True})
        for role in NATIONAL_ROLES:
            with self.subTest(role=role):
                self.client.force_login(self.make_national_user(role))
                self.assertEqual(self.client.get(url).status_code, 403)

    def test_without_allowed_roles_any_logged_in_user_gets_in(self):
        self.client.force_login(self.make_national_user(Role.INSPECTORATE_REVIEWER))
        self.assertEqual(self.client.get(reverse("any-api")).status_code, 200)


class ScopeToOrganisationTests(BaseTestCase):
    def test_alice_and_bob_see_their_organisation_only(self):
        for user in (self.alice, self.bob):
            with self.subTest(user=user.username):
                visible = scope_to_organisation(User.objects.all(), user)
                self.assertEqual(set(visible), {self.alice, self.bob})

    def test_charlie_sees_nothing_of_alices_organisation(self):
        visible = scope_to_organisation(User.objects.all(), self.charlie)

        self.assertEqual(set(visible), {self.charlie})

    def test_national_roles_see_every_organisation(self):
        everyone = set(User.objects.all())
        for role in NATIONAL_ROLES:
            with self.subTest(role=role):
                user = self.make_national_user(role)
                everyone.add(user)
                self.assertEqual(set(scope_to_organisation(User.objects.all(), user)), everyone)

    def test_anonymous_users_see_nothing(self):
        self.assertFalse(scope_to_organisation(User.objects.all(), AnonymousUser()).exists())

    def test_named_lookups_are_combined_with_or(self):
        """Several lookups: a row is visible when any of them leads to the user's organisation."""
        neighbour = Organisation.objects.create(
            kind="vmbo", code="30AB", name="A vmbo in Alice's region", region=self.region
        )
        organisations = Organisation.objects.all()

        own = scope_to_organisation(organisations, self.alice, "pk")
        own_or_same_region = scope_to_organisation(
            organisations, self.alice, "pk", "region__organisations"
        ).distinct()

        self.assertEqual(set(own), {self.school})
        self.assertEqual(set(own_or_same_region), {self.school, neighbour})
        charlies = scope_to_organisation(organisations, self.charlie, "pk", "region__organisations")
        self.assertEqual(set(charlies.distinct()), {self.other_school})
