"""The rule registry: every validation rule, declared with `@rule(...)`.

A rule is a small function `check(document, context)` that yields findings as
`(path, message)` or `(path, message, severity)` tuples. Messages are built
with `message(gettext_noop("English text with %(name)s"), name=...)` so that
they are translated when shown, in the language active at that moment.
"""

import contextlib
import datetime
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db import models
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class Severity(models.TextChoices):
    ERROR = "error", _("error")
    WARNING = "warning", _("warning")
    PLAUSIBILITY = "plausibility", _("plausibility check")


class Kind(models.TextChoices):
    """The kinds of submission document (interchange `kind`)."""

    REGIONAL_PROGRAMME = "regional_programme", _("regionalised programme")
    CROSS_OVER = "cross_over", _("cross-over qualification")
    CONTINUOUS_PATHWAY = "continuous_pathway", _("continuous vmbo–mbo pathway")
    PRACTICE_PROGRAMME = "practice_programme", _("practice-oriented programme")
    PRACTICE_STATEMENT = "practice_statement", _("practice statement")  # kind: practice_statement


ALL_KINDS = tuple(Kind.values)


@dataclass(frozen=True)
class Message:
    """A message to the author: an English msgid and its parameters."""

    text: str
    params: dict = field(default_factory=dict)

    def render(self) -> str:
        """The message in the active language. A parameter named `field` is a
        document path and is shown as the field's label; a date (YYYY-MM-DD)
        is written out ("1 augustus 2020")."""
        from .legacy import RENAMED

        translated = gettext(RENAMED.get(self.text, self.text))
        return translated % shown_params(self.params) if self.params else translated


_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def shown_params(params: dict) -> dict:
    """Message parameters as a person reads them, in the active language."""
    from .labels import param_label, path_label

    shown = {}
    for key, value in params.items():
        if isinstance(value, dict) and {"title", "crebo", "level"} <= value.keys():
            value = gettext("%(title)s (crebo %(crebo)s, level %(level)s)") % value
        elif key == "field" and isinstance(value, str):
            value = path_label(value) if value else gettext("The document")
        elif isinstance(value, str) and _ISO_DATE.match(value):
            with contextlib.suppress(ValueError):
                value = date_format(datetime.date.fromisoformat(value), "j F Y")
        shown[key] = param_label(key, value)
    return shown


def message(text: str, **params) -> Message:
    """Build a message; `text` is an English msgid marked with gettext_noop."""
    return Message(text, params)


@dataclass(frozen=True)
class Finding:
    """One thing a rule found in a document."""

    rule: str
    severity: str
    path: str
    message: Message
    source: str

    def as_dict(self) -> dict:
        """The interchange form (message and source in words, in the active
        language) plus the msgid, its parameters and the rule's source string,
        so that a stored finding can be shown in another language."""
        from .sources import source_text

        return {
            "rule": self.rule,
            "severity": self.severity,
            "path": self.path,
            "message": self.message.render(),
            "source": source_text(self.source),
            "text": self.message.text,
            "params": self.message.params,
            "source_ref": self.source,
        }


@dataclass(frozen=True)
class Rule:
    """A registered rule."""

    id: str
    severity: str
    kinds: tuple[str, ...]
    source: str
    text: str  # lazy translation: what the rule requires
    check: Callable

    @property
    def kind_labels(self) -> list:
        """Translatable labels of the kinds the rule applies to."""
        return [Kind(kind).label for kind in self.kinds]

    @property
    def family(self) -> str:
        """The ID prefix, e.g. "RR"."""
        return self.id.split("-")[0]

    def run(self, document: dict, context) -> Iterable[Finding]:
        """Run the rule and wrap what it yields into findings."""
        for item in self.check(document, context) or ():
            path, msg, *rest = item
            severity = rest[0] if rest else self.severity
            yield Finding(self.id, str(severity), path, msg, self.source)


REGISTRY: dict[str, Rule] = {}


def _function_name(function: Callable) -> tuple[str, str]:
    return (function.__module__, function.__qualname__)


def rule(rule_id: str, severity: str, *, kinds: Iterable[str], source: str, text=None):
    """Register a rule function under `rule_id` (unique).

    `text` says what the rule requires (a lazy translation, shown on the rules
    page); without it the first line of the function's docstring is used."""

    def decorator(check: Callable) -> Callable:
        # The same function may register again (its module imported anew); another may not.
        existing = REGISTRY.get(rule_id)
        if existing is not None and _function_name(existing.check) != _function_name(check):
            raise ValueError(f"Rule {rule_id} is registered twice")
        unknown = set(kinds) - set(ALL_KINDS)
        if unknown:
            raise ValueError(f"Rule {rule_id}: unknown kinds {sorted(unknown)}")
        REGISTRY[rule_id] = Rule(
            id=rule_id,
            severity=str(severity),
            kinds=tuple(kinds),
            source=source,
            text=text if text is not None else (check.__doc__ or rule_id).strip().splitlines()[0],
            check=check,
        )
        return check

    return decorator


# Rules of one kind first (in the order of docs/rules.md), then the shared ones.
FAMILY_ORDER = ("RR", "CO", "DL", "PP", "PV", "FMT", "ORG", "QS", "REG")  # kind: practice_statement


def _sort_key(rule_id: str):
    family, _, number = rule_id.partition("-")
    position = FAMILY_ORDER.index(family) if family in FAMILY_ORDER else len(FAMILY_ORDER)
    return (position, family, int(number) if number.isdigit() else 0)


def all_rules() -> list[Rule]:
    """Every registered rule, ordered by family and number."""
    return [REGISTRY[key] for key in sorted(REGISTRY, key=_sort_key)]


def rules_for_kind(kind: str) -> list[Rule]:
    """The rules that apply to documents of `kind` (FMT-01 is run by the engine)."""
    return [r for r in all_rules() if kind in r.kinds and r.id != "FMT-01"]
