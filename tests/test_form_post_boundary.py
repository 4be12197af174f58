"""Form posts pass the input boundary too (config.middleware.InputBoundaryMiddleware,
core.boundary.check_form_data): a NUL or another control character in any field
of any form — pages and API alike — gets a 400 with a plain
sentence and nothing is stored (issue 12, finding 6 and deliver 1: "forms ...
alike"). On PostgreSQL a NUL in a search field or a chosen code failed the query
(a 500 on the route form's partner search and the draft editor's organisation
and keuzedeel fields); elsewhere a control character was stored as typed."""

import io
import json
from urllib.parse import urlencode

from django.test import RequestFactory, SimpleTestCase
from django.urls import reverse
from rest_framework.exceptions import ParseError

from certificates.models import CertificateProgramme
from core import boundary
from pathways.models import Route
from submissions.models import Submission
from tests.certificates.factories import CertificateProgrammeFactory
from tests.pathways.helpers import PathwayTestCase
from tests.submissions.helpers import WorkflowTestCase


class PagePostTests(PathwayTestCase):
    def assertRefused(self, response):
        self.assertEqual(response.status_code, 400)
        self.assertTemplateUsed(response, "bad_request.html")
        self.assertContains(response, "stuurteken", status_code=400)

    def test_a_nul_in_the_partner_search_of_the_route_form_is_refused(self):
        self.login(self.alice)
        data = self.form_data(partner_search="zorg\x00x", action="search")
        response = self.client.post(reverse("pathways:route-create"), data)
        self.assertRefused(response)
        self.assertFalse(Route.objects.exists())

    def test_a_control_character_in_a_certificate_programme_is_not_stored(self):
        programme = CertificateProgrammeFactory(school=self.school, name="Oude naam")
        self.login(self.alice)
        response = self.client.post(
            reverse("certificates:programme-edit", args=[programme.pk]),
            {
                "name": "Nieuw\x01naam",
                "certificate": programme.certificate.pk,
                "region": self.region.pk,
                "starts": "1-9-2027",
                "description": "tekst\x1b[31m",
            },
        )
        self.assertRefused(response)
        self.assertEqual(CertificateProgramme.objects.get(pk=programme.pk).name, "Oude naam")

    def test_tabs_and_line_breaks_in_text_areas_are_still_accepted(self):
        programme = CertificateProgrammeFactory(school=self.school, name="Oude naam")
        self.login(self.alice)
        response = self.client.post(
            reverse("certificates:programme-edit", args=[programme.pk]),
            {
                "name": "Nieuwe naam",
                "certificate": programme.certificate.pk,
                "region": self.region.pk,
                "starts": "1-9-2027\r\n1-2-2028",
                "description": "regel één\r\n\tregel twee",
            },
        )
        self.assertEqual(response.status_code, 302)
        self.assertEqual(
            CertificateProgramme.objects.get(pk=programme.pk).description,
            "regel één\r\n\tregel twee",
        )


class ApiFormBodyTests(WorkflowTestCase):
    """The API also reads form bodies (DRF's form and multipart parsers, replaced by
    core.boundary's): what comes that way passes the same boundary as JSON."""

    URL = reverse("submission-list")

    def test_a_form_encoded_comment_with_a_control_character_is_not_stored(self):
        submission = self.submitted()
        self.login(self.sbb_user)
        url = reverse("submission-comments", args=[submission.pk])
        for body in ({"section": "", "text": "a\x01b"}, {"section": "a\x00", "text": "x"}):
            response = self.client.post(url, body)  # multipart, as a form would send it
            self.assertEqual(response.status_code, 400, body)
            self.assertIn("stuurteken", response.json()["detail"])
        self.assertFalse(submission.comments.exists())

    def test_a_form_encoded_document_is_checked_like_json(self):
        """A lone surrogate escape or a control character inside a document sent as
        a form field is refused as in a JSON body (drafting.save_draft checks the
        parsed document), and no row is created."""
        self.login(self.alice)
        for escaped in ("\\ud800", "a\\u0001b"):  # JSON escapes, as text
            document = json.dumps({**self.valid(), "title": "T"}).replace('"T"', f'"{escaped}"')
            response = self.client.post(
                self.URL,
                urlencode({"document": document}),
                content_type="application/x-www-form-urlencoded",
            )
            self.assertEqual(response.status_code, 400, escaped)
        self.assertFalse(Submission.objects.exists())

    def test_a_form_encoded_document_nested_5000_deep_is_a_400_not_a_recursion_error(self):
        """DRF's JSONField read a form field's text with json.loads: RecursionError, 500."""
        self.login(self.alice)
        for content_type in ("urlencoded", "multipart"):
            body = {"document": "[" * 5000 + "]" * 5000}
            if content_type == "urlencoded":
                response = self.client.post(
                    self.URL, urlencode(body), content_type="application/x-www-form-urlencoded"
                )
            else:
                response = self.client.post(self.URL, body)
            self.assertEqual(response.status_code, 400, content_type)
            self.assertIn("32", json.dumps(response.json()), content_type)
        self.assertFalse(Submission.objects.exists())


class ParserTests(SimpleTestCase):
    """PUT and PATCH form bodies never reach the middleware: the API's parsers check them."""

    def test_the_form_parsers_refuse_a_control_character(self):
        parsers = {
            boundary.FormParser(): ("application/x-www-form-urlencoded", b"title=a%01b"),
            boundary.MultiPartParser(): (
                "multipart/form-data; boundary=B",
                b'--B\r\nContent-Disposition: form-data; name="title"\r\n\r\na\x00b\r\n--B--\r\n',
            ),
        }
        for parser, (media_type, body) in parsers.items():
            request = RequestFactory().generic("PATCH", "/api/x/", body, content_type=media_type)
            context = {"request": request, "encoding": "utf-8"}
            with self.assertRaises(ParseError) as raised:
                parser.parse(io.BytesIO(body), media_type, context)
            self.assertIn("stuurteken", str(raised.exception.detail))

    def test_ordinary_form_bodies_are_parsed(self):
        request = RequestFactory().generic("PATCH", "/api/x/", b"title=a%09b")
        parsed = boundary.FormParser().parse(
            io.BytesIO(b"title=a%09b"),
            "application/x-www-form-urlencoded",
            {"request": request, "encoding": "utf-8"},
        )
        self.assertEqual(parsed["title"], "a\tb")
