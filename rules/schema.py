"""The document shape per kind, written by hand after docs/interchange.md.

`check_shape(document)` returns FMT-01 findings as `(path, Message)` pairs: a
missing field, a field of the wrong type or an unknown value. Fields that the
interchange format does not define are ignored. Whether a present value is
*right* (a known crebo, a date in range) is for the other rules.
"""

import datetime
import re

from django.utils.translation import gettext_noop

from .registry import Kind, Message, message

FORMAT = "vet-submission/1"
DATE_PATTERN = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class Field:
    """A value of one type; `required=False` allows it to be absent or null."""

    def __init__(self, required: bool = True):
        self.required = required

    def check(self, value, path: str) -> list[tuple[str, Message]]:
        raise NotImplementedError


class Text(Field):
    def __init__(self, required: bool = True, choices: tuple[str, ...] = ()):
        super().__init__(required)
        self.choices = choices

    def check(self, value, path):
        if not isinstance(value, str):
            return [(path, message(gettext_noop("%(field)s must be text."), field=path))]
        if self.choices and value not in self.choices:
            return [
                (
                    path,
                    message(
                        gettext_noop("%(field)s must be one of: %(choices)s."),
                        field=path,
                        choices=", ".join(self.choices),
                    ),
                )
            ]
        return []


class Constant(Field):
    def __init__(self, value: str):
        super().__init__(True)
        self.value = value

    def check(self, value, path):
        if value != self.value:
            return [
                (
                    path,
                    message(
                        gettext_noop('%(field)s must be "%(value)s".'),
                        field=path,
                        value=self.value,
                    ),
                )
            ]
        return []


class Integer(Field):
    def check(self, value, path):
        if isinstance(value, bool) or not isinstance(value, int):
            return [
                (
                    path,
                    message(gettext_noop("%(field)s must be a whole number."), field=path),
                )
            ]
        return []


class Number(Field):
    def check(self, value, path):
        if isinstance(value, bool) or not isinstance(value, int | float):
            return [(path, message(gettext_noop("%(field)s must be a number."), field=path))]
        return []


class Boolean(Field):
    def check(self, value, path):
        if not isinstance(value, bool):
            return [
                (
                    path,
                    message(
                        gettext_noop("%(field)s must be yes or no (true or false)."), field=path
                    ),
                )
            ]
        return []


class Date(Field):
    def check(self, value, path):
        if isinstance(value, str) and DATE_PATTERN.match(value):
            try:
                datetime.date.fromisoformat(value)
                return []
            except ValueError:
                pass
        return [
            (
                path,
                message(
                    gettext_noop("%(field)s must be a date written as YYYY-MM-DD."),
                    field=path,
                ),
            )
        ]


class Object(Field):
    def __init__(self, fields: dict[str, Field], required: bool = True):
        super().__init__(required)
        self.fields = fields

    def check(self, value, path):
        if not isinstance(value, dict):
            return [
                (
                    path,
                    message(
                        gettext_noop("%(field)s must be a group of fields (a JSON object)."),
                        field=path,
                    ),
                )
            ]
        problems = []
        for name, spec in self.fields.items():
            child_path = f"{path}.{name}" if path else name
            if value.get(name) is None:
                if spec.required:
                    problems.append(
                        (
                            child_path,
                            message(gettext_noop("%(field)s is missing."), field=child_path),
                        )
                    )
                continue
            problems.extend(spec.check(value[name], child_path))
        return problems


class List(Field):
    def __init__(self, item: Field, required: bool = True):
        super().__init__(required)
        self.item = item

    def check(self, value, path):
        if not isinstance(value, list):
            return [(path, message(gettext_noop("%(field)s must be a list."), field=path))]
        problems = []
        for index, item in enumerate(value):
            item_path = f"{path}[{index}]"
            if item is None:
                problems.append(
                    (
                        item_path,
                        message(gettext_noop("%(field)s is missing."), field=item_path),
                    )
                )
                continue
            problems.extend(self.item.check(item, item_path))
        return problems


LEARNING_OUTCOME = Object({"code": Text(), "text": Text()})

COMMON = {"format": Constant(FORMAT), "kind": Text()}

SCHEMAS: dict[str, Object] = {
    Kind.REGIONAL_PROGRAMME: Object(
        {
            **COMMON,
            "school": Text(),
            "experiment": Text(),
            "title": Text(),
            "region": Text(),
            "start_date": Date(),
            "submitted_on": Date(required=False),
            "national_section": Object({"qualification": Text()}),
            "regional_section": Object(
                {
                    "title": Text(),
                    "hours": Integer(required=False),
                    "learning_outcomes": List(LEARNING_OUTCOME),
                    "contributors": List(
                        Object(
                            {
                                "name": Text(),
                                "role": Text(choices=("teacher", "company_expert")),
                                "organisation": Text(required=False),
                            }
                        )
                    ),
                }
            ),
            "electives": List(
                Object(
                    {
                        "type": Text(choices=("national", "regional")),
                        "code": Text(required=False),
                        "title": Text(required=False),
                        "hours": Integer(required=False),
                        "learning_outcomes": List(LEARNING_OUTCOME, required=False),
                    }
                )
            ),
        }
    ),
    Kind.CROSS_OVER: Object(
        {
            **COMMON,
            "school": Text(),
            "experiment": Text(),
            "title": Text(),
            "level": Integer(),
            "region": Text(),
            "submitted_on": Date(required=False),
            "start_date": Date(),
            "end_date": Date(),
            "labour_market_need": Text(),
            "parts": List(Object({"qualification": Text(), "core_task": Text()})),
            "inspectorate_review_needed": Boolean(),
        }
    ),
    Kind.CONTINUOUS_PATHWAY: Object(
        {
            **COMMON,
            "basis": Text(choices=("law", "experiment")),
            "vmbo_school": Text(),
            "mbo_institution": Text(),
            "region": Text(),
            "route_type": Text(choices=("continuous", "integrated")),
            "vmbo_track": Text(choices=("bb", "kb", "gl", "tl")),
            "target_qualification": Text(),
            "location": Text(choices=("vmbo", "mbo")),
            "start_date": Date(),
            "submitted_on": Date(required=False),
            "exam_responsible": Text(choices=("mbo", "vmbo")),
            "agreement": Object(
                {
                    "signed_on": Date(required=False),
                    "switch_arrangement": Text(required=False),
                    "financial_arrangements": Text(required=False),
                    "fallback_destinations": List(Text(), required=False),
                },
                required=False,
            ),
            "combined_pta_oer": Boolean(required=False),
            "duo_registration": Object(
                {
                    "status": Text(choices=("none", "submitted", "registered")),
                    "date": Date(required=False),
                },
                required=False,
            ),
        }
    ),
    Kind.PRACTICE_PROGRAMME: Object(
        {
            **COMMON,
            "school": Text(),
            "theme": Text(),
            "hours": Integer(),
            "budget_eur": Number(),
            "submitted_on": Date(required=False),
            "period": Object({"start": Date(), "end": Date()}),
            "partners": List(
                Object(
                    {
                        "kind": Text(choices=("mbo", "company", "havo")),
                        "organisation": Text(required=False),
                        "name": Text(required=False),
                    }
                )
            ),
            "activity_plan": Text(),
        }
    ),
}


def check_shape(document) -> list[tuple[str, Message]]:
    """FMT-01 problems of a parsed document: not an object, unknown kind, or
    a field that is missing or of the wrong type (the message names it)."""
    if not isinstance(document, dict):
        return [("", message(gettext_noop("The document must be a JSON object.")))]
    kind = document.get("kind")
    if kind is None:
        return [("kind", message(gettext_noop("%(field)s is missing."), field="kind"))]
    if not isinstance(kind, str) or kind not in SCHEMAS:
        return [
            (
                "kind",
                message(
                    gettext_noop("%(field)s must be one of: %(choices)s."),
                    field="kind",
                    choices=", ".join(SCHEMAS),
                ),
            )
        ]
    return SCHEMAS[kind].check(document, "")


def in_document_order(document):
    """The document with its keys in the order the interchange format writes them.

    PostgreSQL stores JSON (jsonb) with its keys in an order of its own; pages
    that show a document field by field (the review page, the diff between
    versions) put them back in the format's order. Keys the format does not
    define follow, in the order they were stored.
    """
    kind = document.get("kind") if isinstance(document, dict) else None
    return _ordered(document, SCHEMAS.get(kind))


def _ordered(value, spec):
    if isinstance(spec, Object) and isinstance(value, dict):
        keys = [key for key in spec.fields if key in value]
        keys += [key for key in value if key not in spec.fields]
        return {key: _ordered(value[key], spec.fields.get(key)) for key in keys}
    if isinstance(spec, List) and isinstance(value, list):
        return [_ordered(item, spec.item) for item in value]
    return value
