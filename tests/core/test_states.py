"""core.states: the one mechanism the four life cycles declare their steps with,
the one refusal, and each record's table of transitions."""

import pytest
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.exceptions import ValidationError
from django.db import models
from django.test import RequestFactory, SimpleTestCase
from django.utils import translation

from core.states import (
    StateMachine,
    Transition,
    TransitionRefused,
    refusal_response,
    report_refusal,
)
from experiments.models import PARTICIPATION_TRANSITIONS, Participation
from experiments.services import DecisionRefused
from pathways.models import ROUTE_TRANSITIONS, Route
from pathways.services import TransitionNotAllowed
from regions.models import MEMBERSHIP_TRANSITIONS, NETWORK_TRANSITIONS, Network
from submissions.drafting.services import DraftRefused
from submissions.models import SUBMISSION_TRANSITIONS, Submission


class Light(models.TextChoices):
    RED = "red", "red"
    GREEN = "green", "green"


LIGHT = StateMachine(
    Light,
    Transition("go", (Light.RED,), Light.GREEN, refusal="A light that is %(state)s cannot go."),
    Transition("look", (Light.RED, Light.GREEN)),
    Transition("switch", (Light.RED, Light.GREEN), (Light.RED, Light.GREEN)),
)


class StateMachineTests(SimpleTestCase):
    def test_a_step_is_allowed_only_from_its_sources(self):
        assert LIGHT.allows("red", "go") and not LIGHT.allows("green", "go")
        assert LIGHT.actions("green") == ["look", "switch"]
        assert list(LIGHT) == ["go", "look", "switch"]

    def test_the_target_is_the_declared_one(self):
        assert LIGHT.target("go") == Light.GREEN
        assert LIGHT.target("look") is None
        assert LIGHT.target("switch", "red") == Light.RED
        with pytest.raises(ValueError):
            LIGHT.target("switch")  # two possible targets: the step says which
        with pytest.raises(ValueError):
            LIGHT.target("go", "red")

    def test_a_refusal_names_the_state_and_says_why(self):
        with pytest.raises(TransitionRefused) as refused:
            LIGHT.check("green", "go")
        assert (refused.value.message, refused.value.reason) == (
            "A light that is green cannot go.",
            "state",
        )
        assert str(refused.value) == "A light that is green cannot go."
        # A ValidationError, so that forms and pages show it as one.
        assert isinstance(refused.value, ValidationError)
        assert refused.value.messages == ["A light that is green cannot go."]
        LIGHT.check("red", "go")  # allowed: nothing raised

    def test_a_refusal_can_be_raised_as_a_subclass(self):
        with pytest.raises(DraftRefused):
            LIGHT.check("green", "go", exception=DraftRefused)

    def test_a_table_with_an_unknown_state_is_refused_when_declared(self):
        with pytest.raises(ValueError):
            StateMachine(Light, Transition("fly", ("blue",), Light.RED))

    def test_every_refusal_of_the_four_life_cycles_is_the_one_exception(self):
        for refusal in (DraftRefused, TransitionNotAllowed, DecisionRefused):
            assert issubclass(refusal, TransitionRefused)

    def test_each_life_cycle_declares_its_states(self):
        for machine, model in (
            (SUBMISSION_TRANSITIONS, Submission.State),
            (ROUTE_TRANSITIONS, Route.Status),
            (NETWORK_TRANSITIONS, Network.Status),
            (PARTICIPATION_TRANSITIONS, Participation.Status),
        ):
            assert machine.states is model
        assert SUBMISSION_TRANSITIONS.actions("draft") == ["edit", "submit"]
        assert ROUTE_TRANSITIONS.target("confirm") == Route.Status.VALIDATED
        assert MEMBERSHIP_TRANSITIONS.allows("declined", "request")

    def test_the_refusal_is_translated(self):
        with translation.override("nl"), pytest.raises(TransitionRefused) as refused:
            SUBMISSION_TRANSITIONS.check("approved", "withdraw")
        assert refused.value.message == (
            "Een indiening met status goedgekeurd kan niet worden ingetrokken."
        )


class ReportingTests(SimpleTestCase):
    def test_a_page_reports_a_refusal_as_a_message_or_on_its_form(self):
        from django import forms

        request = RequestFactory().post("/")
        request.session = {}
        request._messages = FallbackStorage(request)
        report_refusal(request, TransitionRefused("Not now."))
        assert [str(m) for m in request._messages] == ["Not now."]
        form = forms.Form(data={})
        form.is_valid()
        report_refusal(request, TransitionRefused("Not now."), form)
        assert form.non_field_errors() == ["Not now."]

    def test_the_api_answers_a_refusal_by_its_reason(self):
        for reason, status in (("input", 400), ("role", 403), ("state", 409)):
            response = refusal_response(TransitionRefused("Not now.", reason))
            assert (response.status_code, response.data) == (status, {"detail": "Not now."})
