"""Shared set-up for the pathways tests: a vmbo school with its author (Victor)
as Alice's partner, qualifications of level 2 and 3, and helpers to build
routes through the ORM or the form."""

import datetime
import shutil
import tempfile

from django.test import override_settings

from accounts.models import Role
from pathways.models import Route
from qualifications.models import Domain, Qualification, QualificationFile
from regions.models import Organisation
from tests.base import BaseTestCase, make_user

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


class PathwayTestCase(BaseTestCase):
    """Alice (mbo 25PZ) and Victor (vmbo 30AB) are the two schools of a route."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.vmbo_school = Organisation.objects.create(
            kind="vmbo",
            code="30AB",
            name="Victor's vmbo",
            municipality="Deventer",
            region=cls.region,
        )
        cls.victor = make_user("victor", cls.vmbo_school)
        cls.company = Organisation.objects.create(
            kind="company", code="12345678", name="Zorggroep", region=cls.region
        )
        cls.care = Domain.objects.create(number="1", title="Zorg en welzijn")
        cls.tech = Domain.objects.create(number="2", title="Techniek")
        care_file = QualificationFile.objects.create(
            number="100",
            crebo="23001",
            title="Dienstverlening",
            status="Vastgesteld",
            domain=cls.care,
        )
        tech_file = QualificationFile.objects.create(
            number="200",
            crebo="23002",
            title="Installatietechniek",
            status="Vastgesteld",
            domain=cls.tech,
        )
        cls.level2 = Qualification.objects.create(
            file=care_file,
            sbb_id="1",
            chapter=1,
            crebo="25498",
            title="Helpende zorg en welzijn",
            level=2,
        )
        cls.level3 = Qualification.objects.create(
            file=care_file,
            sbb_id="2",
            chapter=2,
            crebo="25499",
            title="Medewerker maatschappelijke zorg",
            level=3,
        )
        cls.tech4 = Qualification.objects.create(
            file=tech_file,
            sbb_id="3",
            chapter=1,
            crebo="25500",
            title="Eerste monteur",
            level=4,
        )

    def setUp(self):
        super().setUp()
        media = tempfile.mkdtemp(prefix="pathways-test-")
        self.addCleanup(shutil.rmtree, media, True)
        settings_override = override_settings(MEDIA_ROOT=media)
        settings_override.enable()
        self.addCleanup(settings_override.disable)

    # Building routes ---------------------------------------------------------------

    def make_route(self, status=Route.Status.DRAFT, **overrides) -> Route:
        """A route between Victor's vmbo and Alice's ROC that meets every rule."""
        values = {
            "vmbo_school": self.vmbo_school,
            "mbo_institution": self.school,
            "region": self.region,
            "basis": "law",
            "route_type": "integrated",
            "vmbo_track": "bb",
            "target_qualification": self.level2,
            "location": "vmbo",
            "start_date": datetime.date(2021, 8, 1),
            "exam_responsible": "mbo",
            "agreement_signed_on": datetime.date(2021, 5, 1),
            "switch_arrangement": "Leerlingen die de route verlaten gaan naar vmbo-bb.",
            "financial_arrangements": "Bekostiging wordt gedeeld.",
            "fallback_destinations": ["vmbo-bb", "mbo-2"],
            "combined_pta_oer": True,
            "status": status,
        }
        if status in (Route.Status.ACTIVE, Route.Status.ENDED):
            values.update(duo_status="registered", duo_date=datetime.date(2021, 6, 1))
        if status == Route.Status.AWAITING_CONFIRMATION:
            values["submitted_by_organisation"] = self.vmbo_school
        values.update(overrides)
        return Route.objects.create(**values)

    def form_data(self, partner=None, **overrides) -> dict:
        """POST data of the route form for Alice (her partner is Victor's vmbo)."""
        data = {
            "partner_school": (partner or self.vmbo_school).code,
            "region": self.region.pk,
            "basis": "law",
            "route_type": "integrated",
            "vmbo_track": "bb",
            "target_qualification": "25498",
            "location": "vmbo",
            "start_date": "2021-08-01",
            "exam_responsible": "mbo",
            "agreement_signed_on": "2021-05-01",
            "switch_arrangement": "Leerlingen die de route verlaten gaan naar vmbo-bb.",
            "financial_arrangements": "Bekostiging wordt gedeeld.",
            "fallback_destinations": ["vmbo-bb", "mbo-2"],
            "combined_pta_oer": "on",
        }
        data.update(overrides)
        return {key: value for key, value in data.items() if value is not None}

    def national(self, role) -> object:
        return self.make_national_user(role)

    @property
    def ministry_user(self):
        return self.make_national_user(Role.MINISTRY_STAFF)
