"""OOAPI lists paginated in the database.

A list is made of one or more *sources* (schools; approved programmes and active
routes; keuzedelen; …). For a page, every source gives a query of only its sort
columns (name, type, a tie-breaker); the database unites them, sorts them and
cuts out the page (LIMIT/OFFSET), and only the page's rows are then read in full
and built into OOAPI objects, with a fixed number of queries per source. So a page
costs the same at any data size, and nothing is built for records off the page.

Sorting by the uuid identifiers (`programId`, …), which the database does not hold,
and the filters that look inside the published objects fall back to the whole
catalogue in memory (`ooapi.views.listing`); `page_of` returns None for those.
"""

import operator
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import reduce

from django.db import connection
from django.db.models import CharField, F, Q, QuerySet, Value
from django.db.models.functions import Collate, Lower

from . import params
from .selectors import Catalogue, Record


@dataclass
class Source:
    """One kind of record in a list."""

    key: str
    rows: QuerySet
    # The expression sorted on for `sort=name` (case-insensitive).
    name: object
    # The fields `q` searches (case-insensitive, anywhere in the text).
    search: tuple[str, ...]
    # Records for some of `rows`' primary keys: {pk: Record}, a fixed number of queries.
    build: Callable[[list[int]], dict[int, Record]]
    # The value of the list's type attribute (educationSpecificationType, …).
    kind: str = ""
    extra: dict = field(default_factory=dict)


def _sort_name(expression):
    """Case-insensitive and byte-wise (as Python sorts), the same on every database."""
    lowered = Lower(expression)
    if connection.vendor == "postgresql":
        return Collate(lowered, "C")
    return lowered


def _matching(source: Source, words: str) -> QuerySet:
    rows = source.rows.order_by()
    if words:
        rows = rows.filter(
            reduce(operator.or_, (Q(**{f"{name}__icontains": words}) for name in source.search))
        )
    return rows


def _keys(source: Source, words: str) -> QuerySet:
    rows = _matching(source, words)
    text = CharField()
    return rows.annotate(
        ooapi_source=Value(source.key, output_field=text),
        ooapi_pk=F("pk"),
        ooapi_name=_sort_name(source.name),
        ooapi_type=Value(source.kind, output_field=text),
    ).values_list("ooapi_source", "ooapi_pk", "ooapi_name", "ooapi_type")


SORT_COLUMNS = {"name": "ooapi_name"}


def page_of(
    request,
    sources: list[Source],
    *,
    sorts: tuple[str, ...],
    default_sort: str,
    type_attribute: str = "",
    head: Record | None = None,
) -> dict | None:
    """One page in the Pagination envelope, or None when the request needs the
    in-memory catalogue (a sort on identifiers). `head`: one record that is not a
    database row (the root organization), sorted in by name among the others."""
    size, number = params.page(request)
    order = params.sort(request, sorts, default_sort)
    columns = dict(SORT_COLUMNS)
    if type_attribute:
        columns[type_attribute] = "ooapi_type"
    if any(attribute.lstrip("-") not in columns for attribute in order):
        return None
    if head is not None and order not in (["name"], ["-name"]):
        return None
    request.GET.get("consumer")  # accepted: no consumer-specific data is published
    words = request.GET.get("q", "").strip()
    keys = [_keys(source, words) for source in sources]
    if not keys:
        return {
            "pageSize": size,
            "pageNumber": number,
            "hasPreviousPage": number > 1,
            "hasNextPage": False,
            "totalPages": 0,
            "items": [],
        }
    united = keys[0] if len(keys) == 1 else keys[0].union(*keys[1:], all=True)
    # Counted without the sort columns: those join the related rows the names come from.
    counted = [_matching(source, words).values_list("pk") for source in sources]
    total = (counted[0] if len(counted) == 1 else counted[0].union(*counted[1:], all=True)).count()
    ordering = [
        ("-" if attribute.startswith("-") else "") + columns[attribute.lstrip("-")]
        for attribute in order
    ] + ["ooapi_source", "ooapi_pk"]
    start = (number - 1) * size
    end = start + size
    head_at = None
    if head is not None and (not words or words.casefold() in head.search.casefold()):
        # Where the head record falls in the sorted list: after every row sorting before it.
        head_name = head.name.lower()
        lookup = "ooapi_name__gt" if order[0].startswith("-") else "ooapi_name__lt"
        head_at = sum(query.filter(**{lookup: head_name}).count() for query in keys)
        total += 1
    row_start = start - (1 if head_at is not None and start > head_at else 0)
    row_end = end - (1 if head_at is not None and end > head_at else 0)
    # A page past the last reads nothing: its offset may not even fit the
    # database's integer (pageNumber up to 2**63 is a valid whole number).
    reads_rows = row_end > row_start and row_start < total
    rows = list(united.order_by(*ordering)[row_start:row_end]) if reads_rows else []
    wanted = defaultdict(list)
    for source_key, pk, _name, _kind in rows:
        wanted[source_key].append(pk)
    built = {
        source.key: source.build(wanted[source.key]) for source in sources if wanted[source.key]
    }
    items = [built[source_key][pk] for source_key, pk, _name, _kind in rows]
    if head_at is not None and start <= head_at < end:
        items.insert(head_at - start, head)
    return {
        "pageSize": size,
        "pageNumber": number,
        "hasPreviousPage": number > 1,
        "hasNextPage": end < total,
        "totalPages": params.total_pages(total, size),
        "items": [record.data for record in items],
    }


# --- The sources of each list ------------------------------------------------------------


def school_source(catalogue: Catalogue, rows: QuerySet) -> Source:
    return Source(
        "school",
        rows,
        name=F("name"),
        search=("name", "code", "municipality"),
        build=lambda pks: catalogue.school_records(pks),
    )


def course_source(catalogue: Catalogue, rows: QuerySet) -> Source:
    return Source(
        "keuzedeel",
        rows,
        name=F("title"),
        search=("title", "code"),
        build=lambda pks: catalogue.course_records(pks),
    )


def program_sources(catalogue: Catalogue, submissions: QuerySet, routes: QuerySet) -> list:
    from django.db.models.functions import Concat

    route_name = Concat(
        "target_qualification__title",
        Value(": "),
        "vmbo_school__name",
        Value(" → "),
        "mbo_institution__name",
        output_field=CharField(),
    )
    return [
        Source(
            "submission",
            submissions,
            name=F("title"),
            search=("title", "school__name", "school__code"),
            build=lambda pks: catalogue.submission_program_records(pks),
        ),
        Source(
            "route",
            routes,
            name=route_name,
            search=(
                "target_qualification__title",
                "target_qualification__crebo",
                "vmbo_school__name",
                "vmbo_school__code",
                "mbo_institution__name",
                "mbo_institution__code",
                "region__name",
            ),
            build=lambda pks: catalogue.route_program_records(pks),
        ),
    ]


def specification_sources(catalogue: Catalogue) -> list[Source]:
    """Dossiers (cluster), qualifications and mbo-certificates (program), keuzedelen
    (course)."""

    def source(key, rows, name, search, kind):
        return Source(
            key,
            rows,
            name=F(name),
            search=search,
            build=lambda pks: catalogue.specification_records(key, pks),
            kind=kind,
        )

    return [
        source(
            "dossier", catalogue.dossier_rows(), "title", ("title", "crebo", "number"), "cluster"
        ),
        source(
            "qualification",
            catalogue.qualification_rows(),
            "title",
            ("title", "crebo", "file__title"),
            "program",
        ),
        source("keuzedeel", catalogue.keuzedeel_rows(), "title", ("title", "code"), "course"),
        source(
            "certificate", catalogue.certificate_rows(), "title", ("title", "sbb_id"), "program"
        ),
    ]
