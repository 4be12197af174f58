"""What a rule may read besides the document: dates and reference data.

One `RuleContext` is made per validation; it caches every lookup so that rules
can ask freely without repeating queries. A validation given the rows the process
keeps (the background check: `kept_reference`) also keeps the reference data it
read for the next validations in the same process: a worker checking document
after document reads a school or a qualification once, not once per document.
"""

import dataclasses
import datetime
import threading
import time
from collections.abc import Callable

from django.utils import timezone

from qualifications.models import (
    CoreTask,
    ElectiveModule,
    Qualification,
    QualificationFile,
    WorkProcess,
)
from regions.models import Organisation, Region

from .kinds import lookup, stamp_columns

# --- Reference data kept per process ---------------------------------------------

# How long a process keeps what it read at most, whatever the versions say: bounds
# a change that no table version and no stamp tells (raw SQL in a database shell).
REFERENCE_TTL = 60
# Rows kept at most (the reference rows documents name, on a national scale).
REFERENCE_MAX_ROWS = 20_000


@dataclasses.dataclass
class _KeptReference:
    key: tuple
    since: float
    stamp: str = ""
    rows: dict = dataclasses.field(default_factory=dict)


_kept = _KeptReference(key=(), since=0.0)
_kept_lock = threading.Lock()


def reference_models() -> list:
    """The tables whose rows `RuleContext.reference` keeps: the reference data and
    what the kinds' rules read besides (`KindSpec.stamp_columns`: experiments and
    participations)."""
    models = [Organisation, Region, Qualification, QualificationFile, CoreTask, ElectiveModule]
    models.append(WorkProcess)
    for _expression, model in stamp_columns():
        if model not in models:
            models.append(model)
    return models


def kept_reference(read_stamp: Callable[[], str]) -> tuple[str, dict]:
    """(the reference-data stamp, the reference rows) this process keeps for its
    validations: read again (`read_stamp()`, and each row when a rule asks for it)
    as soon as the version of any table they come from changes, and at least every
    REFERENCE_TTL seconds.

    A table's version (core.pagecache) is renewed on every INSERT, UPDATE or DELETE
    of it through Django, in any process sharing the cache (Redis with CACHE_URL),
    right after the statement and again when its transaction commits. What no
    version tells (SQL typed in a database shell, or another process without a
    shared cache) is seen after REFERENCE_TTL; a report checked meanwhile keeps the
    stamp it was checked with, so the periodic re-check, which reads a fresh stamp
    (`submissions.intake.services.outdated_reports`), checks it again."""
    global _kept
    from core.aggregates import versions
    from core.pagecache import TABLE_TOPIC
    from qualifications.models import ImportRun

    tables = {model._meta.db_table for model in (*reference_models(), ImportRun)}
    key = tuple(versions(sorted(TABLE_TOPIC.format(table) for table in tables)).items())
    now = time.monotonic()
    with _kept_lock:
        current = _kept
        if (
            current.key == key
            and now - current.since <= REFERENCE_TTL
            and len(current.rows) <= REFERENCE_MAX_ROWS
        ):
            return current.stamp, current.rows
    current = _KeptReference(key=key, since=now, stamp=read_stamp())
    with _kept_lock:
        _kept = current
    return current.stamp, current.rows


def parse_date(value) -> datetime.date | None:
    """An ISO date from the document, or None (the shape check reports bad ones)."""
    if not isinstance(value, str):
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        return None


def school_year(day: datetime.date) -> str:
    """The school year (cohort) a date falls in, e.g. 2021-08-01 → "2021/22"."""
    first = day.year if day.month >= 8 else day.year - 1
    return f"{first}/{str(first + 1)[-2:]}"


# --- Reference rows read by code ------------------------------------------------

# table name in the keys of `RuleContext.reference` → (its rows, the code column,
# unique in each table).
# Organisations come with their region but without its outline: kept per process
# for each school and company.
BY_CODE = {
    "organisation": (
        lambda: Organisation.objects.select_related("region").defer("region__geometry"),
        "code",
    ),
    "region": (lambda: Region.objects.defer("geometry"), "code"),
    "qualification": (lambda: Qualification.objects.select_related("file"), "crebo"),
    "file": (QualificationFile.objects.all, "crebo"),
    "elective": (ElectiveModule.objects.all, "code"),
}
# Codes are short (BRIN 4, KvK 8, crebo 5, "K0123", "B1-K1"): longer texts name no row.
LONGEST_CODE = 20


def _own_task(qualification, task):
    """`task`, a core task of the qualification's file, if it is a basis task or
    one of the qualification's own profile; else None."""
    if task is None or task.qualification_id not in (None, qualification.pk):
        return None
    return task


def _codes_in(value, codes: set[str]) -> None:
    """Add every short text in a document (any depth) to `codes`."""
    if isinstance(value, str):
        if 0 < len(value) <= LONGEST_CODE:
            codes.add(value)
    elif isinstance(value, dict):
        for item in value.values():
            _codes_in(item, codes)
    elif isinstance(value, list):
        for item in value:
            _codes_in(item, codes)


def read_named_reference(documents, rows: dict) -> None:
    """Put into `rows` (the rows a process keeps, `kept_reference`) the reference
    rows the documents name and `rows` lacks: the organisations, regions,
    qualifications, files and keuzedelen whose code is a text of a document, and
    the core tasks those qualifications own under such a code. One query per
    table for a whole batch of documents, where the rules would read them one
    row at a time; what a document names that exists nowhere is left to the rules
    to look up (and keep as absent)."""
    codes: set[str] = set()
    for document in documents:
        _codes_in(document, codes)
    if not codes:
        return
    for table, (queryset, field) in BY_CODE.items():
        wanted = [code for code in codes if (table, code) not in rows]
        if wanted:
            for row in queryset().filter(**{f"{field}__in": wanted}):
                rows[(table, getattr(row, field))] = row
    qualifications = [
        rows[("qualification", code)] for code in codes if rows.get(("qualification", code))
    ]
    files = {qualification.file_id for qualification in qualifications}
    if not files:
        return
    tasks = {
        (task.file_id, task.code): task
        for task in CoreTask.objects.filter(file_id__in=files, code__in=codes)
    }
    for qualification in qualifications:
        for (file_id, code), task in tasks.items():
            if file_id == qualification.file_id:
                key = ("core_task", qualification.pk, code)
                rows.setdefault(key, _own_task(qualification, task))


class RuleContext:
    """Cached access to reference data for the rules of one validation.

    Besides the reference data below, a rule may call the lookups that the
    registered kinds provide (`KindSpec.lookups`), e.g. `context.experiment(slug)`."""

    def __init__(
        self,
        document: dict,
        *,
        today: datetime.date | None = None,
        submission_id=None,
        reference: dict | None = None,
    ):
        self.document = document
        self.today = today or timezone.localdate()
        self.submission_id = submission_id
        # Reference dates compared with today: when one passes, the result may change.
        self.watched_dates: set[datetime.date] = set()
        self._cache: dict = {}
        # Reference rows kept by the process (`kept_reference`), or None: per validation.
        self._reference = reference

    # Dates -----------------------------------------------------------------

    def date(self, field: str) -> datetime.date | None:
        """A top-level date field of the document."""
        return parse_date(self.document.get(field))

    def submitted_on(self) -> tuple[datetime.date, bool]:
        """`submitted_on`, or today when absent; the flag says today was used."""
        submitted = self.date("submitted_on")
        if submitted is None:
            return self.today, True
        return submitted, False

    def watch(self, day: datetime.date | None) -> None:
        """Note a reference date compared with today: on that day the result may change."""
        if day is not None and day > self.today:
            self.watched_dates.add(day)

    # Reference data --------------------------------------------------------

    def cached(self, key, load):
        """What `load()` returns, read once per validation under `key`."""
        if key not in self._cache:
            self._cache[key] = load()
        return self._cache[key]

    _cached = cached

    def reference(self, key, load):
        """What `load()` returns for reference data (a table in `reference_models`
        and nothing else): kept by the process between validations when the
        validation was given the reference rows, else read once per validation.
        What it returns is shared: never change it."""
        rows = self._reference
        if rows is None:
            return self.cached(key, load)
        try:
            return rows[key]
        except KeyError:
            value = rows[key] = load()
            return value

    def __getattr__(self, name: str):
        function = lookup(name) if not name.startswith("_") else None
        if function is None:
            raise AttributeError(name)
        return lambda *args: function(self, *args)

    def _by_code(self, table: str, code):
        """The row of `table` (a name in `BY_CODE`) with this code, or None."""
        if not isinstance(code, str) or not code:
            return None
        queryset, field = BY_CODE[table]
        return self.reference((table, code), lambda: queryset().filter(**{field: code}).first())

    def organisation(self, code):
        """The organisation with this BRIN/KvK code, with its region, or None."""
        return self._by_code("organisation", code)

    def region(self, code):
        """The labour-market region with this code, or None."""
        return self._by_code("region", code)

    def qualification(self, crebo):
        """The qualification (profile) with this crebo, with its file, or None."""
        return self._by_code("qualification", crebo)

    def qualification_file(self, crebo):
        """The qualification file (dossier) with this crebo, or None."""
        return self._by_code("file", crebo)

    def core_task(self, qualification, code):
        """The core task `code` that belongs to `qualification`: a basis task of
        its file or a task of its own profile. None when there is none."""
        if qualification is None or not isinstance(code, str):
            return None
        model = CoreTask

        def load():
            task = model.objects.filter(file_id=qualification.file_id, code=code).first()
            return _own_task(qualification, task)

        return self.reference(("core_task", qualification.pk, code), load)

    def elective(self, code):
        """The national keuzedeel with this code, or None."""
        return self._by_code("elective", code)
