"""One way to move a record through its states.

Each record with a life cycle (a submission, a pathway route, a network and a
network membership, a school's participation in an experiment) declares its
transitions once, as data, in a `StateMachine` next to its model:

    ROUTE_STATES = StateMachine(
        Transition("submit", (Status.DRAFT,), Status.AWAITING_CONFIRMATION,
                   refusal=_("…")),
        …
    )

The services ask the machine before they change a state (`check`, `allows`,
`target`) and refuse with the one exception, `TransitionRefused`, that carries a
readable, translatable reason. Who may take a step (a role, an organisation) is
checked by the service that takes it; it refuses with the same exception
(`reason="role"`). Views report a refusal in one way: `report_refusal` (a page)
or `refusal_response` (the API).
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


class TransitionRefused(ValidationError):
    """A step that may not be taken: the record's state does not allow it, the
    user may not take it, or what was given is wrong.

    `message` is the sentence for the user; `reason` says why: "state" (not in
    the record's current state), "role" (this user may never take it) or
    "input" (what was given is wrong). A `ValidationError`, so that a form or a
    page that shows validation errors shows a refusal the same way.
    """

    STATE = "state"
    ROLE = "role"
    INPUT = "input"

    def __init__(self, message, reason: str = STATE):
        super().__init__(str(message))
        self.reason = reason

    def __str__(self):
        return self.message


# The HTTP status of a refusal in the API, by its reason.
REFUSAL_STATUS = {
    TransitionRefused.INPUT: 400,
    TransitionRefused.ROLE: 403,
    TransitionRefused.STATE: 409,
}


@dataclass(frozen=True)
class Transition:
    """One step: its action name, the states it may start from and the state it
    leads to (`None`: the state stays; a tuple: one of these, decided by the step).

    `refusal` is the sentence when the state does not allow the step; it may name
    the current state as `%(state)s` (or `%(status)s`).
    """

    action: str
    sources: tuple
    target: object = None
    refusal: object = _("This step is not possible in the current state.")

    @property
    def targets(self) -> tuple:
        if self.target is None:
            return ()
        return tuple(self.target) if isinstance(self.target, tuple) else (self.target,)


class StateMachine:
    """The states of one kind of record (a `TextChoices` class) and the allowed
    transitions between them."""

    def __init__(self, states, *transitions: Transition):
        self.states = states
        self.transitions = {transition.action: transition for transition in transitions}
        for transition in transitions:
            unknown = set(transition.sources) | set(transition.targets)
            unknown -= set(states.values)
            if unknown:
                raise ValueError(f"{transition.action}: unknown states {sorted(unknown)}")

    def __getitem__(self, action: str) -> Transition:
        return self.transitions[action]

    def __iter__(self):
        """The action names, in declared order."""
        return iter(self.transitions)

    def allows(self, state: str, action: str) -> bool:
        """Whether `action` may start from `state`."""
        return state in self.transitions[action].sources

    def actions(self, state: str) -> list[str]:
        """The actions that may start from `state`, in declared order."""
        return [t.action for t in self.transitions.values() if state in t.sources]

    def sources(self, action: str) -> tuple:
        """The states `action` may start from."""
        return self.transitions[action].sources

    def target(self, action: str, to: str | None = None) -> str | None:
        """The state `action` leads to (`to` for a step with several possible
        targets, which must be one of them); None when the state stays."""
        targets = self.transitions[action].targets
        if to is None:
            if len(targets) > 1:
                raise ValueError(f"{action} leads to one of {targets}: say which")
            return targets[0] if targets else None
        if to not in targets:
            raise ValueError(f"{action} does not lead to {to}")
        return to

    def refusal(self, state: str, action: str, refusal=None) -> str:
        """The sentence that refuses `action` in `state`: `refusal` when given, else
        the transition's, with the state's label for `%(state)s`."""
        message = refusal if refusal is not None else self.transitions[action].refusal
        label = self.states(state).label if state in self.states.values else state
        return str(message) % {"state": label, "status": label}

    def check(self, state: str, action: str, refusal=None, exception=None) -> None:
        """Refuse unless `action` may start from `state`: raise `exception` (default
        `TransitionRefused`, reason "state") with `refusal(state, action, refusal)`."""
        if not self.allows(state, action):
            raise (exception or TransitionRefused)(self.refusal(state, action, refusal))

    def describe(self) -> Iterable[tuple[str, list[str], list[str]]]:
        """(action, from states, to states) for each transition: for documentation."""
        for transition in self.transitions.values():
            yield transition.action, list(transition.sources), list(transition.targets)


def report_refusal(request, refused: TransitionRefused, form=None) -> None:
    """The one way a page reports a refused step: as an error on `form` when the
    page comes back with it, else as an error message above the page it redirects to."""
    if form is not None:
        form.add_error(None, refused.message)
        return
    from django.contrib import messages

    messages.error(request, refused.message)


def refusal_response(refused: TransitionRefused):
    """The API's answer to a refused step: `{"detail": …}` with 400 (input),
    403 (role) or 409 (state)."""
    from rest_framework.response import Response

    return Response({"detail": refused.message}, status=REFUSAL_STATUS[refused.reason])
