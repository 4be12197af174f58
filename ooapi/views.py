"""The OOAPI v5 endpoints under /ooapi/v5/: public, read-only JSON.

Every answer carries an ETag (a hash of the body) and, when the database knows
it, Last-Modified; a conditional request that matches gets 304. Every error is
a Problem (application/problem+json).
"""

import datetime
import hashlib
import json
import logging
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.db.models import Q
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from core.pagecache import cached_page
from regions.models import Organisation

from . import ids, pages, params
from .params import Problem
from .selectors import SECTOR, TEACHING_LANGUAGE, Catalogue, Record, last_modified

logger = logging.getLogger(__name__)

PROGRAM_SORT = ("programId", "name")
COURSE_SORT = ("courseId", "name")
OFFERING_SORT = ("offeringId", "name", "startDate", "endDate")


def problem_response(problem: Problem) -> HttpResponse:
    body = {"status": str(problem.status), "title": str(problem.title)}
    if problem.detail:
        body["detail"] = str(problem.detail)
    response = HttpResponse(
        json.dumps(body, ensure_ascii=False),
        status=problem.status,
        content_type="application/problem+json",
    )
    if problem.status == 405:
        response["Allow"] = "GET, HEAD"
    return response


def endpoint(view: Callable) -> Callable:
    """GET/HEAD only; the view returns the body (a dict) or raises a Problem."""

    @csrf_exempt
    @wraps(view)
    def wrapper(request, **kwargs):
        if request.method not in ("GET", "HEAD"):
            return problem_response(
                Problem(
                    405,
                    _("Method not allowed"),
                    _("This API is read-only: only GET is possible."),
                )
            )
        catalogue = Catalogue(request.build_absolute_uri)
        try:
            body = view(request, catalogue, **kwargs)
        except Problem as problem:
            return problem_response(problem)
        except Exception:
            # Still a Problem, as the specification asks; the traceback goes to the log.
            logger.exception("OOAPI %s failed", request.path)
            return problem_response(
                Problem(500, _("Internal server error"), _("Something went wrong on our side."))
            )
        content = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()
        response = HttpResponse(content, content_type="application/json")
        etag = f'"{hashlib.sha256(content).hexdigest()[:40]}"'
        modified = last_modified()
        stamp = int(modified.timestamp()) if modified else None
        response["ETag"] = etag
        if stamp is not None:
            response["Last-Modified"] = http_date(stamp)
        response["Cache-Control"] = "public, no-cache"
        return get_conditional_response(request, etag=etag, last_modified=stamp, response=response)

    # The same answer for everyone: kept whole until what it was built from changes.
    return cached_page(wrapper)


@csrf_exempt
def unknown(request, rest: str = ""):
    """Anything under /ooapi/v5/ that this service does not publish."""
    return problem_response(
        params.not_found(_("This service does not publish “/%(path)s”.") % {"path": rest})
    )


# --- Helpers -------------------------------------------------------------------------


def _sort_key(attribute: str) -> Callable[[Record], object]:
    if attribute == "name":
        return lambda record: (record.name.casefold(), record.code)
    if attribute.lower() == "primarycode":
        return lambda record: record.code
    if attribute.endswith("Id"):
        return lambda record: record.id
    if attribute == "startDate":
        return lambda record: record.start or datetime.date.min
    if attribute == "endDate":
        return lambda record: record.end or datetime.date.min
    return lambda record: str(record.attrs.get(attribute, ""))


def _matches(record: Record, words: str) -> bool:
    return words.casefold() in record.search.casefold()


def listing(
    request,
    records: list[Record],
    *,
    sorts: tuple[str, ...],
    default_sort: str,
    filters: list[Callable[[Record], bool]] = (),
) -> dict:
    """One page of `records` in the Pagination envelope, after q, the filters and sort."""
    size, number = params.page(request)
    order = params.sort(request, sorts, default_sort)
    request.GET.get("consumer")  # accepted: no consumer-specific data is published
    words = request.GET.get("q", "").strip()
    selected = [
        record
        for record in records
        if (not words or _matches(record, words)) and all(check(record) for check in filters)
    ]
    for attribute in reversed(order):
        selected.sort(key=_sort_key(attribute.lstrip("-")), reverse=attribute.startswith("-"))
    start = (number - 1) * size
    items = selected[start : start + size]
    return {
        "pageSize": size,
        "pageNumber": number,
        "hasPreviousPage": number > 1,
        "hasNextPage": start + size < len(selected),
        "totalPages": params.total_pages(len(selected), size),
        "items": [record.data for record in items],
    }


def _get(collection: dict[str, Record], value: str, name: str) -> Record:
    record_id = ids.parse(value)
    if record_id is None:
        raise params.bad_request(_("%(name)s must be a UUID.") % {"name": name})
    if record_id not in collection:
        raise params.not_found(
            _("There is no published record with this %(name)s.") % {"name": name}
        )
    return collection[record_id]


def _field_is(field: str, value) -> Callable[[Record], bool]:
    return lambda record: record.attrs.get(field) == value


def _program_filters(request) -> list[Callable[[Record], bool]]:
    checks = []
    for name in ("programType", "qualificationAwarded", "levelOfQualification", "sector"):
        value = params.choice(request, name)
        if value is not None:
            checks.append(_field_is(name, value))
    language = params.teaching_language(request)
    if language:
        checks.append(_field_is("teachingLanguage", language))
    fields_of_study = request.GET.get("fieldsOfStudy")
    if fields_of_study:
        checks.append(_field_is("fieldsOfStudy", fields_of_study))
    return checks


def _course_filters(request) -> list[Callable[[Record], bool]]:
    checks = []
    level = params.choice(request, "level")
    if level:
        checks.append(_field_is("level", level))
    mode = params.choice(request, "modeOfDelivery")
    if mode:
        checks.append(lambda record: mode in record.attrs.get("modeOfDelivery", ()))
    language = params.teaching_language(request)
    if language:
        checks.append(_field_is("teachingLanguage", language))
    return checks


def _offering_filters(request, *, with_type: bool = False) -> list[Callable[[Record], bool]]:
    """since (default today: offerings not yet over), until, resultExpected, …"""
    checks = []
    since = params.date(request, "since", timezone.localdate())
    checks.append(lambda record: record.end is None or record.end >= since)
    until = params.date(request, "until")
    if until:
        checks.append(lambda record: record.end is not None and record.end <= until)
    expected = params.boolean(request, "resultExpected")
    if expected is not None:
        checks.append(_field_is("resultExpected", expected))
    language = params.teaching_language(request)
    if language:
        checks.append(_field_is("teachingLanguage", language))
    mode = params.choice(request, "modeOfStudy")
    if mode:
        checks.append(_field_is("modeOfStudy", mode))
    if with_type:
        kind = params.choice(request, "offeringType")
        if kind:
            checks.append(_field_is("offeringType", kind))
    return checks


def _primary_code(request) -> list[Callable[[Record], bool]]:
    code = request.GET.get("primaryCode")
    return [lambda record: record.code == code] if code else []


def _expanded(data: dict, wanted: set[str], relations: dict[str, dict]) -> dict:
    """A copy of an object with the `wanted` relations as full objects."""
    data = dict(data)
    for name in wanted:
        collection = relations.get(name)
        if collection is None or name not in data:
            continue
        value = data[name]
        if isinstance(value, list):
            data[name] = [collection[item].data for item in value if item in collection]
        elif value in collection:
            data[name] = collection[value].data
    return data


def _timeline(request, data: dict) -> dict:
    """returnTimelineOverrides=true: this service keeps no future or past versions."""
    if params.boolean(request, "returnTimelineOverrides"):
        data = {**data, "timelineOverrides": []}
    return data


# --- Service -------------------------------------------------------------------------


@endpoint
def service(request, catalogue):
    return {
        "contactEmail": settings.OOAPI_CONTACT_EMAIL,
        "specification": settings.OOAPI_SPECIFICATION_URL,
        "documentation": settings.OOAPI_DOCUMENTATION_URL,
    }


# --- Organizations ---------------------------------------------------------------------


def _nothing(rows):
    return rows.none()


@endpoint
def organization_list(request, catalogue):
    filters = _primary_code(request)
    kind = params.choice(request, "organizationType")
    if kind:
        filters.append(_field_is("organizationType", kind))
    # In the database: the schools; the root organization is sorted in by name.
    schools = catalogue.school_rows()
    head = catalogue.root_record()
    code = request.GET.get("primaryCode")
    if code:
        schools = schools.filter(code=code)
        head = head if code == head.code else None
    if kind:
        kinds = {
            "institute": [Organisation.Kind.VET_INSTITUTION],
            "school": [Organisation.Kind.PREVOCATIONAL_SCHOOL],
        }
        schools = schools.filter(kind__in=kinds.get(kind, []))
        head = head if kind == "root" else None
    page = pages.page_of(
        request,
        [pages.school_source(catalogue, schools)],
        sorts=("organizationId", "name"),
        default_sort="name",
        head=head,
    )
    if page is not None:
        return page
    return listing(
        request,
        list(catalogue.organizations.values()),
        sorts=("organizationId", "name"),
        default_sort="name",
        filters=filters,
    )


@endpoint
def organization_detail(request, catalogue, organization_id):
    record = _get(catalogue.organizations, organization_id, "organizationId")
    wanted = params.expand(request, ("parent", "children"))
    relations = {"parent": catalogue.organizations, "children": catalogue.organizations}
    return _expanded(record.data, wanted, relations)


def _program_page(request, catalogue, submissions, routes) -> dict | None:
    """The programs (approved submissions and active routes) paginated in the
    database, or None when a filter needs the published objects themselves."""
    if request.GET.get("levelOfQualification") or request.GET.get("primaryCode"):
        return None
    kind = params.choice(request, "programType")
    if kind != "program" and kind is not None:
        submissions = submissions.none()
    if kind != "track" and kind is not None:
        routes = routes.none()
    # What every published programme has (or none has): the rest is all or nothing.
    unmatched = (
        params.choice(request, "qualificationAwarded")
        or request.GET.get("fieldsOfStudy")
        or params.choice(request, "sector") not in (None, SECTOR)
        or params.teaching_language(request) not in (None, TEACHING_LANGUAGE)
    )
    if unmatched:
        submissions, routes = submissions.none(), routes.none()
    return pages.page_of(
        request,
        pages.program_sources(catalogue, submissions, routes),
        sorts=PROGRAM_SORT,
        default_sort="name",
    )


def _get_program(catalogue, value: str) -> Record:
    """The program `value` names, found without building the whole catalogue."""
    record_id = ids.parse(value)
    if record_id is None:
        raise params.bad_request(_("%(name)s must be a UUID.") % {"name": "programId"})
    record = catalogue.program(record_id)
    if record is None:
        raise params.not_found(
            _("There is no published record with this %(name)s.") % {"name": "programId"}
        )
    return record


def _get_specification(catalogue, value: str) -> Record:
    """The education specification `value` names, found without building the others."""
    record_id = ids.parse(value)
    if record_id is None:
        raise params.bad_request(
            _("%(name)s must be a UUID.") % {"name": "educationSpecificationId"}
        )
    record = catalogue.specification(record_id)
    if record is None:
        raise params.not_found(
            _("There is no published record with this %(name)s.")
            % {"name": "educationSpecificationId"}
        )
    return record


def _get_organization(catalogue, value: str) -> Record:
    """The organization `value` names, found without building the whole catalogue."""
    record_id = ids.parse(value)
    if record_id is None:
        raise params.bad_request(_("%(name)s must be a UUID.") % {"name": "organizationId"})
    record = catalogue.organization(record_id)
    if record is None:
        raise params.not_found(
            _("There is no published record with this %(name)s.") % {"name": "organizationId"}
        )
    return record


@endpoint
def organization_programs(request, catalogue, organization_id):
    record = _get_organization(catalogue, organization_id)
    if record.sub == "root":
        submissions, routes = catalogue.submission_rows(), catalogue.route_rows()
    else:
        submissions = catalogue.submission_rows().filter(school__code=record.code)
        routes = catalogue.route_rows().filter(
            Q(vmbo_school__code=record.code) | Q(mbo_institution__code=record.code)
        )
    page = _program_page(request, catalogue, submissions, routes)
    if page is not None:
        return page
    return listing(
        request,
        catalogue.programs_of(record),
        sorts=PROGRAM_SORT,
        default_sort="name",
        filters=_program_filters(request),
    )


@endpoint
def organization_courses(request, catalogue, organization_id):
    record = _get_organization(catalogue, organization_id)
    return listing(
        request,
        catalogue.courses_of(record),
        sorts=COURSE_SORT,
        default_sort="name",
        filters=_course_filters(request),
    )


@endpoint
def organization_specifications(request, catalogue, organization_id):
    record = _get_organization(catalogue, organization_id)
    filters = []
    kind = params.choice(request, "educationSpecificationType")
    if kind:
        filters.append(_field_is("educationSpecificationType", kind))
    return listing(
        request,
        catalogue.specifications_of(record),
        # "primarycode" in lower case, as the specification spells it for this endpoint.
        sorts=("educationSpecificationType", "name", "primarycode"),
        default_sort="name",
        filters=filters,
    )


@endpoint
def organization_offerings(request, catalogue, organization_id):
    record = _get_organization(catalogue, organization_id)
    return listing(
        request,
        catalogue.offerings_of(record),
        sorts=OFFERING_SORT,
        default_sort="startDate",
        filters=_offering_filters(request, with_type=True),
    )


# --- Education specifications ----------------------------------------------------------


@endpoint
def specification_list(request, catalogue):
    filters = _primary_code(request)
    kind = params.choice(request, "educationSpecificationType")
    if kind:
        filters.append(_field_is("educationSpecificationType", kind))
    if not request.GET.get("primaryCode"):
        sources = [
            source
            for source in pages.specification_sources(catalogue)
            if kind is None or source.kind == kind
        ]
        page = pages.page_of(
            request,
            sources,
            sorts=("educationSpecificationType", "name", "primaryCode"),
            default_sort="name",
            type_attribute="educationSpecificationType",
        )
        if page is not None:
            return page
    return listing(
        request,
        list(catalogue.specifications.values()),
        sorts=("educationSpecificationType", "name", "primaryCode"),
        default_sort="name",
        filters=filters,
    )


@endpoint
def specification_detail(request, catalogue, specification_id):
    record = _get(catalogue.specifications, specification_id, "educationSpecificationId")
    wanted = params.expand(request, ("parent", "children", "organization"))
    relations = {
        "parent": catalogue.specifications,
        "children": catalogue.specifications,
        "organization": catalogue.organizations,
    }
    return _timeline(request, _expanded(record.data, wanted, relations))


@endpoint
def specification_children(request, catalogue, specification_id):
    record = _get_specification(catalogue, specification_id)
    return listing(
        request,
        catalogue.children_of(record),
        sorts=("educationSpecificationId", "name", "educationSpecificationType"),
        default_sort="educationSpecificationId",
    )


@endpoint
def specification_programs(request, catalogue, specification_id):
    record = _get_specification(catalogue, specification_id)
    filters = _program_filters(request)
    crebo = request.GET.get("croho-creboCode")
    if crebo:
        filters.append(lambda program: crebo in program.attrs.get("crebos", ()))
    programs = catalogue.programs_of_specification(record)
    return listing(request, programs, sorts=PROGRAM_SORT, default_sort="name", filters=filters)


@endpoint
def specification_courses(request, catalogue, specification_id):
    record = _get_specification(catalogue, specification_id)
    return listing(
        request,
        catalogue.courses_of_specification(record),
        sorts=COURSE_SORT,
        default_sort="courseId",
        filters=_course_filters(request),
    )


# --- Programs ------------------------------------------------------------------------------


@endpoint
def program_list(request, catalogue):
    page = _program_page(request, catalogue, catalogue.submission_rows(), catalogue.route_rows())
    if page is not None:
        return page
    return listing(
        request,
        list(catalogue.programs.values()),
        sorts=PROGRAM_SORT,
        default_sort="name",
        filters=_primary_code(request) + _program_filters(request),
    )


@endpoint
def program_detail(request, catalogue, program_id):
    record = _get_program(catalogue, program_id)
    wanted = params.expand(
        request, ("parent", "children", "coordinators", "organization", "educationSpecification")
    )
    # The catalogues of the related records only when they are to be expanded.
    relations = {}
    if "organization" in wanted:
        relations["organization"] = catalogue.organizations
    if "educationSpecification" in wanted:
        relations["educationSpecification"] = catalogue.specifications
    return _timeline(request, _expanded(record.data, wanted, relations))


@endpoint
def program_offerings(request, catalogue, program_id):
    record = _get_program(catalogue, program_id)
    return listing(
        request,
        catalogue.offerings_of_program(record),
        sorts=OFFERING_SORT,
        default_sort="startDate",
        filters=_offering_filters(request),
    )


# --- Courses and offerings ---------------------------------------------------------------


@endpoint
def course_list(request, catalogue):
    rows = catalogue.course_rows()
    code = request.GET.get("primaryCode")
    if code:
        rows = rows.filter(code=code)
    level = params.choice(request, "level")
    if level:
        number = level.removeprefix(SECTOR).strip()
        if number in ("1", "2", "3", "4"):
            rows = rows.filter(level=int(number))
        elif level == SECTOR:
            rows = rows.exclude(level__in=(1, 2, 3, 4))
        else:
            rows = rows.none()
    if params.choice(request, "modeOfDelivery") or params.teaching_language(request) not in (
        None,
        TEACHING_LANGUAGE,
    ):
        rows = rows.none()
    page = pages.page_of(
        request, [pages.course_source(catalogue, rows)], sorts=COURSE_SORT, default_sort="name"
    )
    if page is not None:
        return page
    return listing(
        request,
        list(catalogue.courses.values()),
        sorts=COURSE_SORT,
        default_sort="name",
        filters=_primary_code(request) + _course_filters(request),
    )


@endpoint
def course_detail(request, catalogue, course_id):
    record = _get(catalogue.courses, course_id, "courseId")
    wanted = params.expand(
        request, ("programs", "coordinators", "organization", "educationSpecification")
    )
    relations = {
        "organization": catalogue.organizations,
        "educationSpecification": catalogue.specifications,
        "programs": catalogue.programs,
    }
    data = dict(record.data)
    # The approved programmes that name this keuzedeel.
    programs = [p.id for p in catalogue.programs.values() if record.code in p.electives]
    if programs:
        data["programs"] = programs
    return _timeline(request, _expanded(data, wanted, relations))


@endpoint
def offering_detail(request, catalogue, offering_id):
    record = _get(catalogue.offerings, offering_id, "offeringId")
    wanted = params.expand(
        request,
        (
            "program",
            "programOffering",
            "course",
            "courseOffering",
            "component",
            "organization",
            "academicSession",
        ),
    )
    relations = {"program": catalogue.programs, "organization": catalogue.organizations}
    return _expanded(record.data, wanted, relations)
