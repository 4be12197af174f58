"""One error body for the whole API, and a schema that documents it.

Every refusal is a JSON object with a plain `detail` sentence. A 400 for
fields that are not valid also has `errors`: the messages per field, with
dotted paths for nested fields (`members.0.code`) and `non_field_errors` for
the request as a whole. `AutoSchema` adds these answers to every operation
of /api/schema/ for the status codes the operation can really give.
"""

from django.http import JsonResponse
from django.views import defaults
from drf_spectacular import openapi
from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.views import exception_handler as drf_exception_handler

WHOLE_REQUEST = "non_field_errors"
UNSAFE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


class ErrorSerializer(serializers.Serializer):
    """The body of every 4xx answer."""

    detail = serializers.CharField(help_text="What is wrong, in a plain sentence.")
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        required=False,
        help_text=(
            "Only on 400 for fields that are not valid: the messages per field "
            "(dotted paths for nested fields, `non_field_errors` for the whole request)."
        ),
    )


ERROR_DESCRIPTIONS = {
    400: "The request is not valid: a field, a query parameter or the body (see `errors`).",
    401: "Not logged in.",
    403: (
        "Not logged in, no CSRF token, or this user may not do this; or the session has"
        " not yet given its second factor (two-factor authentication), on any endpoint."
    ),
    404: "No such object, or not visible to this user; or a page number past the last page.",
    415: "The body is not JSON or form data.",
    429: "Too many requests: wait and try again.",
}


def _flatten(data, prefix: str = "") -> dict[str, list[str]]:
    """DRF's nested validation errors as {dotted path: [messages]}."""
    flat: dict[str, list[str]] = {}
    if isinstance(data, dict):
        for key, value in data.items():
            flat.update(_flatten(value, f"{prefix}.{key}" if prefix else str(key)))
    elif isinstance(data, list) and any(isinstance(item, dict | list) for item in data):
        for index, item in enumerate(data):
            flat.update(_flatten(item, f"{prefix}.{index}" if prefix else str(index)))
    else:
        messages = data if isinstance(data, list) else [data]
        flat.setdefault(prefix or WHOLE_REQUEST, []).extend(str(message) for message in messages)
    return flat


def _summary(errors: dict[str, list[str]]) -> str:
    return " ".join(
        message if field == WHOLE_REQUEST else f"{field}: {message}"
        for field, messages in errors.items()
        for message in messages
    )


def exception_handler(exc, context):
    """DRF's answer, with its body made the one error shape described above."""
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    data = response.data
    if isinstance(data, dict) and isinstance(data.get("detail"), str):
        return response  # already {"detail": "…"} (404, 403, 405, 429, …)
    if isinstance(exc, ValidationError):
        errors = _flatten(data)
        response.data = {"detail": _summary(errors), "errors": errors}
    else:
        response.data = {"detail": _summary(_flatten(data))}
    return response


def page_not_found(request, exception):
    """Django's 404 (no URL matched, e.g. `/api/regions/a.b/`): the API's error
    body under /api/, the normal page elsewhere."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": str(NotFound.default_detail)}, status=404)
    return defaults.page_not_found(request, exception)


class AutoSchema(openapi.AutoSchema):
    """drf-spectacular's schema plus the error answers each operation can give."""

    def _error_codes(self) -> list[int]:
        view, method = self.view, self.method.upper()
        open_to_all = all(isinstance(p, AllowAny) for p in view.get_permissions())
        codes = [400]
        if not open_to_all:
            authenticators = view.get_authenticators()
            if authenticators and authenticators[0].authenticate_header(view.request):
                codes.append(401)
        # Every operation: a session that still owes its second factor gets 403 from
        # accounts.middleware.TwoFactorMiddleware, even where anyone may read; unsafe
        # methods also without a CSRF token.
        codes.append(403)
        paginated = self._is_list_view() and self._get_paginator() is not None
        if "{" in self.path or paginated:
            codes.append(404)
        if method in UNSAFE_METHODS - {"DELETE"}:
            codes.append(415)
        if view.get_throttles():
            codes.append(429)
        return codes

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if direction != "response":
            return responses
        for code in self._error_codes():
            if str(code) not in responses:
                responses[str(code)] = self._error_response(code, ERROR_DESCRIPTIONS[code])
        for code, answer in responses.items():
            # A refusal a view declared with its own description only.
            if code.startswith("4") and not answer.get("content"):
                responses[code] = self._error_response(code, answer.get("description", ""))
        return responses

    def _error_response(self, code, description: str) -> dict:
        answer = OpenApiResponse(ErrorSerializer, description=description)
        return self._get_response_for_code(answer, str(code))
