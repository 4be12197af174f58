"""A newer version of a dossier keeps the records of other apps that point at it.

A continuous pathway (pathways.Route) refers to its target qualification by a
foreign key. Renaming the qualification in a newer SBB file must keep that
reference; a file that drops the qualification must be refused as a whole.
"""

import datetime
import shutil
import tempfile
from io import StringIO
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import CommandError

from pathways.models import Route
from qualifications.models import ImportRun, Qualification
from qualifications.services import import_sbb_file
from regions.models import Organisation
from tests.base import BaseTestCase

from .factories import dump_tables, parse_trusted, sample_paths


class ReferencesFromOtherAppsTests(BaseTestCase):
    def setUp(self):
        self.folder = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, self.folder, ignore_errors=True)
        self.path = sample_paths()[0]
        import_sbb_file(self.path)
        tree = parse_trusted(self.path)
        first = tree.getroot().find("dossiers/dossier/profielen/profiel")
        self.crebo = first.find("creboinformatie/crebo").text.strip()
        self.qualification = Qualification.objects.get(crebo=self.crebo)
        vmbo = Organisation.objects.create(
            kind="vmbo", code="30AB", name="Vmbo", region=self.region
        )
        self.route = Route.objects.create(
            vmbo_school=vmbo,
            mbo_institution=self.school,
            region=self.region,
            route_type="continuous",
            vmbo_track="gl",
            target_qualification=self.qualification,
            location="mbo",
            start_date=datetime.date(2021, 8, 1),
        )

    def newer_version(self, change) -> Path:
        """The sample with `change(profile element of self.crebo, profiles element)` applied."""
        tree = parse_trusted(self.path)
        profiles = tree.getroot().find("dossiers/dossier/profielen")
        profile = next(
            p
            for p in profiles.findall("profiel")
            if p.find("creboinformatie/crebo").text.strip() == self.crebo
        )
        change(profile, profiles)
        path = self.folder / "newer.xml"
        tree.write(path, encoding="utf-8", xml_declaration=True)
        return path

    def test_renamed_qualification_keeps_the_route_pointing_at_it(self):
        new_title = self.qualification.title + " (nieuwe versie)"
        path = self.newer_version(lambda profile, _: profile.set("titel", new_title))

        result = import_sbb_file(path)

        self.assertEqual(result.changed, 1)
        # The change log names the record in the importer's language (Dutch by default),
        # by its (new) title with its crebo beside it.
        named = f"profiel {new_title} ({self.crebo})"
        self.assertEqual(
            {(c["object"], c["field"]) for c in result.changes},
            {(named, "title"), (named, "normalized_title")},
        )
        self.route.refresh_from_db()
        self.assertEqual(self.route.target_qualification.pk, self.qualification.pk)
        self.assertEqual(self.route.target_qualification.title, new_title)

    def test_dropping_a_referenced_qualification_is_refused_and_changes_nothing(self):
        path = self.newer_version(lambda profile, profiles: profiles.remove(profile))
        before = dump_tables()
        runs = ImportRun.objects.count()

        with self.assertRaises(CommandError) as raised:
            call_command("import_sbb", str(path), stdout=StringIO())

        message = str(raised.exception)
        self.assertIn("newer.xml", message)
        self.assertIn(
            f"profiel {self.qualification.title} ({self.crebo}) staat niet meer in het bestand",
            message,
        )
        self.assertNotIn("profile", message)
        self.assertEqual(dump_tables(), before)
        self.assertEqual(ImportRun.objects.count(), runs)
        self.assertTrue(Route.objects.filter(pk=self.route.pk).exists())
        self.assertTrue(Qualification.objects.filter(crebo=self.crebo).exists())
