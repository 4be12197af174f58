"""/api/schema/ is a valid OpenAPI document that tells the truth: every error
answer with its body, fields that can be null, the GeoJSON Feature; and the API
answers every refusal with that one error body."""

import pytest
from django.test import override_settings
from django.urls import reverse
from openapi_spec_validator import validate

from accounts.models import Role
from regions.models import Network, Organisation
from tests.base import PASSWORD, BaseTestCase, make_user

from .schema import schema_document

ERROR = {"$ref": "#/components/schemas/Error"}


def error_schema(operation: dict, code: str) -> dict | None:
    answer = operation["responses"].get(code)
    return answer and answer["content"]["application/json"]["schema"]


def operations(schema: dict):
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            yield path, method.upper(), operation


@pytest.fixture(scope="module")
def schema(django_db_blocker):
    with django_db_blocker.unblock():
        return schema_document()


def test_the_schema_is_valid_openapi(schema):
    validate(schema)  # raises on the first error
    assert schema["openapi"].startswith("3.")


def test_the_served_schema_is_the_one_tested(client, schema, db):
    assert client.get("/api/schema/", {"format": "json"}).json() == schema


def test_every_operation_documents_its_error_answers(schema):
    for path, method, operation in operations(schema):
        where = f"{method} {path}"
        assert error_schema(operation, "400") == ERROR, where
        if "{" in path:
            assert "404" in operation["responses"], where
        if method != "GET":
            assert "403" in operation["responses"], where  # also: no CSRF token
            assert "415" in operation["responses"], where
        assert not any(code.startswith("5") for code in operation["responses"]), where
    error = schema["components"]["schemas"]["Error"]
    assert error["required"] == ["detail"]
    assert error["properties"]["errors"]["additionalProperties"]["items"]["type"] == "string"


def test_workflow_conflicts_and_stale_saves_are_documented_as_409(schema):
    submission = "/api/submissions/{id}/"
    for action in ("submit", "withdraw", "decide"):
        assert error_schema(schema["paths"][f"{submission}{action}/"]["post"], "409") == ERROR
    stale = error_schema(schema["paths"][submission]["patch"], "409")
    assert stale == {"$ref": "#/components/schemas/StaleRevision"}


@pytest.mark.django_db
@override_settings(TWO_FACTOR_REQUIRED=True)
def test_a_session_that_owes_its_second_factor_is_answered_as_documented(client, schema):
    """Logged in with the password only (a national role, no code yet): every
    endpoint, also those anyone may read, refuses with a 403 the schema names."""
    sbb = Organisation.objects.create(kind="sbb", code="SBB", name="SBB")
    make_user("joris", sbb, Role.SBB_REVIEWER)
    client.post(reverse("login"), {"username": "joris", "password": PASSWORD})
    reads = [path for path, method, _op in operations(schema) if method == "GET"]
    assert "/api/regions/" in reads
    for path in reads:
        response = client.get(path.replace("{", "").replace("}", ""))
        assert response.status_code == 403, path
        assert "403" in schema["paths"][path]["get"]["responses"], path
        assert set(response.json()) == {"detail"}, path


def test_fields_that_can_be_null_say_so(schema):
    components = schema["components"]["schemas"]
    assert components["Organisation"]["properties"]["region"]["nullable"] is True
    for field in ("experiment", "region", "submitted_at", "decided_at"):
        assert components["Submission"]["properties"][field]["nullable"] is True, field
    assert components["Event"]["properties"]["actor"]["nullable"] is True


def test_the_geojson_of_a_region_is_documented_as_a_feature(schema):
    answer = schema["paths"]["/api/regions/{code}/geojson/"]["get"]["responses"]["200"]
    assert answer["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/RegionFeature"
    }
    feature = schema["components"]["schemas"]["RegionFeature"]
    assert feature["properties"]["type"]["$ref"].endswith("TypeEnum")
    assert schema["components"]["schemas"]["TypeEnum"]["enum"] == ["Feature"]
    assert feature["properties"]["geometry"]["nullable"] is True
    assert set(feature["required"]) == {"type", "id", "properties", "geometry"}


class ErrorBodyTests(BaseTestCase):
    """What the API really answers is the documented `Error`."""

    def test_fields_not_valid_give_a_sentence_and_messages_per_field(self):
        self.login(self.alice)
        response = self.client.post(
            "/api/networks/", {"name": "", "kind": "nonsense"}, content_type="application/json"
        )
        assert response.status_code == 400
        body = response.json()
        assert set(body) == {"detail", "errors"}
        assert set(body["errors"]) == {"name", "kind", "region"}
        assert all(isinstance(m, str) for ms in body["errors"].values() for m in ms)
        assert body["detail"].startswith("name: ")
        assert "region: " in body["detail"]

    def test_a_refusal_of_the_service_is_a_message_for_the_whole_request(self):
        network = Network.objects.create(
            name="Zorg", kind="sto", region=self.region, status="active"
        )
        self.login(self.charlie)
        url = f"/api/networks/{network.pk}/join/"
        assert self.client.post(url).status_code == 201
        response = self.client.post(url)  # asked already
        assert response.status_code == 400
        body = response.json()
        assert list(body["errors"]) == ["non_field_errors"]
        assert body["detail"] == body["errors"]["non_field_errors"][0]

    def test_json_that_cannot_be_read_is_a_detail(self):
        self.login(self.alice)
        response = self.client.post(
            "/api/submissions/", "{not json", content_type="application/json"
        )
        assert response.status_code == 400
        assert set(response.json()) == {"detail"}

    def test_not_found_not_allowed_and_no_csrf_token_are_a_detail(self):
        self.login(self.alice)
        assert set(self.client.get("/api/networks/999999/").json()) == {"detail"}
        assert set(self.client.get("/api/networks/?page=99").json()) == {"detail"}
        response = self.client.delete("/api/networks/1/")
        assert response.status_code == 405
        assert set(response.json()) == {"detail"}
        from django.test import Client

        strict = Client(enforce_csrf_checks=True)
        strict.force_login(self.alice)
        response = strict.post("/api/networks/", {"name": "x"})
        assert response.status_code == 403
        assert set(response.json()) == {"detail"}

    def test_a_url_under_api_that_matches_nothing_answers_json(self):
        # A dot is not allowed in a router's lookup: no URL matches.
        response = self.client.get("/api/regions/a.b/")
        assert response.status_code == 404
        assert response["Content-Type"] == "application/json"
        assert set(response.json()) == {"detail"}
        # Pages keep their HTML 404.
        response = self.client.get("/regios/bestaat/niet/")
        assert response.status_code == 404
        assert response["Content-Type"].startswith("text/html")

    def test_a_national_role_is_refused_with_a_detail(self):
        sbb = self.make_national_user(Role.SBB_REVIEWER)
        self.login(sbb)
        response = self.client.post(
            "/api/submissions/", {"document": {}}, content_type="application/json"
        )
        assert response.status_code == 403
        assert set(response.json()) == {"detail"}


def test_nested_field_errors_get_dotted_paths():
    from rest_framework.exceptions import ValidationError

    from config.api import exception_handler

    error = ValidationError(
        {"members": [{}, {"code": ["Unknown code."]}], "name": ["Too long.", "Not unique."]}
    )
    body = exception_handler(error, {}).data
    assert body["errors"] == {
        "members.1.code": ["Unknown code."],
        "name": ["Too long.", "Not unique."],
    }
    assert body["detail"] == "members.1.code: Unknown code. name: Too long. name: Not unique."


def test_not_logged_in_is_answered_as_documented(client, schema, db):
    """Without a session: 403 (the first authentication, the session, asks for
    no credentials); were HTTP Basic first, 401, and the schema would say so."""
    response = client.get("/api/submissions/")
    documented = schema["paths"]["/api/submissions/"]["get"]["responses"]
    assert str(response.status_code) in documented
    assert response.status_code in (401, 403)
    assert set(response.json()) == {"detail"}
    assert ("401" in documented) is (response.status_code == 401)
