"""Published data for the OOAPI tests, and the contract check against the official
OOAPI v5 specification (`DATA_DIR/ooapi/ooapi-v5.json`, read in place, never copied)."""

import datetime
import json
import re
from functools import cache

from django.conf import settings
from openapi_core import Config, OpenAPI
from openapi_core.testing import MockRequest, MockResponse
from openapi_core.validation.response.exceptions import InvalidData
from openapi_schema_validator import OAS30Validator

from experiments.models import Experiment
from pathways.models import Route, RouteYear
from qualifications.models import VetCertificate
from regions.models import Organisation
from submissions.models import Submission, SubmissionVersion
from tests.base import BaseTestCase
from tests.experiments.factories import ensure_experiments
from tests.qualifications.factories import (
    CoreTaskFactory,
    ElectiveModuleFactory,
    QualificationFactory,
    QualificationFileFactory,
)

# The specification's server is http://demo01.eduapi.nl/v5; our /ooapi/v5/ maps onto it.
SERVER = "http://demo01.eduapi.nl"
PREFIX = "/ooapi/v5"

# Three responses of the official file cannot be met by any correct body:
# - two are a `oneOf` whose branches cannot be told apart: every
#   EducationSpecification is also a valid EducationSpecificationExpanded (it only
#   adds an optional property), and every ProgramOffering a valid CourseOffering
#   (same required fields, no discriminator), so a strict validator refuses every
#   body there ("is valid under each of");
# - GET /education-specifications/{id}/education-specifications lists the child
#   education specifications but names `Course` as the item schema (courseId and
#   teachingLanguage required, neither of which an education specification has),
#   a copy-paste slip in the file.
# For those, and only when every error is exactly that defect, the body is checked
# against the schema the endpoint is meant for instead.
AMBIGUOUS = ("is valid under each of",)
NOT_A_COURSE = ("'courseId' is a required property", "'teachingLanguage' is a required property")
DEFECTS = [
    # (path pattern, the only errors allowed, the schema checked instead)
    (re.compile(r"^/education-specifications/[^/]+$"), AMBIGUOUS, "EducationSpecification"),
    (re.compile(r"^/offerings/[^/]+$"), AMBIGUOUS, "ProgramOffering"),
    (re.compile(r"^/organizations/[^/]+/offerings$"), AMBIGUOUS, "ProgramOffering"),
    (
        re.compile(r"^/education-specifications/[^/]+/education-specifications$"),
        NOT_A_COURSE,
        "EducationSpecification",
    ),
]


@cache
def specification() -> dict:
    return json.loads(settings.OOAPI_SPEC_FILE.read_text(encoding="utf-8"))


@cache
def openapi() -> OpenAPI:
    # spec_validator_cls=None switches off only the self-check of the file, which
    # fails on one `sort` default (a list of lists); responses are still validated.
    # openapi-core reads only application/json as JSON by default: Problems are
    # application/problem+json, so that media type is read as JSON too.
    config = Config(
        spec_validator_cls=None,
        extra_media_type_deserializers={"application/problem+json": json.loads},
    )
    return OpenAPI.from_file_path(str(settings.OOAPI_SPEC_FILE), config=config)


def validate_schema(instance, name: str) -> None:
    """`instance` against components/schemas/`name` of the official file."""
    schema = {"$ref": f"#/components/schemas/{name}", "components": specification()["components"]}
    OAS30Validator(schema).validate(instance)


def assert_valid(response, path: str) -> None:
    """The response to GET /ooapi/v5`path` matches the official specification."""
    assert path.startswith("/"), path
    request = MockRequest(SERVER, "get", "/v5" + path.split("?")[0])
    mock = MockResponse(
        response.content,
        status_code=response.status_code,
        content_type=response["Content-Type"],
    )
    try:
        openapi().validate_response(request, mock)
    except InvalidData as error:
        errors = getattr(error.__cause__, "schema_errors", ())
        bare_path = path.split("?")[0]
        schema = next(
            (
                schema
                for pattern, allowed, schema in DEFECTS
                if pattern.match(bare_path)
                and errors
                and all(any(text in e.message for text in allowed) for e in errors)
            ),
            None,
        )
        if schema is None:
            raise AssertionError(f"{path}: {error.__cause__!r}") from error
        body = response.json()
        for item in body.get("items", [body]):
            validate_schema(item, schema)


class OoapiTestCase(BaseTestCase):
    """Alice's ROC (25PZ) with an approved regionalised programme and cross-over,
    Victor's vmbo (30AB) with an active route to Alice's ROC, a dossier with two
    qualifications, a keuzedeel with a certificate."""

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
        cls.dossier = QualificationFileFactory(crebo="23001", title="Dienstverlening")
        cls.level2 = QualificationFactory(
            file=cls.dossier, crebo="25498", title="Helpende zorg en welzijn", level=2
        )
        cls.level3 = QualificationFactory(
            file=cls.dossier,
            crebo="25499",
            title="Medewerker maatschappelijke zorg",
            level=3,
            end_of_programme=datetime.date(2030, 7, 31),
        )
        core_task = CoreTaskFactory(qualification=cls.level3)
        cls.part_certificate = VetCertificate.objects.create(
            title="Certificaat ondersteuning",
            qualification=cls.level3,
            core_task=core_task,
            sbb_id="C-1",
            code="C-1",  # from the certificates CSV: its own code, level and date
            level=2,
            valid_from=datetime.date(2026, 8, 1),
        )
        cls.elective = ElectiveModuleFactory(code="K0123", title="Zorgtechnologie", level=None)
        cls.elective_certificate = VetCertificate.objects.create(
            title="Certificaat zorgtechnologie", elective=cls.elective
        )
        ensure_experiments()
        regional = Experiment.objects.get(kind="regional_programme")
        cross_overs = Experiment.objects.get(kind="cross_over")
        cls.programme = cls.approved(
            regional,
            "Helpende zorg — Deventer profiel",
            {
                "format": "vet-submission/1",
                "kind": "regional_programme",
                "school": "25PZ",
                "title": "Helpende zorg — Deventer profiel",
                "region": "AM06",
                "start_date": "2025-08-01",
                "national_section": {"qualification": "25498"},
                "electives": [{"type": "national", "code": "K0123"}],
            },
        )
        cls.cross_over = cls.approved(
            cross_overs,
            "Medewerker zorg en facilitair",
            {
                "format": "vet-submission/1",
                "kind": "cross_over",
                "school": "25PZ",
                "title": "Medewerker zorg en facilitair",
                "level": 3,
                "start_date": "2024-08-01",
                "end_date": "2028-07-31",
                "parts": [
                    {"qualification": "25499", "core_task": "P1-K1"},
                    {"qualification": "25498", "core_task": "P1-K1"},
                ],
            },
        )
        cls.route = Route.objects.create(
            vmbo_school=cls.vmbo_school,
            mbo_institution=cls.school,
            region=cls.region,
            route_type="integrated",
            vmbo_track="bb",
            target_qualification=cls.level2,
            location="vmbo",
            start_date=datetime.date(2024, 8, 1),
            status=Route.Status.ACTIVE,
            duo_status="registered",
            duo_date=datetime.date(2024, 6, 1),
        )
        RouteYear.objects.create(route=cls.route, school_year="2026/27", started=14)
        # Not published: a draft route and a programme still under review.
        Route.objects.create(
            vmbo_school=cls.vmbo_school,
            mbo_institution=cls.other_school,
            region=cls.region,
            route_type="continuous",
            vmbo_track="kb",
            target_qualification=cls.level3,
            location="mbo",
            start_date=datetime.date(2025, 8, 1),
        )
        cls.under_review = cls.approved(regional, "Nog in beoordeling", {}, state="under_review")

    @classmethod
    def approved(cls, experiment, title, document, state="approved"):
        submission = Submission.objects.create(
            kind=experiment.kind,
            school=cls.school,
            title=title,
            state=state,
            experiment=experiment,
            created_by=cls.alice,
            decided_at=datetime.datetime(2025, 3, 1, tzinfo=datetime.UTC),
        )
        SubmissionVersion.objects.create(
            submission=submission,
            number=1,
            document=document,
            source_text=json.dumps(document),
            created_by=cls.alice,
        )
        return submission

    def get(self, path: str, **headers):
        """GET /ooapi/v5`path`."""
        return self.client.get(PREFIX + path, headers=headers)

    def get_valid(self, path: str, status: int = 200):
        """GET /ooapi/v5`path`, check the status and the contract; the JSON body."""
        response = self.get(path)
        assert response.status_code == status, (path, response.status_code, response.content)
        assert_valid(response, path)
        return response.json()
