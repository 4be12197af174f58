"""A DOCX or ODT upload is a zip archive: a "zip bomb" (a small file that
unpacks to gigabytes) is refused on what its directory declares, before
anything is unpacked (pathways.services.validate_document_upload, route form)."""

import io
import struct
import tracemalloc
import zipfile

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import SimpleTestCase
from django.urls import reverse

from pathways.models import Route
from pathways.services import validate_document_upload

from .helpers import PathwayTestCase

ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"


def odt_bomb(unpacked_mb: int = 64) -> bytes:
    """An ODT whose `mimetype` entry is the real mimetype followed by `unpacked_mb`
    MB of spaces: under 100 kB packed."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        with archive.open("mimetype", "w", force_zip64=True) as entry:
            entry.write(ODT_MIMETYPE)
            chunk = b" " * (1024 * 1024)
            for _ in range(unpacked_mb):
                entry.write(chunk)
        archive.writestr("content.xml", "<office:document-content/>")
    return buffer.getvalue()


def odt_that_claims(size: int) -> bytes:
    """A small, honest-looking ODT whose central directory claims `size` bytes for
    its `mimetype` entry (the content itself is small)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_STORED) as archive:
        archive.writestr("mimetype", ODT_MIMETYPE)
        archive.writestr("content.xml", "<office:document-content/>")
    data = bytearray(buffer.getvalue())
    directory = data.index(b"PK\x01\x02")  # the first central directory record: mimetype
    struct.pack_into("<I", data, directory + 24, size)  # uncompressed size
    return bytes(data)


def docx_with_entries(count: int) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
        for number in range(count):
            archive.writestr(f"x/{number}", "")
    return buffer.getvalue()


class ZipBombServiceTests(SimpleTestCase):
    def refusal(self, name, content):
        upload = SimpleUploadedFile(name, content)
        with self.assertRaises(ValidationError) as raised:
            validate_document_upload(upload)
        return raised.exception

    def test_a_bomb_is_refused_without_unpacking_it(self):
        bomb = odt_bomb(64)
        self.assertLess(len(bomb), 200 * 1024)
        tracemalloc.start()
        try:
            refusal = self.refusal("overeenkomst.odt", bomb)
            _current, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        self.assertEqual(refusal.code, "archive_too_large")
        # Far below the 64 MB it unpacks to: nothing was unpacked.
        self.assertLess(peak, 4 * 1024 * 1024)

    def test_a_declared_size_of_a_gibibyte_is_refused_on_the_declaration(self):
        self.assertEqual(
            self.refusal("pta.odt", odt_that_claims(1024**3)).code, "archive_too_large"
        )

    def test_too_many_entries_are_refused(self):
        self.assertEqual(
            self.refusal("pta.docx", docx_with_entries(2500)).code, "archive_too_large"
        )

    def test_an_ordinary_document_that_compresses_well_is_accepted(self):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("mimetype", ODT_MIMETYPE)
            archive.writestr("content.xml", "<p>tekst</p>" * 50_000)  # 600 kB, ratio < 100
        validate_document_upload(SimpleUploadedFile("pta.odt", buffer.getvalue()))


class ZipBombFormTests(PathwayTestCase):
    def test_the_form_refuses_a_bomb_with_a_message_and_keeps_the_typed_text(self):
        self.login(self.alice)
        data = self.form_data(switch_arrangement="Mijn tekst 123")
        data["pta_oer_document"] = SimpleUploadedFile("pta.odt", odt_bomb(16))
        response = self.client.post(reverse("pathways:route-create"), data)
        self.assertEqual(response.status_code, 200)
        self.assertIn("pta_oer_document", response.context["form"].errors)
        self.assertContains(response, "Mijn tekst 123")
        self.assertFalse(Route.objects.exists())
