"""Schemathesis against the live test server: the API answers as /api/schema/
describes, and never with a server error.

Runs as a school author (who writes drafts) and as an SBB reviewer (who reads
submitted work and decides), each with a session cookie and a CSRF token as the
browser has them. Every operation gets examples that fit the schema and
examples that do not (wrong types, missing fields, out-of-range values), half
of them aimed at objects that exist (a draft and a submission under review, a
network, a region, a qualification) so that the answers are not all 404. The
number of examples is bounded: the whole run takes a minute or two.
"""

import datetime
import json

import pytest
import requests
import schemathesis
from django.core.cache import cache
from django.test import Client
from django.utils.crypto import get_random_string
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.config import SchemathesisConfig

from accounts.models import Role
from pathways.models import Route
from qualifications.models import VetCertificate
from regions.models import Network, Organisation
from submissions import workflow
from submissions.intake import services
from tests.base import make_user
from tests.qualifications.register_factories import RegionalElectiveFactory
from tests.rules.factories import build_reference_data, valid_document

from .schema import schema_document

EXAMPLES_PER_OPERATION = 12

CHECKS = [
    schemathesis.checks.not_a_server_error,
    schemathesis.checks.status_code_conformance,
    schemathesis.checks.content_type_conformance,
    schemathesis.checks.response_schema_conformance,
    schemathesis.checks.response_headers_conformance,
]
MODES = [schemathesis.GenerationMode.POSITIVE, schemathesis.GenerationMode.NEGATIVE]


def make_objects() -> dict[str, dict]:
    """Objects the examples can aim at, as path parameters per path prefix."""
    reference = build_reference_data()
    author = make_user("fuzz-author", reference.mbo)
    data = json.dumps(valid_document("regional_programme")).encode()
    draft = services.create_submission(user=author, data=data)
    submitted = services.create_submission(user=author, data=data)
    workflow.submit(submitted, author)
    network = Network.objects.create(
        name="Zorg Stedendriehoek", kind="sto", region=reference.mbo.region, status="active"
    )
    # The endpoints of issues 10 and 15: an mbo-certificate, an active (public) route,
    # a regional keuzedeel in the register.
    certificate = VetCertificate.objects.create(
        title="Certificaat zorg", qualification=reference.helper, code="C-ZORG"
    )
    route = Route.objects.create(
        vmbo_school=reference.vmbo,
        mbo_institution=reference.mbo,
        region=reference.mbo.region,
        route_type="integrated",
        vmbo_track="bb",
        target_qualification=reference.helper,
        location="vmbo",
        start_date=datetime.date(2024, 8, 1),
        status=Route.Status.ACTIVE,
        duo_status="registered",
        duo_date=datetime.date(2024, 6, 1),
    )
    regional = RegionalElectiveFactory(code="RK0007", school=reference.mbo)
    return {
        "author": author,
        "/api/submissions/": [{"id": draft.pk, "number": 1}, {"id": submitted.pk, "number": 1}],
        "/api/networks/": [{"id": network.pk}],
        "/api/regions/": [{"code": "AM06"}, {"code": "am25"}],
        "/api/organisations/": [{"code": "25PZ"}, {"code": "12345678"}],
        "/api/qualifications/": [{"crebo": "25497"}],
        "/api/qualification-files/": [{"crebo": "25490"}],
        "/api/keuzedelen/": [{"code": "K0123"}, {"code": regional.code}],
        "/api/certificates/": [{"id": certificate.pk}],
        "/api/pathways/": [{"id": route.pk}],
    }


def logged_in_session(user) -> requests.Session:
    client = Client()
    client.force_login(user)
    session = requests.Session()
    session.cookies.set("sessionid", client.cookies["sessionid"].value)
    token = get_random_string(32)
    session.cookies.set("csrftoken", token)
    session.headers["X-CSRFToken"] = token
    return session


@pytest.fixture(params=[Role.SCHOOL_AUTHOR, Role.SBB_REVIEWER])
def api_user(request, transactional_db):
    """The objects, and a session logged in as a school author or an SBB reviewer."""
    cache.clear()  # throttling counts from zero for this user
    objects = make_objects()
    if request.param == Role.SCHOOL_AUTHOR:
        user = objects["author"]
    else:
        sbb, _ = Organisation.objects.get_or_create(
            code="SBB", defaults={"kind": "sbb", "name": "SBB"}
        )
        user = make_user("fuzz-sbb", sbb, Role.SBB_REVIEWER)
    session = logged_in_session(user)
    yield session, objects
    session.close()


def strategy_for(operation, objects: dict):
    """Examples of every mode, and the same aimed at each known object."""
    strategies = [operation.as_strategy(mode) for mode in MODES]
    names = {p.name for p in operation.path_parameters}
    for prefix, known in objects.items():
        if names and operation.path.startswith(prefix):
            for values in known:
                parameters = {name: values[name] for name in names if name in values}
                if parameters:
                    strategies += [
                        operation.as_strategy(mode, path_parameters=parameters) for mode in MODES
                    ]
    return st.one_of(strategies)


def test_the_api_keeps_to_its_schema(api_user, live_server):
    """Every operation: no 5xx, and every answer's status code, content type,
    headers and body as documented."""
    session, objects = api_user
    # The session logs in: no made-up Authorization header or session cookie.
    config = SchemathesisConfig.from_dict({"generation": {"with-security-parameters": False}})
    schema = schemathesis.openapi.from_dict(schema_document(), config=config)
    failures = []
    statuses: dict[str, set[int]] = {}
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) > 25
    for operation in operations:

        @given(case=strategy_for(operation, objects))
        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            derandomize=True,
            database=None,
        )
        def check(case):
            response = case.call(base_url=live_server.url, session=session)
            statuses.setdefault(case.operation.label, set()).add(response.status_code)
            case.validate_response(response, checks=CHECKS)

        try:
            check()
        except (Exception, BaseExceptionGroup) as error:  # report every operation's failure
            failures.append(f"{operation.label}: {error}")
    assert not failures, "\n\n".join(failures)
    # The session was used: the user's own submissions were read.
    assert 200 in statuses["GET /api/submissions/"]
    assert 200 in statuses["GET /api/submissions/{id}/"]
    # The examples reached the objects of every kind, not only 404s.
    for label in (
        "GET /api/certificates/{id}/",
        "GET /api/pathways/{id}/",
        "GET /api/keuzedelen/{code}/",
        "GET /api/networks/{id}/",
        "GET /api/regions/{code}/geojson/",
    ):
        assert 200 in statuses[label], label
