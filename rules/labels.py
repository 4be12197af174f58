"""Readable names for the fields of an interchange document, so that people
read "Regional section › Contributor 2 › Organisation" instead of
`regional_section.contributors[1].organisation` (docs/interchange.md).

One catalogue for every kind, made of the labels each kind declares with
itself (`KindSpec.field_labels`, `section_labels`, `value_labels`): the draft
editor, the review page, the diff between versions and the rule messages (a
message parameter named `field` is shown as its label) all read it.
"""

import re
from collections.abc import Mapping

from django.utils.translation import gettext_lazy as _

from .kinds import kind_choices, merged, registry_version

# The keys every document has; each kind brings the labels of its own fields
# (`KindSpec.field_labels`, …) and the catalogues below merge them.
COMMON_FIELD_LABELS = {
    "format": _("Format"),
    "kind": _("Kind"),
    "submitted_on": _("Submitted on"),
}
COMMON_SECTION_LABELS: dict = {}


class Catalogue(Mapping):
    """A catalogue of labels: the common ones and those of every registered kind,
    read when asked (a kind registers after this module is imported)."""

    def __init__(self, load):
        self._load = load
        self._built: tuple[int, dict] | None = None

    def _labels(self) -> dict:
        version = registry_version()
        if self._built is None or self._built[0] != version:
            self._built = (version, self._load())
        return self._built[1]

    def __getitem__(self, key):
        return self._labels()[key]

    def __iter__(self):
        return iter(self._labels())

    def __len__(self):
        return len(self._labels())


def _value_labels() -> dict:
    labels = merged("value_labels")
    # A document's `kind` is one of the registered kinds; a partner's `kind` a kind of partner.
    labels["kind"] = {**dict(kind_choices()), **labels.get("kind", {})}
    return labels


# Every key of the kinds' documents; other keys are shown as they are.
FIELD_LABELS = Catalogue(lambda: {**COMMON_FIELD_LABELS, **merged("field_labels")})
# Lists read in the plural as a heading or as a whole (a row is "Elective 2").
SECTION_LABELS = Catalogue(lambda: {**COMMON_SECTION_LABELS, **merged("section_labels")})
# Coded values, by the name of their field, as the editor offers them.
VALUE_LABELS = Catalogue(_value_labels)
# Message parameters that hold a coded value, by the field whose words they take.
PARAM_VALUES = Catalogue(lambda: merged("param_values"))
SEPARATOR = " › "
_STEP = re.compile(r"([^.\[\]]+)((?:\[\d+\])*)")


def section_label(key: str) -> str:
    """The heading of a top-level section of the document."""
    return str(SECTION_LABELS.get(key) or FIELD_LABELS.get(key) or key)


def path_label(path: str, within: str = "") -> str:
    """A document path in words: `regional_section.contributors[1].name` →
    "Regional section › Contributor 2 › Name" (rows count from 1); a list as a
    whole in the plural (`electives` → "Electives"). `within` a section (an
    object at the top level) the section's own name is left out."""
    steps = []
    found = _STEP.findall(path or "")
    if within and len(found) > 1 and found[0] == (within, ""):
        # Under the section's own heading: "Title", not "Regional section › Title".
        found = found[1:]
    for position, (name, indexes) in enumerate(found):
        label = str(FIELD_LABELS.get(name, name))
        if not indexes and position == len(found) - 1 and name in SECTION_LABELS:
            label = str(SECTION_LABELS[name])  # the list as a whole
        numbers = [int(index) + 1 for index in re.findall(r"\d+", indexes)]
        steps.append(" ".join([label, *map(str, numbers)]))
    return SEPARATOR.join(steps) if steps else (path or "")


def param_label(name: str, value):
    """A message parameter in words when it holds a coded value (`track="bb"` →
    "vmbo basis (bb)"); other parameters as they are."""
    field = PARAM_VALUES.get(name)
    if field is None or not isinstance(value, str):
        return value
    return str(VALUE_LABELS[field].get(value, value))


def value_label(path: str, value: str) -> str:
    """A coded value in words (`company_expert` → "company expert"), by its
    field's name; other values as they are."""
    steps = _STEP.findall(path or "")
    labels = VALUE_LABELS.get(steps[-1][0], {}) if steps else {}
    return str(labels.get(value, value))


def choices_label(path: str, choices: str) -> str:
    """The values a coded field allows, as a message lists them ("none, submitted"),
    in words with each code beside it: "not registered (none), submitted to DUO
    (submitted)"; a value without words (or whose words hold the code, "vmbo
    basis (bb)") as it is."""
    shown = []
    for code in (choice.strip() for choice in choices.split(",")):
        if not code:
            continue
        label = value_label(path, code)
        shown.append(label if label == code or f"({code})" in label else f"{label} ({code})")
    return ", ".join(shown)
