"""Drafting and changing a route in the browser form (views route_create, route_edit)."""

import io
import zipfile
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from accounts.models import Role
from pathways.models import Route, RouteEvent

from .helpers import PDF_BYTES, PathwayTestCase

CREATE = reverse("pathways:route-create")


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def odt_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office:document-content/>")
    return buffer.getvalue()


class CreateRouteTests(PathwayTestCase):
    def test_vmbo_author_drafts_a_route_with_the_mbo_institution(self):
        self.login(self.victor)
        response = self.client.post(CREATE, self.form_data(partner=self.school))
        route = Route.objects.get()
        self.assertRedirects(response, reverse("pathways:route-edit", args=[route.pk]))
        self.assertEqual(route.vmbo_school, self.vmbo_school)
        self.assertEqual(route.mbo_institution, self.school)
        self.assertEqual(route.status, Route.Status.DRAFT)
        self.assertEqual(route.fallback_destinations, ["vmbo-bb", "mbo-2"])
        event = route.events.get()
        self.assertEqual(
            (event.action, event.actor, event.to_state),
            (RouteEvent.Action.CREATED, self.victor, "draft"),
        )

    def test_mbo_author_drafts_and_sends_a_route_that_meets_the_rules(self):
        self.login(self.alice)
        response = self.client.post(CREATE, {**self.form_data(), "action": "submit"})
        route = Route.objects.get()
        self.assertRedirects(response, reverse("pathways:route-detail", args=[route.pk]))
        self.assertEqual(route.status, Route.Status.AWAITING_CONFIRMATION)
        self.assertEqual(route.submitted_by_organisation, self.school)
        self.assertEqual(
            list(route.events.values_list("action", "from_state", "to_state")),
            [("created", "", "draft"), ("submitted", "draft", "awaiting_confirmation")],
        )

    def test_integrated_route_to_level_3_is_refused_with_dl_03_beside_the_form(self):
        self.login(self.alice)
        response = self.client.post(
            CREATE,
            {**self.form_data(target_qualification="25499"), "action": "submit"},
            follow=True,
        )
        route = Route.objects.get()
        self.assertEqual(route.status, Route.Status.DRAFT)
        self.assertEqual(response.resolver_match.url_name, "route-edit")
        findings = {f.rule: f for f in response.context["findings"]}
        self.assertIn("DL-03", findings)
        self.assertEqual(findings["DL-03"].severity, "error")
        self.assertContains(response, "DL-03")
        self.assertFalse(route.events.filter(action="submitted").exists())

    def test_bad_crebo_keeps_what_was_typed(self):
        self.login(self.alice)
        data = self.form_data(target_qualification="99999", switch_arrangement="Mijn tekst 123")
        response = self.client.post(CREATE, data)
        self.assertEqual(response.status_code, 200)
        self.assertFalse(Route.objects.exists())
        self.assertIn("target_qualification", response.context["form"].errors)
        self.assertContains(response, "Mijn tekst 123")

    def test_national_roles_and_anonymous_cannot_draft(self):
        response = self.client.get(CREATE)
        self.assertEqual(response.status_code, 302)
        self.assertIn(reverse("login"), response["Location"])
        for role in (Role.MINISTRY_STAFF, Role.INSPECTORATE_REVIEWER, Role.SBB_REVIEWER):
            self.login(self.make_national_user(role))
            self.assertEqual(self.client.post(CREATE, self.form_data()).status_code, 403)
        self.assertFalse(Route.objects.exists())


class UploadTests(PathwayTestCase):
    def post_with(self, name, content, field="agreement_document"):
        self.login(self.alice)
        upload = SimpleUploadedFile(name, content)
        return self.client.post(CREATE, {**self.form_data(), field: upload})

    def test_pdf_is_stored_under_media_root_with_its_name_kept(self):
        response = self.post_with("overeenkomst.pdf", PDF_BYTES)
        self.assertEqual(response.status_code, 302)
        route = Route.objects.get()
        self.assertEqual(route.agreement_document_name, "overeenkomst.pdf")
        stored = Path(route.agreement_document.path)
        self.assertTrue(stored.is_relative_to(Path(settings.MEDIA_ROOT)))
        self.assertEqual(stored.read_bytes(), PDF_BYTES)
        self.assertNotIn("overeenkomst", stored.name)

    def test_docx_and_odt_with_matching_content_are_accepted(self):
        self.assertEqual(
            self.post_with("pta.docx", docx_bytes(), "pta_oer_document").status_code, 302
        )
        self.assertEqual(
            self.post_with("pta.odt", odt_bytes(), "pta_oer_document").status_code, 302
        )
        self.assertEqual(
            sorted(Route.objects.values_list("pta_oer_document_name", flat=True)),
            ["pta.docx", "pta.odt"],
        )

    def test_wrong_extension_is_refused(self):
        response = self.post_with("overeenkomst.exe", PDF_BYTES)
        self.assertEqual(response.status_code, 200)
        self.assertIn("agreement_document", response.context["form"].errors)
        self.assertFalse(Route.objects.exists())

    def test_content_that_does_not_match_the_extension_is_refused(self):
        for name, content in (
            ("overeenkomst.pdf", b"MZ\x90\x00 not a pdf"),
            ("overeenkomst.docx", PDF_BYTES),
            ("overeenkomst.odt", docx_bytes()),
            ("overeenkomst.docx", odt_bytes()),
        ):
            response = self.post_with(name, content)
            self.assertEqual(response.status_code, 200, name)
            self.assertIn("agreement_document", response.context["form"].errors, name)
        self.assertFalse(Route.objects.exists())

    @override_settings(PATHWAYS_MAX_UPLOAD_BYTES=len(PDF_BYTES) - 1)
    def test_too_large_is_refused(self):
        response = self.post_with("overeenkomst.pdf", PDF_BYTES)
        self.assertEqual(response.status_code, 200)
        self.assertIn("agreement_document", response.context["form"].errors)
        self.assertFalse(Route.objects.exists())

    @override_settings(PATHWAYS_MAX_UPLOAD_BYTES=len(PDF_BYTES))
    def test_exactly_the_limit_is_accepted(self):
        self.assertEqual(self.post_with("overeenkomst.pdf", PDF_BYTES).status_code, 302)


def multipart(fields: dict, file_field: str, file_name: str, content: bytes):
    """A multipart body built by hand: Django's test client cuts file names to
    255 characters, a browser sends them as they are."""
    boundary = "----regio-test-boundary"
    parts = []
    for name, values in fields.items():
        for value in values if isinstance(values, list) else [values]:
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
                f"{value}\r\n".encode()
            )
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="{file_field}"; '
        f'filename="{file_name}"\r\nContent-Type: application/pdf\r\n\r\n'.encode()
        + content
        + b"\r\n"
    )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


class LongFileNameTests(PathwayTestCase):
    """Finding 9 of issue 12: a 1,000-character file name lost the typed form
    behind a bare 400 page."""

    def post(self, file_name):
        self.login(self.alice)
        data = self.form_data(switch_arrangement="Mijn tekst 123")
        body, content_type = multipart(data, "agreement_document", file_name, PDF_BYTES)
        return self.client.generic("POST", CREATE, body, content_type=content_type)

    def test_a_1000_character_name_keeps_the_typed_form_with_a_message(self):
        response = self.post("a" * 996 + ".pdf")
        self.assertEqual(response.status_code, 200)
        errors = response.context["form"].errors["agreement_document"]
        self.assertIn("200", errors[0])
        self.assertContains(response, "Mijn tekst 123")
        self.assertFalse(Route.objects.exists())

    def test_a_name_of_200_characters_is_accepted(self):
        response = self.post("b" * 196 + ".pdf")
        self.assertEqual(response.status_code, 302)
        self.assertEqual(Route.objects.get().agreement_document_name, "b" * 196 + ".pdf")

    def test_a_name_too_long_to_read_gets_a_page_that_says_so(self):
        response = self.post("c" * 20_000 + ".pdf")
        self.assertEqual(response.status_code, 400)
        self.assertTemplateUsed(response, "bad_request.html")
        self.assertContains(response, "bestandsnaam", status_code=400)
        self.assertFalse(Route.objects.exists())


class EditRouteTests(PathwayTestCase):
    def test_both_schools_may_change_a_draft_and_each_change_is_logged(self):
        route = self.make_route()
        for user in (self.alice, self.bob):
            self.login(user)
            response = self.client.post(
                reverse("pathways:route-edit", args=[route.pk]),
                self.form_data(vmbo_track="kb"),
            )
            self.assertEqual(response.status_code, 302)
        self.login(self.victor)
        response = self.client.post(
            reverse("pathways:route-edit", args=[route.pk]),
            self.form_data(partner=self.school, location="mbo"),
        )
        self.assertEqual(response.status_code, 302)
        route.refresh_from_db()
        self.assertEqual((route.vmbo_track, route.location), ("bb", "mbo"))
        self.assertEqual(
            [(e.actor.username, e.action) for e in route.events.all()],
            [("alice", "updated"), ("bob", "updated"), ("victor", "updated")],
        )

    def test_the_edit_page_shows_the_findings_beside_the_form(self):
        route = self.make_route(combined_pta_oer=False)
        self.login(self.alice)
        response = self.client.get(reverse("pathways:route-edit", args=[route.pk]))
        self.assertEqual(
            [f.rule for f in response.context["findings"] if f.severity == "error"], ["DL-08"]
        )
        self.assertContains(response, "DL-08")

    def test_others_cannot_change_a_draft(self):
        route = self.make_route()
        url = reverse("pathways:route-edit", args=[route.pk])
        self.login(self.charlie)
        self.assertEqual(self.client.post(url, self.form_data()).status_code, 404)
        for role in (Role.MINISTRY_STAFF, Role.INSPECTORATE_REVIEWER):
            self.login(self.make_national_user(role))
            self.assertEqual(self.client.post(url, self.form_data()).status_code, 403)
        route.refresh_from_db()
        self.assertFalse(route.events.exists())

    def test_a_route_that_is_not_a_draft_cannot_be_changed(self):
        route = self.make_route(status=Route.Status.VALIDATED)
        self.login(self.alice)
        response = self.client.post(
            reverse("pathways:route-edit", args=[route.pk]), self.form_data(vmbo_track="kb")
        )
        self.assertRedirects(response, reverse("pathways:route-detail", args=[route.pk]))
        route.refresh_from_db()
        self.assertEqual(route.vmbo_track, "bb")


class ReplaceDocumentTests(PathwayTestCase):
    def test_a_replaced_document_is_removed_from_disk(self):
        self.login(self.alice)
        self.client.post(
            CREATE,
            {**self.form_data(), "agreement_document": SimpleUploadedFile("a.pdf", PDF_BYTES)},
        )
        route = Route.objects.get()
        first = Path(route.agreement_document.path)
        self.assertTrue(first.exists())
        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(
                reverse("pathways:route-edit", args=[route.pk]),
                {
                    **self.form_data(),
                    "agreement_document": SimpleUploadedFile("b.pdf", PDF_BYTES + b"%2"),
                },
            )
        route.refresh_from_db()
        self.assertEqual(route.agreement_document_name, "b.pdf")
        self.assertTrue(Path(route.agreement_document.path).exists())
        self.assertFalse(first.exists())


# What a school fills in wrongly, and the rule that must catch it. DL-02 (two
# different schools) cannot be broken in the form: the partner list holds only
# schools of the other kind. DL-09 (not yet registered with DUO) holds for every draft.
RULE_CASES = [
    ("DL-01", "error", {"start_date": "2020-07-01", "agreement_signed_on": "2020-05-01"}),
    ("DL-03", "error", {"vmbo_track": "gl"}),
    ("DL-04", "warning", {"route_type": "continuous", "vmbo_track": "tl"}),
    ("DL-05", "error", {"exam_responsible": "vmbo"}),
    ("DL-06", "error", {"switch_arrangement": ""}),
    ("DL-07", "error", {"fallback_destinations": ["entree"]}),
    ("DL-08", "error", {"combined_pta_oer": None}),
    ("DL-09", "warning", {}),
    ("DL-10", "warning", {"region": "other"}),
    ("DL-11", "error", {"basis": "experiment", "start_date": "2022-08-01"}),
]


class RulesOnRoutesMadeInTheFormTests(PathwayTestCase):
    """Each DL rule, run by the rule engine on a route drafted in the form: errors keep
    the route a draft, warnings let it go to the partner school."""

    def test_each_rule_through_the_engine(self):
        self.login(self.alice)
        for rule, severity, overrides in RULE_CASES:
            with self.subTest(rule=rule):
                if overrides.get("region") == "other":
                    overrides = {"region": self.other_region.pk}
                response = self.client.post(
                    CREATE, {**self.form_data(**overrides), "action": "submit"}, follow=True
                )
                route = Route.objects.latest("pk")
                found = {(f.rule, f.severity) for f in response.context["findings"]}
                self.assertIn((rule, severity), found)
                self.assertContains(response, rule)
                if severity == "error":
                    self.assertEqual(route.status, Route.Status.DRAFT)
                    self.assertFalse(route.events.filter(action="submitted").exists())
                else:
                    self.assertNotIn("error", {severity for _rule, severity in found})
                    self.assertEqual(route.status, Route.Status.AWAITING_CONFIRMATION)
