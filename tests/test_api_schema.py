"""The product's own API schema (drf-spectacular, /api/schema/) is a valid
OpenAPI document (openapi-spec-validator)."""

import json

from django.test import TestCase
from openapi_spec_validator import validate


class ApiSchemaTests(TestCase):
    def test_the_schema_is_valid_openapi(self):
        response = self.client.get("/api/schema/", {"format": "json"})
        assert response.status_code == 200
        schema = json.loads(response.content)
        assert schema["paths"]
        validate(schema)  # raises OpenAPIValidationError on any mistake
