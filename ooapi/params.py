"""The OOAPI v5 query parameters: reading them, and a Problem (400) for a bad one.

The enumerations are those of the specification (`ooapi-v5.json`); a test
compares them with the file so they cannot drift apart.
"""

import datetime
import math

from django.utils.translation import gettext as _

PAGE_SIZES = (10, 20, 50, 100, 250)
DEFAULT_PAGE_SIZE = 10

ENUMS = {
    "organizationType": (
        "root",
        "institute",
        "department",
        "faculty",
        "branch",
        "academy",
        "school",
    ),
    "educationSpecificationType": ("program", "privateProgram", "cluster", "course"),
    "programType": ("program", "minor", "honours", "specialization", "track"),
    "qualificationAwarded": ("AD", "BA", "BSc", "LLB", "MA", "MSc", "LLM", "Phd", "None"),
    "levelOfQualification": ("1", "2", "3", "4", "4+", "5", "6", "7", "8"),
    "sector": (
        "secondary vocational education",
        "higher professional education",
        "university education",
    ),
    "level": (
        "secondary vocational education",
        "secondary vocational education 1",
        "secondary vocational education 2",
        "secondary vocational education 3",
        "secondary vocational education 4",
        "associate degree",
        "bachelor",
        "master",
        "doctoral",
        "undefined",
        "undivided",
        "nt2-1",
        "nt2-2",
    ),
    "modeOfDelivery": ("distance-learning", "on campus", "online", "hybrid", "situated"),
    "modeOfStudy": ("full-time", "part-time", "dual training", "self-paced"),
    "offeringType": ("program", "course", "component"),
}


class Problem(Exception):
    """An error answered as an OOAPI Problem (application/problem+json)."""

    def __init__(self, status: int, title: str, detail: str = ""):
        super().__init__(detail or title)
        self.status = status
        self.title = title
        self.detail = detail


def bad_request(detail: str) -> Problem:
    return Problem(400, _("Bad request"), detail)


def not_found(detail: str = "") -> Problem:
    return Problem(404, _("Resource not found"), detail)


def _integer(request, name: str, default: int) -> int:
    raw = request.GET.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise bad_request(
            _("%(name)s must be a whole number, not “%(value)s”.") % {"name": name, "value": raw}
        ) from None


def page(request) -> tuple[int, int]:
    """(pageSize, pageNumber) from the query, checked against the specification."""
    size = _integer(request, "pageSize", DEFAULT_PAGE_SIZE)
    if size not in PAGE_SIZES:
        raise bad_request(
            _("pageSize must be one of %(sizes)s.")
            % {"sizes": ", ".join(str(n) for n in PAGE_SIZES)}
        )
    number = _integer(request, "pageNumber", 1)
    if number < 1:
        raise bad_request(_("pageNumber starts at 1."))
    return size, number


def _list(request, name: str) -> list[str]:
    raw = request.GET.get(name, "")
    return [item.strip() for item in raw.split(",") if item.strip()]


def sort(request, allowed: tuple[str, ...], default: str) -> list[str]:
    """The sort attributes (ascending, or descending with a leading minus)."""
    values = _list(request, "sort") or [default]
    for value in values:
        if value.lstrip("-") not in allowed:
            raise bad_request(
                _(
                    "sort “%(value)s” is not possible here; use %(allowed)s (a leading minus "
                    "sorts descending)."
                )
                % {"value": value, "allowed": ", ".join(allowed)}
            )
    return values


def expand(request, allowed: tuple[str, ...]) -> set[str]:
    values = _list(request, "expand")
    for value in values:
        if value not in allowed:
            raise bad_request(
                _("expand “%(value)s” is not possible here; use %(allowed)s.")
                % {"value": value, "allowed": ", ".join(allowed)}
            )
    return set(values)


def choice(request, name: str) -> str | None:
    """A filter whose values the specification enumerates (ENUMS[name])."""
    value = request.GET.get(name)
    if value is None or value == "":
        return None
    if value not in ENUMS[name]:
        raise bad_request(
            _("%(name)s “%(value)s” is not a value of the specification; use %(allowed)s.")
            % {"name": name, "value": value, "allowed": ", ".join(ENUMS[name])}
        )
    return value


def boolean(request, name: str) -> bool | None:
    value = request.GET.get(name)
    if value is None or value == "":
        return None
    if value.lower() in ("true", "1"):
        return True
    if value.lower() in ("false", "0"):
        return False
    raise bad_request(_("%(name)s must be true or false.") % {"name": name})


def date(request, name: str, default: datetime.date | None = None) -> datetime.date | None:
    value = request.GET.get(name)
    if value is None or value == "":
        return default
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise bad_request(
            _("%(name)s must be a date written as YYYY-MM-DD.") % {"name": name}
        ) from None


def teaching_language(request) -> str | None:
    value = request.GET.get("teachingLanguage")
    if value is None or value == "":
        return None
    if len(value) != 3 or not value.isascii() or not value.islower() or not value.isalpha():
        raise bad_request(_("teachingLanguage is a three-letter ISO 639-2 code, such as nld."))
    return value


def total_pages(count: int, size: int) -> int:
    return math.ceil(count / size)
