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

from .kinds import ALL_KINDS, EveryKind, Kind, kind_spec, kinds


class Severity(models.TextChoices):
    ERROR = "error", _("error")
    WARNING = "warning", _("warning")
    PLAUSIBILITY = "plausibility", _("plausibility check")


# The kinds are registered by the apps that own them (`rules.kinds`); `Kind`
# names them (`Kind.SCHOOL_TRIP`) and `ALL_KINDS` stands for every one of them.
__all__ = [
    "ALL_KINDS",
    "REGISTRY",
    "Finding",
    "Kind",
    "Message",
    "Rule",
    "Severity",
    "all_rules",
    "load_rules",
    "message",
    "rule",
    "rules_for_kind",
]


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
    from .labels import choices_label, param_label, path_label

    shown = {}
    for key, value in params.items():
        if isinstance(value, dict) and {"title", "crebo", "level"} <= value.keys():
            value = gettext("%(title)s (crebo %(crebo)s, level %(level)s)") % value
        elif (key == "field" or key.endswith("_field")) and isinstance(value, str):
            # A document path (`field`, or another field it is compared with,
            # e.g. `start_field`): the field's label.
            value = path_label(value) if value else gettext("The document")
        elif key == "choices" and isinstance(value, str):
            # The values a coded field allows: in words, with the code to write.
            value = choices_label(params.get("field", ""), value)
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
    kinds: tuple[str, ...] | EveryKind
    source: str
    text: str  # lazy translation: what the rule requires
    check: Callable

    @property
    def kind_labels(self) -> list:
        """Translatable labels of the kinds the rule applies to."""
        return [kind_spec(kind).label for kind in self.kinds if kind_spec(kind) is not None]

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


class RuleRegistry(dict):
    """Every rule by ID. Reading it first loads the rule modules (`load_rules`)."""

    def __getitem__(self, key):
        load_rules()
        return super().__getitem__(key)

    def __iter__(self):
        load_rules()
        return super().__iter__()

    def __len__(self):
        load_rules()
        return super().__len__()

    def __contains__(self, key):
        load_rules()
        return super().__contains__(key)

    def get(self, key, default=None):
        load_rules()
        return super().get(key, default)

    def keys(self):
        load_rules()
        return super().keys()

    def values(self):
        load_rules()
        return super().values()

    def items(self):
        load_rules()
        return super().items()


REGISTRY: dict[str, Rule] = RuleRegistry()
_loading = _loaded = False


def load_rules() -> None:
    """Import every module that registers rules, once all apps are ready (so
    that every kind is registered): `<app>.rules` of each installed app, and the
    rule engine's own modules named `*_rules` (FMT, and the rules on references
    to reference data). No list of modules: an app's rules live in its `rules.py`."""
    global _loading, _loaded
    if _loaded or _loading:
        return
    from django.apps import apps

    if not apps.ready:
        raise RuntimeError("The rules are loaded once every app is ready.")
    import importlib
    import pkgutil

    from django.utils.module_loading import autodiscover_modules

    import rules

    _loading = True
    try:
        for module in pkgutil.iter_modules(rules.__path__):
            if module.name.endswith("_rules"):
                importlib.import_module(f"rules.{module.name}")
        autodiscover_modules("rules")
    finally:
        _loading = False
    _loaded = True
    for registered in dict.values(REGISTRY):
        _check_kinds(registered.id, registered.kinds)


def _check_kinds(rule_id: str, kinds) -> None:
    if isinstance(kinds, EveryKind):
        return
    unknown = {kind for kind in kinds if kind_spec(kind) is None}
    if unknown:
        raise ValueError(f"Rule {rule_id}: unknown kinds {sorted(unknown)}")


def forget_rules_of(kind: str) -> None:
    """Remove the rules that apply to `kind` alone (when a test kind is unregistered)."""
    for rule_id, registered in list(dict.items(REGISTRY)):
        if not isinstance(registered.kinds, EveryKind) and set(registered.kinds) <= {kind}:
            dict.pop(REGISTRY, rule_id)


def _function_name(function: Callable) -> tuple[str, str]:
    return (function.__module__, function.__qualname__)


def rule(rule_id: str, severity: str, *, kinds: Iterable[str], source: str, text=None):
    """Register a rule function under `rule_id` (unique).

    `text` says what the rule requires (a lazy translation, shown on the rules
    page); without it the first line of the function's docstring is used."""

    def decorator(check: Callable) -> Callable:
        # The same function may register again (its module imported anew); another may not.
        existing = dict.get(REGISTRY, rule_id)
        if existing is not None and _function_name(existing.check) != _function_name(check):
            raise ValueError(f"Rule {rule_id} is registered twice")
        applies_to = kinds if isinstance(kinds, EveryKind) else tuple(kinds)
        if _loaded:
            # While loading, another app's kinds may not be registered yet: checked after.
            _check_kinds(rule_id, applies_to)
        dict.__setitem__(
            REGISTRY,
            rule_id,
            Rule(
                id=rule_id,
                severity=str(severity),
                kinds=applies_to,
                source=source,
                text=text
                if text is not None
                else (check.__doc__ or rule_id).strip().splitlines()[0],
                check=check,
            ),
        )
        return check

    return decorator


# The families of the rules shared by the kinds, after those of each kind.
SHARED_FAMILIES = ("FMT", "ORG", "QS", "REG")


def family_order() -> tuple[str, ...]:
    """Rules of one kind first (each kind's `rule_family`, in the order of the
    kinds: RR, CO, DL, PP as in docs/rules.md), then the shared ones."""
    return (*(spec.rule_family for spec in kinds() if spec.rule_family), *SHARED_FAMILIES)


def _sort_key(rule_id: str, order: tuple[str, ...]):
    family, _, number = rule_id.partition("-")
    position = order.index(family) if family in order else len(order)
    return (position, family, int(number) if number.isdigit() else 0)


def all_rules() -> list[Rule]:
    """Every registered rule, ordered by family and number."""
    order = family_order()
    return [REGISTRY[key] for key in sorted(REGISTRY, key=lambda key: _sort_key(key, order))]


def rules_for_kind(kind: str) -> list[Rule]:
    """The rules that apply to documents of `kind` (FMT-01 is run by the engine)."""
    return [r for r in all_rules() if kind in r.kinds and r.id != "FMT-01"]
