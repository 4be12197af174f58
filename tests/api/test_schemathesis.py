"""Schemathesis against the live test server: the API answers as /api/schema/
describes, and never with a server error.

Runs as a school author (who may write drafts) and as an SBB reviewer (who
reads every submission and decides), each with a session cookie and a CSRF
token as the browser has them. The number of examples per operation is
bounded so that the whole run takes a minute or two.
"""

import json

import pytest
import requests
import schemathesis
from django.test import Client
from django.utils.crypto import get_random_string
from hypothesis import HealthCheck, given, settings

from accounts.models import Role
from submissions import services
from tests.base import make_user
from tests.rules.fixtures import build_reference_data, valid_document

from .schema import schema_document

EXAMPLES_PER_OPERATION = 15

CHECKS = [
    schemathesis.checks.not_a_server_error,
    schemathesis.checks.status_code_conformance,
    schemathesis.checks.content_type_conformance,
    schemathesis.checks.response_schema_conformance,
    schemathesis.checks.response_headers_conformance,
]


@pytest.fixture(params=[Role.SCHOOL_AUTHOR, Role.SBB_REVIEWER])
def api_session(request, live_server, transactional_db):
    """A requests session logged in as a school author or an SBB reviewer, with
    a submission of the author's school in the database."""
    reference = build_reference_data()
    author = make_user("fuzz-author", reference.mbo)
    services.create_submission(
        user=author, data=json.dumps(valid_document("regional_programme")).encode()
    )
    if request.param == Role.SCHOOL_AUTHOR:
        user = author
    else:
        from regions.models import Organisation

        sbb, _ = Organisation.objects.get_or_create(
            code="SBB", defaults={"kind": "sbb", "name": "SBB"}
        )
        user = make_user("fuzz-sbb", sbb, Role.SBB_REVIEWER)
    client = Client()
    client.force_login(user)
    session = requests.Session()
    session.cookies.set("sessionid", client.cookies["sessionid"].value)
    token = get_random_string(32)
    session.cookies.set("csrftoken", token)
    session.headers["X-CSRFToken"] = token
    yield session
    session.close()


def test_the_api_keeps_to_its_schema(api_session, live_server):
    """Every operation, with examples generated from the schema: no 5xx, and every
    answer's status code, content type, headers and body as documented."""
    schema = schemathesis.openapi.from_dict(schema_document())
    failures = []
    for result in schema.get_all_operations():
        operation = result.ok()

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            derandomize=True,
            database=None,
        )
        def check(case):
            case.call_and_validate(base_url=live_server.url, session=api_session, checks=CHECKS)

        try:
            check()
        except (Exception, BaseExceptionGroup) as error:  # report every operation's failure
            failures.append(f"{operation.label}: {error}")
    assert not failures, "\n\n".join(failures)
