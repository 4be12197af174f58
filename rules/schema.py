"""The document shape per kind, written by hand after docs/interchange.md:
the field types here, each kind's fields in the app that owns it (`KindSpec.schema`).

`check_shape(document)` returns FMT-01 findings as `(path, Message)` pairs: a
missing field, a field of the wrong type or an unknown value. Fields that the
interchange format does not define are ignored. Whether a present value is
*right* (a known crebo, a date in range) is for the other rules.
"""

import datetime
import re

from django.utils.translation import gettext_noop

from .kinds import kind_spec, kind_values
from .registry import Message, message

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


COMMON = {"format": Constant(FORMAT), "kind": Text()}


def schema_of(kind) -> Object | None:
    """The whole document's shape for a registered kind: format and kind, then
    the fields the kind declares (`KindSpec.schema`)."""
    spec = kind_spec(kind)
    return Object({**COMMON, **spec.schema}) if spec is not None else None


def check_shape(document) -> list[tuple[str, Message]]:
    """FMT-01 problems of a parsed document: not an object, unknown kind, or
    a field that is missing or of the wrong type (the message names it)."""
    if not isinstance(document, dict):
        return [("", message(gettext_noop("The document must be a JSON object.")))]
    kind = document.get("kind")
    if kind is None:
        return [("kind", message(gettext_noop("%(field)s is missing."), field="kind"))]
    schema = schema_of(kind)
    if schema is None:
        return [
            (
                "kind",
                message(
                    gettext_noop("%(field)s must be one of: %(choices)s."),
                    field="kind",
                    choices=", ".join(kind_values()),
                ),
            )
        ]
    return schema.check(document, "")


def in_document_order(document):
    """The document with its keys in the order the interchange format writes them.

    PostgreSQL stores JSON (jsonb) with its keys in an order of its own; pages
    that show a document field by field (the review page, the diff between
    versions) put them back in the format's order. Keys the format does not
    define follow, in the order they were stored.
    """
    kind = document.get("kind") if isinstance(document, dict) else None
    return _ordered(document, schema_of(kind))


def _ordered(value, spec):
    if isinstance(spec, Object) and isinstance(value, dict):
        keys = [key for key in spec.fields if key in value]
        keys += [key for key in value if key not in spec.fields]
        return {key: _ordered(value[key], spec.fields.get(key)) for key in keys}
    if isinstance(spec, List) and isinstance(value, list):
        return [_ordered(item, spec.item) for item in value]
    return value
