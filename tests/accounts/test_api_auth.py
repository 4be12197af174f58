"""The API: session authentication only (no HTTP Basic), and throttled."""

import base64

import pytest
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle

from tests.base import PASSWORD, BaseTestCase

URL = "/api/submissions/"


def basic(username: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{username}:{password}".encode()).decode()


class ApiAuthenticationTests(BaseTestCase):
    def test_http_basic_with_the_right_password_is_not_a_login(self):
        response = self.client.get(URL, HTTP_AUTHORIZATION=basic("alice", PASSWORD))

        self.assertIn(response.status_code, (401, 403))
        self.assertNotIn("Basic", response.headers.get("WWW-Authenticate", ""))

    def test_http_basic_cannot_create_a_submission_without_csrf(self):
        response = self.client.post(
            URL, {}, content_type="application/json", HTTP_AUTHORIZATION=basic("alice", PASSWORD)
        )

        self.assertIn(response.status_code, (401, 403))

    def test_a_session_still_works(self):
        self.login(self.alice)

        self.assertEqual(self.client.get(URL).status_code, 200)


@pytest.fixture
def low_rates(monkeypatch):
    """A rate of 3 a minute (the class reads its rates once, at import)."""
    rates = {"anon": "3/minute", "user": "3/minute"}
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", rates)
    monkeypatch.setattr(UserRateThrottle, "THROTTLE_RATES", rates)


@pytest.mark.django_db
@pytest.mark.usefixtures("low_rates")
def test_anonymous_api_requests_are_throttled(client):
    answers = [client.get("/api/regions/").status_code for _ in range(4)]

    assert answers == [200, 200, 200, 429]


@pytest.mark.django_db
@pytest.mark.usefixtures("low_rates")
def test_a_users_api_requests_are_throttled(client, django_user_model):
    from regions.models import Organisation
    from tests.base import make_user

    school = Organisation.objects.create(kind="mbo", code="25PZ", name="ROC")
    client.force_login(make_user("alice", school))

    answers = [client.get(URL).status_code for _ in range(4)]

    assert answers == [200, 200, 200, 429]
