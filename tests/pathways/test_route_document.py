"""Downloading an uploaded document (route_document): the two schools and the
Inspectorate; not ministry staff, SBB or administrators (403: they see the
route's data, not its documents); everyone else 404."""

from django.core.files.base import ContentFile
from django.urls import reverse

from accounts.models import Role
from pathways.models import Route

from .helpers import PDF_BYTES, PathwayTestCase


class RouteDocumentTests(PathwayTestCase):
    def make_with_document(self, status=Route.Status.DRAFT):
        route = self.make_route(status=status)
        route.agreement_document.save("x.pdf", ContentFile(PDF_BYTES))
        route.agreement_document_name = "overeenkomst.pdf"
        route.save()
        return route

    def download(self, route, user=None, which="agreement"):
        self.client.logout()
        if user is not None:
            self.login(user)
        return self.client.get(reverse("pathways:route-document", args=[route.pk, which]))

    def test_allowed_users_get_the_file(self):
        route = self.make_with_document(Route.Status.AWAITING_CONFIRMATION)
        allowed = [
            self.alice,
            self.bob,
            self.victor,
            self.make_national_user(Role.INSPECTORATE_REVIEWER),
        ]
        for user in allowed:
            response = self.download(route, user)
            self.assertEqual(response.status_code, 200, user.username)
            self.assertEqual(b"".join(response.streaming_content), PDF_BYTES)
            self.assertIn("overeenkomst.pdf", response["Content-Disposition"])

    def test_others_are_refused(self):
        route = self.make_with_document(Route.Status.AWAITING_CONFIRMATION)
        self.assertEqual(self.download(route).status_code, 404)
        self.assertEqual(self.download(route, self.charlie).status_code, 404)
        # Least privilege: ministry staff (and SBB, administrators) see the route's data,
        # not the signed documents.
        for role in (Role.SBB_REVIEWER, Role.MINISTRY_STAFF, Role.ADMINISTRATOR):
            self.assertEqual(self.download(route, self.make_national_user(role)).status_code, 403)
        ministry = self.client.get(reverse("pathways:route-detail", args=[route.pk]))
        self.assertContains(ministry, route.financial_arrangements)
        self.assertNotContains(
            ministry, reverse("pathways:route-document", args=[route.pk, "agreement"])
        )

    def test_public_route_documents_stay_protected(self):
        route = self.make_with_document(status=Route.Status.ACTIVE)
        self.assertEqual(self.download(route).status_code, 404)
        self.assertEqual(self.download(route, self.charlie).status_code, 403)
        self.assertEqual(self.download(route, self.alice).status_code, 200)

    def test_missing_document_or_unknown_kind_is_404(self):
        route = self.make_with_document()
        self.assertEqual(self.download(route, self.alice, "pta-oer").status_code, 404)
        self.assertEqual(self.download(route, self.alice, "other").status_code, 404)
