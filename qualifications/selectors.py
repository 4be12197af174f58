"""Reads of the national qualification structure: browse, search and transparency.

Every function here runs a fixed number of queries, however many dossiers,
qualifications, core tasks or work processes there are.

Search is case- and accent-insensitive on SQLite and PostgreSQL alike: the
search words are normalised with `normalize_title` (lower case, no accents, no
punctuation) and compared with the stored `normalized_title` of dossiers,
qualifications, core tasks, work processes and keuzedelen, which the importers
fill with the same function. So "clienten" finds "cliënten".

Two parts (core tasks or work processes) are "the same part" when they have
the same SBB id or the same normalised title (`normalized_title`, filled by the
importer with `qualifications.text.normalize_title`).
"""

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.contrib.postgres.search import SearchQuery
from django.db import connection
from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

from core import aggregates

from .models import (
    CoreTask,
    Domain,
    ElectiveModule,
    ProfileAddition,
    Qualification,
    QualificationFile,
    RegionalElectiveUse,
    VetCertificate,
    WorkProcess,
)
from .text import SEARCH_CONFIG, normalize_title, title_vector


def sbb_code_key(code: str) -> tuple:
    """Sort key for SBB codes: B1-K1, B1-K1-W1, B1-K2, …, P1-K1, P2-K1, P10-K1."""
    match = re.match(r"^([BP])(\d+)(?:-K(\d+))?(?:-W(\d+))?", code or "")
    if not match:
        return (2, 0, 0, 0, code or "")
    kind, part, task, process = match.groups()
    return (0 if kind == "B" else 1, int(part), int(task or 0), int(process or 0), code)


def filter_valid_on(queryset: QuerySet, on: date, prefix: str = "") -> QuerySet:
    """Rows valid on a date: valid_from <= date and (no end of intake or end of intake > date)."""
    return queryset.filter(
        Q(**{f"{prefix}valid_from__lte": on})
        & (Q(**{f"{prefix}end_of_intake__isnull": True}) | Q(**{f"{prefix}end_of_intake__gt": on}))
    )


MAX_SEARCH_WORDS = 5


def search_words(query: str) -> list[str]:
    """The normalised words of a search query; only the first MAX_SEARCH_WORDS count."""
    return normalize_title(query).split()[:MAX_SEARCH_WORDS]


# --- Dossiers -------------------------------------------------------------------------------


def search_dossiers(
    *, query: str = "", domain: Domain | None = None, level: int | None = None, status: str = ""
) -> QuerySet[QualificationFile]:
    """Dossiers matching the search words and filters, with their qualifications prefetched.

    Every search word must match (at most the first MAX_SEARCH_WORDS count). A
    word matches a crebo (of the dossier or of one of its qualifications)
    exactly, and otherwise the normalised title of the dossier, of one of its
    qualifications, of one of its core tasks or of one of its work processes.
    """
    files = QualificationFile.objects.select_related("domain").prefetch_related(
        Prefetch("qualifications", queryset=Qualification.objects.order_by("chapter"))
    )
    if domain is not None:
        files = files.filter(domain=domain)
    if status:
        files = files.filter(status=status)
    if level is not None:
        files = files.filter(Exists(Qualification.objects.filter(file=OuterRef("pk"), level=level)))
    for word in search_words(query):
        files = files.filter(_dossier_search_condition(word))
    return files.order_by("title", "crebo")


def _dossier_search_condition(word: str) -> Q:
    """The condition that a dossier matches one normalised search word.

    A word matches a crebo exactly, or the title of the dossier, of one of its
    qualifications, core tasks or work processes: on PostgreSQL by full-text
    search (Dutch stemming, the word as a prefix; a Dutch stop word matches every
    dossier) with GIN indexes on the titles, elsewhere as a part of the title."""
    condition = Q(crebo=word) | Q(
        Exists(Qualification.objects.filter(file=OuterRef("pk"), crebo=word))
    )
    in_titles = [
        QualificationFile.objects.filter(pk=OuterRef("pk")),
        Qualification.objects.filter(file=OuterRef("pk")),
        CoreTask.objects.filter(file=OuterRef("pk")),
        WorkProcess.objects.filter(core_task__file=OuterRef("pk")),
    ]
    if connection.vendor == "postgresql":
        query = SearchQuery(f"{word}:*", config=SEARCH_CONFIG, search_type="raw")
        for rows in in_titles:
            condition |= Q(Exists(rows.annotate(words=title_vector()).filter(words=query)))
        stop_word = RawSQL(
            "numnode(to_tsquery(%s::regconfig, %s)) = 0", (SEARCH_CONFIG, f"{word}:*")
        )
        return Q(ExpressionWrapper(stop_word, output_field=BooleanField())) | condition
    for rows in in_titles:
        condition |= Q(Exists(rows.filter(normalized_title__contains=word)))
    return condition


def dossier_statuses() -> list[str]:
    """The distinct statuses of all dossiers, for the status filter."""
    return list(
        QualificationFile.objects.order_by("status").values_list("status", flat=True).distinct()
    )


def get_dossier(crebo: str) -> QualificationFile:
    """One dossier by its crebo, with domain and sector chamber. Raises DoesNotExist."""
    return QualificationFile.objects.select_related("domain", "sector_chamber").get(crebo=crebo)


def _core_tasks_with_details() -> QuerySet[CoreTask]:
    """Core tasks with their work processes and certificates prefetched."""
    return CoreTask.objects.prefetch_related(
        Prefetch("work_processes", queryset=WorkProcess.objects.order_by("position", "code")),
        Prefetch("certificates", queryset=VetCertificate.objects.order_by("title")),
    )


def sort_parts(core_tasks) -> list[CoreTask]:
    """Core tasks in SBB order (basis first, then profile 1, 2, …), each by its code."""
    return sorted(core_tasks, key=lambda core_task: sbb_code_key(core_task.code))


def certificates_in(core_task: CoreTask, qualification: Qualification) -> list[VetCertificate]:
    """The (prefetched) certificates of a core task that hold in this qualification.

    A certificate of a profile that names a basis core task holds only in that
    profile; a certificate on a core task without a profile holds everywhere.
    """
    return [
        certificate
        for certificate in core_task.certificates.all()
        if certificate.qualification_id in (None, qualification.pk)
    ]


@dataclass
class DossierParts:
    """The parts of one dossier: the basis, and per qualification its profile part."""

    basis: list[CoreTask]
    profiles: list[tuple[Qualification, list[CoreTask]]]


def dossier_core_tasks(dossier: QualificationFile) -> list[CoreTask]:
    """The dossier's core tasks (basis and every profile) in SBB order."""
    return sort_parts(_core_tasks_with_details().filter(file=dossier))


def dossier_parts(dossier: QualificationFile) -> DossierParts:
    """Basis and profile parts of a dossier in SBB order, with "also in" lists attached."""
    qualifications = list(dossier.qualifications.order_by("chapter"))
    core_tasks = dossier_core_tasks(dossier)
    attach_short_also_in(core_tasks, f"dossier:{dossier.pk}")
    for core_task in core_tasks:
        core_task.shown_certificates = list(core_task.certificates.all())
    by_qualification = defaultdict(list)
    for core_task in core_tasks:
        by_qualification[core_task.qualification_id].append(core_task)
    return DossierParts(
        basis=by_qualification.get(None, []),
        profiles=[
            (qualification, by_qualification.get(qualification.pk, []))
            for qualification in qualifications
        ],
    )


# --- Qualifications -------------------------------------------------------------------------


def get_qualification(crebo: str) -> Qualification:
    """One qualification by its crebo, with its dossier and certificates. Raises DoesNotExist."""
    return (
        Qualification.objects.select_related("file", "file__domain", "file__sector_chamber")
        .prefetch_related(
            Prefetch(
                "certificates",
                queryset=VetCertificate.objects.select_related("core_task").order_by("title"),
            )
        )
        .get(crebo=crebo)
    )


def qualifications_by_crebo(crebos: list[str]) -> dict[str, Qualification]:
    """The qualifications with these crebos, keyed by crebo (unknown crebos are left out)."""
    qualifications = Qualification.objects.select_related("file").filter(crebo__in=crebos)
    return {qualification.crebo: qualification for qualification in qualifications}


def attach_parts(qualifications: list[Qualification]) -> None:
    """Set `qualification.parts`: its basis and profile core tasks in SBB order.

    Three queries for any number of qualifications: the core tasks, their work
    processes and their certificates.
    """
    file_ids = {qualification.file_id for qualification in qualifications}
    qualification_ids = {qualification.pk for qualification in qualifications}
    core_tasks = _core_tasks_with_details().filter(
        Q(file_id__in=file_ids, qualification__isnull=True)
        | Q(qualification_id__in=qualification_ids)
    )
    basis_by_file = defaultdict(list)
    profile_by_qualification = defaultdict(list)
    for core_task in core_tasks:
        if core_task.qualification_id is None:
            basis_by_file[core_task.file_id].append(core_task)
        else:
            profile_by_qualification[core_task.qualification_id].append(core_task)
    for qualification in qualifications:
        qualification.parts = sort_parts(
            basis_by_file[qualification.file_id] + profile_by_qualification[qualification.pk]
        )


def qualification_parts(qualification: Qualification) -> list[CoreTask]:
    """The parts of one qualification in SBB order, with "also in" lists attached.

    Each part also gets `shown_certificates`: its certificates that hold here.
    """
    attach_parts([qualification])
    attach_short_also_in(
        qualification.parts, f"qualification:{qualification.pk}", viewing=qualification
    )
    for core_task in qualification.parts:
        core_task.shown_certificates = certificates_in(core_task, qualification)
    attach_profile_additions(qualification.parts, qualification)
    return qualification.parts


def profile_additions_of(qualification: Qualification) -> list[ProfileAddition]:
    """What this profile adds to the basis core tasks and their work processes."""
    return list(
        ProfileAddition.objects.filter(qualification=qualification).order_by(
            "core_task_id", "position"
        )
    )


def attach_profile_additions(core_tasks: list[CoreTask], qualification: Qualification) -> None:
    """Set `profile_additions` on each core task and each of its (prefetched) work
    processes: what `qualification` adds to it (one query)."""
    by_part = defaultdict(list)
    for addition in profile_additions_of(qualification):
        by_part[(addition.core_task_id, addition.work_process_id)].append(addition)
    for core_task in core_tasks:
        core_task.profile_additions_here = by_part.get((core_task.pk, None), [])
        for work_process in core_task.work_processes.all():
            work_process.profile_additions_here = by_part.get((core_task.pk, work_process.pk), [])


# --- Transparency: "also in" ----------------------------------------------------------------


@dataclass(frozen=True)
class AlsoIn:
    """Another qualification that contains the same part, and that part's code there.

    `intake_ended_on` is the end of intake when it has passed: no new student
    can start that qualification any more, and the page says so. `url` is the
    qualification's page (reversed once per qualification, not once per entry:
    a page lists the same qualifications under many parts)."""

    qualification: Qualification
    code: str
    intake_ended_on: date | None = None
    url: str = ""


def intake_ended_on(qualification: Qualification, today: date | None = None) -> date | None:
    """The qualification's end of intake (its own, else its file's) when it has passed."""
    end = qualification.end_of_intake or qualification.file.end_of_intake
    today = today or timezone.localdate()
    return end if end is not None and end <= today else None


def part_keys(part) -> set[tuple[str, str]]:
    """What makes two parts the same: their SBB id and their normalised title."""
    keys = set()
    if part.sbb_id:
        keys.add(("sbb_id", part.sbb_id))
    if part.normalized_title:
        keys.add(("title", part.normalized_title))
    return keys


def attach_also_in(core_tasks: list[CoreTask], *, viewing: Qualification | None = None) -> None:
    """Set `also_in` on each core task and on each of its (prefetched) work processes.

    `also_in` lists the qualifications that contain the same part (same SBB id
    or same normalised title), sorted by crebo. Left out: the qualification
    being viewed, or when none is (the dossier page) the qualifications the
    part itself belongs to. Two queries, however many parts and matches.
    """
    work_processes = [wp for core_task in core_tasks for wp in core_task.work_processes.all()]
    lists = _also_in_lists(core_tasks, work_processes, viewing=viewing)
    for part in (*core_tasks, *work_processes):
        part.also_in, _ = lists.get(_part_key(part), ([], 0))


# How many "also in" entries a part shows on the qualification and dossier pages; the
# rest sit behind an "and N more" link to the part's full list (`also_in_of_part`).
ALSO_IN_SHOWN = 10
# The national cache topic of everything computed from the qualification structure.
CACHE_TOPIC = "qualifications"


def _short_also_in(core_tasks, viewing) -> dict:
    work_processes = [wp for core_task in core_tasks for wp in core_task.work_processes.all()]
    lists = _also_in_lists(core_tasks, work_processes, viewing=viewing, limit=ALSO_IN_SHOWN)
    return {key: (entries, total - len(entries)) for key, (entries, total) in lists.items()}


def attach_short_also_in(core_tasks, cache_name: str, *, viewing=None) -> None:
    """Like `attach_also_in`, with at most ALSO_IN_SHOWN entries per part and the
    number left out as `also_in_more`; kept in the cache until the structure changes
    (the date is in the key: "intake ended" depends on it). The database picks the
    shown entries and counts the rest: two queries, however many parts match."""
    lists = aggregates.cached(
        CACHE_TOPIC,
        f"also-in-with-urls:{cache_name}:{timezone.localdate().isoformat()}",
        lambda: _short_also_in(core_tasks, viewing),
    )
    for core_task in core_tasks:
        core_task.also_in, core_task.also_in_more = lists.get(_part_key(core_task), ([], 0))
        for work_process in core_task.work_processes.all():
            work_process.also_in, work_process.also_in_more = lists.get(
                _part_key(work_process), ([], 0)
            )


def find_part(core_tasks, code: str):
    """The core task or work process with this code among `core_tasks`, or None."""
    for core_task in core_tasks:
        if core_task.code == code:
            return core_task
        for work_process in core_task.work_processes.all():
            if work_process.code == code:
                return work_process
    return None


def also_in_of_part(core_tasks, code: str, *, viewing=None):
    """The part with `code` among `core_tasks` with its full `also_in` list, or None.
    Only that part's list is worked out (two queries)."""
    part = find_part(core_tasks, code)
    if part is not None:
        is_core_task = isinstance(part, CoreTask)
        lists = _also_in_lists(
            [part] if is_core_task else [],
            [] if is_core_task else [part],
            viewing=viewing,
        )
        part.also_in, _ = lists.get(_part_key(part), ([], 0))
    return part


def _part_key(part) -> tuple[str, int]:
    return ("core_task" if isinstance(part, CoreTask) else "work_process", part.pk)


def _also_in_lists(
    core_tasks, work_processes, *, viewing: Qualification | None, limit: int | None = None
) -> dict[tuple[str, int], tuple[list[AlsoIn], int]]:
    """{(kind, part pk): (its "also in" entries, how many there are in all)} for these
    core tasks and work processes, at most `limit` entries each (None: all).

    The database matches the parts, finds the qualifications that contain each
    match, keeps one entry per qualification (the match by SBB id before one by
    title, then the lowest code), numbers them by crebo and returns only the
    first `limit` with the count of all (`_ALSO_IN_SQL`). A second query reads
    the qualifications named. Parts without an entry are left out."""
    if not core_tasks and not work_processes:
        return {}
    sql, params = _also_in_query(
        [part.pk for part in core_tasks], [part.pk for part in work_processes], viewing, limit
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    if not rows:
        return {}
    qualifications = Qualification.objects.select_related("file").in_bulk({row[2] for row in rows})
    today = timezone.localdate()
    ended = {pk: intake_ended_on(found, today) for pk, found in qualifications.items()}
    urls = {
        pk: reverse("qualifications:qualification-detail", args=[found.crebo])
        for pk, found in qualifications.items()
    }
    lists: dict[tuple[str, int], tuple[list[AlsoIn], int]] = {}
    for kind, part_id, qualification_id, code, total in rows:
        entries, _ = lists.setdefault((kind, part_id), ([], total))
        if qualification_id not in qualifications:  # deleted in between
            continue
        found = qualifications[qualification_id]
        entries.append(AlsoIn(found, code, ended[qualification_id], urls[qualification_id]))
    return lists


# The "also in" entries of some parts: their matches by SBB id and by normalised
# title (`matches`, one branch per kind and key, `_ALSO_IN_MATCH_SQL`), the
# qualifications containing each match (`owners`: a profile part's profile, every
# profile of a basis part's file), one row per part and qualification without the
# excluded ones, with its code (`firsts`: a match by SBB id before one by title,
# then the lowest code), numbered by crebo with the count per part (`ranked`).
# Codes and crebos compare byte by byte ({collate}), as Python compares strings,
# whatever the database's collation.
_ALSO_IN_SQL = """
WITH matches AS (
    {matches}
),
owners AS (
    SELECT matches.*, q.id AS qualification_id, q.crebo, q.file_id AS qualification_file
    FROM matches JOIN {qualification} q ON q.id = matches.match_qualification
    UNION ALL
    SELECT matches.*, q.id, q.crebo, q.file_id
    FROM matches JOIN {qualification} q ON q.file_id = matches.match_file
    WHERE matches.match_qualification IS NULL
),
firsts AS (
    SELECT kind, part_id, qualification_id, crebo, MIN((by_title || code){collate}) AS choice
    FROM owners WHERE {kept}
    GROUP BY kind, part_id, qualification_id, crebo
),
ranked AS (
    SELECT kind, part_id, qualification_id, choice,
           ROW_NUMBER() OVER (PARTITION BY kind, part_id ORDER BY crebo{collate}) AS place,
           COUNT(*) OVER (PARTITION BY kind, part_id) AS total
    FROM firsts
)
SELECT kind, part_id, qualification_id, SUBSTR(choice, 2), total FROM ranked
WHERE place <= %s
ORDER BY kind, part_id, place
"""
# The parts (`p`, of the ids given) and the parts matching them by `key` (`m`), each
# with the profile or file it belongs to.
_ALSO_IN_MATCH_SQL = {
    "core_task": (
        "SELECT 'core_task' AS kind, p.id AS part_id, p.qualification_id AS own_qualification,"
        " p.file_id AS own_file, {by_title} AS by_title, m.code AS code,"
        " m.qualification_id AS match_qualification, m.file_id AS match_file"
        " FROM {core_task} p JOIN {core_task} m ON m.{key} = p.{key}"
        " WHERE p.id IN ({ids}) AND p.{key} <> ''"
    ),
    "work_process": (
        "SELECT 'work_process' AS kind, p.id AS part_id, pc.qualification_id AS own_qualification,"
        " pc.file_id AS own_file, {by_title} AS by_title, m.code AS code,"
        " mc.qualification_id AS match_qualification, mc.file_id AS match_file"
        " FROM {work_process} p JOIN {core_task} pc ON pc.id = p.core_task_id"
        " JOIN {work_process} m ON m.{key} = p.{key}"
        " JOIN {core_task} mc ON mc.id = m.core_task_id"
        " WHERE p.id IN ({ids}) AND p.{key} <> ''"
    ),
}


def _also_in_query(core_task_ids, work_process_ids, viewing, limit) -> tuple[str, list]:
    """The SQL of `_also_in_lists` and its parameters (only placeholders, table and
    column names are put into the text)."""
    tables = {
        "core_task": CoreTask._meta.db_table,
        "work_process": WorkProcess._meta.db_table,
        "qualification": Qualification._meta.db_table,
    }
    branches, params = [], []
    for kind, ids in (("core_task", core_task_ids), ("work_process", work_process_ids)):
        for key, by_title in (("sbb_id", "'0'"), ("normalized_title", "'1'")):
            if ids:
                placeholders = ", ".join(["%s"] * len(ids))
                branches.append(
                    _ALSO_IN_MATCH_SQL[kind].format(
                        ids=placeholders, key=key, by_title=by_title, **tables
                    )
                )
                params += ids
    if viewing is not None:
        kept = "qualification_id <> %s"
        params.append(viewing.pk)
    else:  # the dossier page: leave out the part's own qualifications
        kept = (
            "CASE WHEN own_qualification IS NULL THEN qualification_file <> own_file"
            " ELSE qualification_id <> own_qualification END"
        )
    params.append(limit if limit is not None else 2**31 - 1)
    sql = _ALSO_IN_SQL.format(
        matches="\n    UNION ALL\n    ".join(branches),
        kept=kept,
        collate=' COLLATE "C"' if connection.vendor == "postgresql" else "",
        **tables,
    )
    return sql, params


# --- Transparency: comparison ---------------------------------------------------------------


@dataclass
class ComparisonRow:
    """One part and its code in each compared qualification (None: not in it)."""

    title: str
    codes: list[str | None]
    has_certificate: bool = False

    @property
    def shared_by_all(self) -> bool:
        return all(self.codes)


@dataclass
class Comparison:
    """Core tasks and work processes of two or three qualifications side by side."""

    qualifications: list[Qualification]
    core_tasks: list[ComparisonRow]
    work_processes: list[ComparisonRow]

    @property
    def shared_core_tasks(self) -> list[ComparisonRow]:
        return [row for row in self.core_tasks if row.shared_by_all]

    @property
    def shared_work_processes(self) -> list[ComparisonRow]:
        return [row for row in self.work_processes if row.shared_by_all]


def compare_qualifications(qualifications: list[Qualification]) -> Comparison:
    """Line up the parts of the qualifications: shared parts first, then the others."""
    attach_parts(qualifications)
    core_tasks = [list(q.parts) for q in qualifications]
    work_processes = [
        [wp for ct in q.parts for wp in ct.work_processes.all()] for q in qualifications
    ]
    return Comparison(
        qualifications=qualifications,
        core_tasks=_comparison_rows(qualifications, core_tasks),
        work_processes=_comparison_rows(qualifications, work_processes),
    )


def _comparison_rows(
    qualifications: list[Qualification], parts_per_qualification: list[list]
) -> list[ComparisonRow]:
    """Group equal parts across the qualifications into rows."""
    groups = _group_equal_parts([part for parts in parts_per_qualification for part in parts])
    rows: dict[int, ComparisonRow] = {}
    for column, parts in enumerate(parts_per_qualification):
        for part in parts:
            group = groups[id(part)]
            row = rows.get(group)
            if row is None:
                row = rows[group] = ComparisonRow(
                    title=part.title, codes=[None] * len(parts_per_qualification)
                )
            if row.codes[column] is None:
                row.codes[column] = part.code
            if isinstance(part, CoreTask) and certificates_in(part, qualifications[column]):
                row.has_certificate = True
    ordered = list(rows.values())
    ordered.sort(key=lambda row: not row.shared_by_all)  # stable: SBB order within each
    return ordered


def _group_equal_parts(parts) -> dict[int, int]:
    """Map id(part) to a group number; parts sharing an SBB id or normalised title group."""
    parent: dict[tuple, tuple] = {}

    def root(key):
        while parent.setdefault(key, key) != key:
            key = parent[key]
        return key

    for part in parts:
        keys = [("part", id(part)), *part_keys(part)]
        for key in keys[1:]:
            parent[root(key)] = root(keys[0])
    numbers: dict[tuple, int] = {}
    return {id(part): numbers.setdefault(root(("part", id(part))), len(numbers)) for part in parts}


# --- Transparency: what do I still need -----------------------------------------------------


@dataclass
class RemainingCoreTask:
    """A core task of the target not yet done, with the work processes still to do."""

    core_task: CoreTask
    work_processes: list[WorkProcess]
    fully_open: bool
    certificates: list[VetCertificate]


@dataclass
class StillNeeded:
    """What remains of a target qualification after the parts already done."""

    target: Qualification
    remaining: list[RemainingCoreTask] = field(default_factory=list)
    done_core_task_count: int = 0
    done_work_process_count: int = 0
    total_core_task_count: int = 0
    total_work_process_count: int = 0
    # What the target profile adds to parts the held qualification covers, where
    # the held qualification does not ask the same (a move to a more demanding profile).
    additions: list[ProfileAddition] = field(default_factory=list)

    @property
    def remaining_work_process_count(self) -> int:
        return sum(len(item.work_processes) for item in self.remaining)

    @property
    def remaining_with_certificate(self) -> list[RemainingCoreTask]:
        return [item for item in self.remaining if item.certificates]


def still_needed(
    target: Qualification,
    *,
    done_core_task_ids: set[int] = frozenset(),
    done_work_process_ids: set[int] = frozenset(),
    held: Qualification | None = None,
) -> StillNeeded:
    """The core tasks and work processes of `target` still to do.

    Done are: the core tasks and work processes ticked (a ticked core task
    covers all its work processes), and the parts that `held` (a qualification
    already obtained) shares with the target (same SBB id or normalised title).
    A core task is done when it is ticked or shared, or when all its work
    processes are done. Parts already set by `attach_parts` are reused (no
    queries), so a caller can prepare many targets at once.
    """
    qualifications = [target] + ([held] if held is not None and held.pk != target.pk else [])
    attach_parts([q for q in qualifications if not hasattr(q, "parts")])
    held_core_task_keys: set = set()
    held_work_process_keys: set = set()
    if len(qualifications) == 2:
        for core_task in held.parts:
            held_core_task_keys |= part_keys(core_task)
            for work_process in core_task.work_processes.all():
                held_work_process_keys |= part_keys(work_process)

    result = StillNeeded(target=target)
    covered_by_held: set[tuple[int, int | None]] = set()
    for core_task in target.parts:
        work_processes = list(core_task.work_processes.all())
        result.total_core_task_count += 1
        result.total_work_process_count += len(work_processes)
        core_task_held = bool(part_keys(core_task) & held_core_task_keys)
        core_task_done = core_task.pk in done_core_task_ids or core_task_held
        if core_task_held:
            covered_by_held.add((core_task.pk, None))
        for wp in work_processes:
            if core_task_held or part_keys(wp) & held_work_process_keys:
                covered_by_held.add((core_task.pk, wp.pk))
        open_work_processes = [
            wp
            for wp in work_processes
            if not core_task_done
            and wp.pk not in done_work_process_ids
            and not (part_keys(wp) & held_work_process_keys)
        ]
        result.done_work_process_count += len(work_processes) - len(open_work_processes)
        if core_task_done or (work_processes and not open_work_processes):
            result.done_core_task_count += 1
            continue
        result.remaining.append(
            RemainingCoreTask(
                core_task=core_task,
                work_processes=open_work_processes,
                fully_open=len(open_work_processes) == len(work_processes),
                certificates=certificates_in(core_task, target),
            )
        )
    if len(qualifications) == 2 and covered_by_held:
        result.additions = _additions_not_held(target, held, covered_by_held)
    return result


def _addition_part(addition: ProfileAddition):
    return addition.work_process if addition.work_process_id else addition.core_task


def _additions_not_held(
    target: Qualification, held: Qualification, covered: set[tuple[int, int | None]]
) -> list[ProfileAddition]:
    """The target profile's additions on parts the held qualification covers,
    unless the held qualification asks the same (same aspect and text) there.
    Two queries."""
    queryset = ProfileAddition.objects.select_related("core_task", "work_process")
    held_keys = {
        (key, addition.aspect, addition.normalized_text)
        for addition in queryset.filter(qualification=held)
        for key in part_keys(_addition_part(addition))
    }
    needed = []
    for addition in queryset.filter(qualification=target).order_by("core_task_id", "position"):
        if (addition.core_task_id, addition.work_process_id) not in covered:
            continue  # the part itself is still to do (or ticked as done)
        keys = part_keys(_addition_part(addition))
        if any((key, addition.aspect, addition.normalized_text) in held_keys for key in keys):
            continue
        needed.append(addition)
    return sorted(needed, key=lambda addition: sbb_code_key(_addition_part(addition).code))


# --- Electives (keuzedelen) -----------------------------------------------------------------


def search_electives(
    *,
    query: str = "",
    level: int | None = None,
    has_certificate: bool | None = None,
    is_regional: bool | None = None,
) -> QuerySet[ElectiveModule]:
    """Keuzedelen matching the code or normalised title, and the filters: the
    national ones by code, then the regional ones (RK codes) with their school,
    region and the number of approved programmes that name them."""
    electives = ElectiveModule.objects.select_related("school", "region").annotate(
        use_count=Count("uses")
    )
    if level is not None:
        electives = electives.filter(level=level)
    if has_certificate is not None:
        electives = electives.filter(has_certificate=has_certificate)
    if is_regional is not None:
        electives = electives.filter(is_regional=is_regional)
    return filter_electives_by_words(electives, query).order_by("is_regional", "code")


def filter_electives_by_words(
    electives: QuerySet[ElectiveModule], query: str
) -> QuerySet[ElectiveModule]:
    """Keuzedelen of which every search word is the code or is in the normalised title."""
    for word in search_words(query):
        electives = electives.filter(Q(code__iexact=word) | Q(normalized_title__contains=word))
    return electives


def get_elective(code: str) -> ElectiveModule:
    """One keuzedeel by its code, with its certificates (and, for a regional one,
    its school and region). Raises DoesNotExist."""
    return (
        ElectiveModule.objects.select_related("school", "region")
        .prefetch_related(
            Prefetch("certificates", queryset=VetCertificate.objects.order_by("title"))
        )
        .get(code__iexact=code)
    )


def regional_elective_uses(elective: ElectiveModule) -> list[RegionalElectiveUse]:
    """The approved programmes that name this regional keuzedeel by its RK code."""
    if not elective.is_regional:
        return []
    return list(elective.uses.select_related("school").order_by("title", "submission_id"))


# --- API querysets --------------------------------------------------------------------------


def qualification_validity_dates(queryset: QuerySet[Qualification]) -> QuerySet[Qualification]:
    """Annotate a qualification's own dates, falling back to its dossier's when empty."""
    return queryset.annotate(
        effective_valid_from=Coalesce("valid_from", "file__valid_from"),
        effective_end_of_intake=Coalesce("end_of_intake", "file__end_of_intake"),
    )


# --- Picking a qualification by name or crebo (compare, "what do I still need", routes) ---


def find_qualification(crebo: str) -> Qualification | None:
    """The qualification with exactly this crebo, or None."""
    return Qualification.objects.filter(crebo=crebo.strip()).first()


def search_qualifications(query: str, limit: int = 10) -> list[Qualification]:
    """Qualifications whose crebo starts with the query or whose title holds every word."""
    words = search_words(query)
    if not words:
        return []
    qualifications = Qualification.objects.only("crebo", "title", "level")
    if len(words) == 1 and words[0].isdigit():
        qualifications = qualifications.filter(crebo__startswith=words[0])
    else:
        for word in words:
            qualifications = qualifications.filter(
                Q(normalized_title__contains=word) | Q(title__icontains=word)
            )
    return list(qualifications.order_by("title", "crebo")[:limit])


# --- Validity (for QS-02 in rules.reference_rules) ----------------------------------

# The status of a qualification file that may be offered.
ESTABLISHED = "vastgesteld"


def is_established(qualification) -> bool:
    """True when the qualification's file has status Vastgesteld."""
    return qualification.file.status.strip().lower() == ESTABLISHED


def validity_dates(qualification) -> tuple[date | None, date | None]:
    """(valid from, end of intake) of a qualification; each falls back to its file's."""
    return (
        qualification.valid_from or qualification.file.valid_from,
        qualification.end_of_intake or qualification.file.end_of_intake,
    )
