"""The input boundary: what the application refuses from outside, in one place.

Every way in uses these checks, so a hostile value gets the same plain refusal
whether it arrives in an upload, an API body, a command-line file, a form or a
query string, and is never stored:

- text with a NUL or another control character (tab, line feed and carriage
  return are allowed), or with a lone surrogate (``"\\ud800"`` in JSON: not a
  character, and it breaks encoding to UTF-8 and PostgreSQL);
- numbers that are not finite (``1e999`` reads as infinity) or that are out of
  range (beyond a 32-bit integer, what the database columns hold);
- dates before MIN_YEAR or after MAX_YEAR (``9999-12-31``);
- JSON nested deeper than MAX_DEPTH.

`loads()` is the one JSON reader for documents (`rules.engine.parse_bytes`,
the API's `JSONParser`, `import_pathways`); `check_value()` checks an already
parsed value (a draft built from a form); `config.middleware.InputBoundaryMiddleware`
checks every query parameter (`check_query_value`) and every field of a
form post (`check_form_data`), pages and API alike; `FormParser` and
`MultiPartParser` do the same for the API's other form bodies; `DateField`
bounds the dates of forms.
"""

import datetime
import json
import math
import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from rest_framework.exceptions import ParseError
from rest_framework.parsers import FormParser as BaseFormParser
from rest_framework.parsers import JSONParser as BaseJSONParser
from rest_framework.parsers import MultiPartParser as BaseMultiPartParser

MAX_DEPTH = 32
MAX_INTEGER = 2**31 - 1
# Hours of a keuzedeel, section or programme typed in a form: a whole mbo
# programme of four years is about 6,400 hours.
MAX_HOURS = 10_000
# Longest name of an uploaded file (Django cuts names to 255 characters itself).
MAX_FILE_NAME_LENGTH = 200
MIN_YEAR = 1900
MAX_YEAR = 2200
# Query parameters are search words, codes and filters: none is this long, and
# none is a whole number beyond what a 64-bit database column holds (a search
# for a long number of a few more digits than 32 bits is still a search).
MAX_QUERY_VALUE_LENGTH = 1000
MAX_QUERY_INTEGER = 2**63 - 1

# C0 controls except tab, line feed and carriage return; DEL; C1 controls.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# After JSON decoding a valid pair is one code point, so any surrogate left is lone.
SURROGATES = re.compile(r"[\ud800-\udfff]")
ISO_DATE = re.compile(r"^(\d{4})-\d{2}-\d{2}(?:$|T)")
WHOLE_NUMBER = re.compile(r"^\s*[+-]?\d+\s*$")


class Refused(ValueError):
    """Hostile input. `text` is the untranslated message, `params` its values;
    `render()` gives the sentence in the active language."""

    def __init__(self, text: str, **params):
        super().__init__(text % params)
        self.text = text
        self.params = params

    def render(self) -> str:
        return gettext(self.text) % self.params


def check_text(value: str, field: str) -> None:
    """Refuse text with a control character or a lone surrogate."""
    if CONTROL_CHARACTERS.search(value):
        raise Refused(
            gettext_noop(
                "The field %(field)s contains an invisible control character (such as NUL), "
                "which is not allowed. Remove it and try again."
            ),
            field=field,
        )
    if SURROGATES.search(value):
        raise Refused(
            gettext_noop(
                "The field %(field)s contains a broken character (a lone surrogate), which "
                "is not valid text. Remove it and try again."
            ),
            field=field,
        )


def _check_date_text(value: str, field: str) -> None:
    match = ISO_DATE.match(value)
    if match:
        _check_year_number(int(match.group(1)), field)


def check_number(value, field: str) -> None:
    """Refuse a number that is not finite or lies beyond a 32-bit integer."""
    if isinstance(value, bool):
        return
    if isinstance(value, float) and not math.isfinite(value):
        raise Refused(
            gettext_noop(
                "The field %(field)s holds a number too large to be read (such as 1e999)."
            ),
            field=field,
        )
    if isinstance(value, int | float) and abs(value) > MAX_INTEGER:
        raise Refused(
            gettext_noop(
                "The number in the field %(field)s must lie between -%(max)s and %(max)s."
            ),
            field=field,
            max=MAX_INTEGER,
        )


def check_value(value, field: str = "") -> None:
    """Check a parsed JSON value and everything in it (keys too), without
    recursion. `field` names the value in messages ("document" when empty)."""
    stack = [(value, field, 1)]
    while stack:
        item, path, depth = stack.pop()
        label = path or "document"
        if depth > MAX_DEPTH:
            raise Refused(
                gettext_noop("The JSON is nested too deeply (more than %(depth)s levels)."),
                depth=MAX_DEPTH,
            )
        if isinstance(item, str):
            check_text(item, label)
            _check_date_text(item, label)
        elif isinstance(item, int | float):
            check_number(item, label)
        elif isinstance(item, dict):
            for key, child in item.items():
                key_text = str(key)
                check_text(key_text, f"{path}.{key_text[:50]}" if path else key_text[:50])
                child_path = f"{path}.{key_text}" if path else key_text
                stack.append((child, child_path[:200], depth + 1))
        elif isinstance(item, list):
            stack.extend(
                (child, f"{path}[{index}]"[:200], depth + 1) for index, child in enumerate(item)
            )


def _refuse_constant(name: str):
    raise Refused(gettext_noop("The JSON contains %(name)s, which JSON does not allow."), name=name)


def loads(text: str):
    """Parse JSON text and check it with `check_value`.

    Raises `Refused` for hostile content (also NaN, Infinity and nesting too deep
    for the parser) and `json.JSONDecodeError` for text that is not JSON."""
    try:
        value = json.loads(text, parse_constant=_refuse_constant)
    except RecursionError:
        raise Refused(
            gettext_noop("The JSON is nested too deeply (more than %(depth)s levels)."),
            depth=MAX_DEPTH,
        ) from None
    except json.JSONDecodeError:
        raise
    except ValueError as error:
        if isinstance(error, Refused):
            raise
        # e.g. an integer with more digits than Python reads
        raise Refused(
            gettext_noop("The file is not valid JSON: %(error)s."), error=str(error)[:200]
        ) from error
    check_value(value)
    return value


class JSONParser(BaseJSONParser):
    """The API's JSON parser: `loads()` with its refusals as 400 answers."""

    def parse(self, stream, media_type=None, parser_context=None):
        encoding = (parser_context or {}).get("encoding", "utf-8")
        try:
            # DRF hands over request.body, which Django bounds by DATA_UPLOAD_MAX_MEMORY_SIZE.
            data = stream.read() if stream is not None else b""
            return loads(data.decode(encoding))
        except Refused as refused:
            raise ParseError(refused.render()) from None
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise ParseError(
                gettext("The request body is not valid JSON: %(error)s.") % {"error": error}
            ) from None


class JSONField(serializers.JSONField):
    """A serializer's JSON value: a form field's text is read with `loads()` (DRF's
    own field reads it with json.loads, which fails on deep nesting), and a value
    from a JSON body, already read by `JSONParser`, is checked again."""

    def to_internal_value(self, data):
        try:
            if getattr(data, "is_json_string", False):  # the text of a form field
                try:
                    return loads(str(data))
                except json.JSONDecodeError:
                    self.fail("invalid")
            check_value(data)
        except Refused as refused:
            raise serializers.ValidationError(refused.render()) from None
        return super().to_internal_value(data)


def check_query_value(name: str, value: str) -> None:
    """Refuse a query parameter that no search, filter or page number needs."""
    check_text(name[:50], name[:50])
    check_text(value, name[:50])
    if len(value) > MAX_QUERY_VALUE_LENGTH:
        raise Refused(
            gettext_noop("The field %(field)s is too long (at most %(max)s characters)."),
            field=name[:50],
            max=MAX_QUERY_VALUE_LENGTH,
        )
    if WHOLE_NUMBER.match(value) and abs(int(value)) > MAX_QUERY_INTEGER:
        raise Refused(
            gettext_noop(
                "The number in the field %(field)s must lie between -%(max)s and %(max)s."
            ),
            field=name[:50],
            max=MAX_QUERY_INTEGER,
        )


def check_form_data(data) -> None:
    """Refuse a form post (a QueryDict) that holds a control character such as
    NUL in a field's name or value.

    Tab, line feed and carriage return stay allowed (text areas hold them).
    A NUL in a search field or a chosen code fails the query on PostgreSQL;
    another control character would be stored and end up in exports. (Django
    already drops unprintable characters from the names of uploaded files.)"""
    for name, values in data.lists():
        label = name[:50]
        check_text(label, label)
        for value in values:
            if isinstance(value, str):
                check_text(value, label)


def check_row(cells, columns) -> None:
    """Refuse a CSV row with a control character or a lone surrogate in a cell;
    `columns` names the cells in the message (the file's header)."""
    for index, cell in enumerate(cells):
        check_text(cell, str(columns[index]) if index < len(columns) else f"#{index + 1}")


def check_year(value: datetime.date, field: str) -> None:
    """Refuse a date before MIN_YEAR or after MAX_YEAR (as `DateField` does in forms)."""
    _check_year_number(value.year, field)


def _check_year_number(year: int, field: str) -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise Refused(
            gettext_noop(
                "The date in the field %(field)s must lie between the years %(min)s and %(max)s."
            ),
            field=field,
            min=MIN_YEAR,
            max=MAX_YEAR,
        )


def _check_parsed_form(parsed):
    try:
        check_form_data(getattr(parsed, "data", parsed))  # MultiPartParser: DataAndFiles
    except Refused as refused:
        raise ParseError(refused.render()) from None
    return parsed


class FormParser(BaseFormParser):
    """The API's form parser, with the checks of `check_form_data` as 400 answers."""

    def parse(self, stream, media_type=None, parser_context=None):
        return _check_parsed_form(super().parse(stream, media_type, parser_context))


class MultiPartParser(BaseMultiPartParser):
    """The API's multipart parser, with the checks of `check_form_data` as 400 answers."""

    def parse(self, stream, media_type=None, parser_context=None):
        return _check_parsed_form(super().parse(stream, media_type, parser_context))


def validate_file_name(uploaded) -> None:
    """A form validator: refuse an upload whose file name is too long or holds
    a control character, with a sentence that says what to do."""
    name = uploaded.name or ""
    if len(name) > MAX_FILE_NAME_LENGTH:
        raise ValidationError(
            _(
                "The file name is longer than %(max)s characters. Give the file a shorter "
                "name and choose it again."
            ),
            code="file_name_too_long",
            params={"max": MAX_FILE_NAME_LENGTH},
        )
    try:
        check_text(name, "name")
    except Refused:
        raise ValidationError(
            _("The file name contains an invisible control character. Rename the file."),
            code="file_name_control_character",
        ) from None


def validate_year(value: datetime.date) -> None:
    if value and not MIN_YEAR <= value.year <= MAX_YEAR:
        raise ValidationError(
            _("Give a date between the years %(min)s and %(max)s."),
            code="date_out_of_range",
            params={"min": MIN_YEAR, "max": MAX_YEAR},
        )


class DateField(forms.DateField):
    """A form date between MIN_YEAR and MAX_YEAR."""

    default_validators = [validate_year]
