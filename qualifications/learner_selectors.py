"""Reads for learners and adults (issue 15, letter 004: Jim, Elin, Mila and Sandra).

- A learner's choice space (keuzeruimte): a qualification, the keuzedelen
  picked for it (national ones, and the regional ones of a region once the
  register of regional keuzedelen exists), their total study load against what
  the qualification's level asks, which picks carry an mbo-certificate, and
  which parts of the qualification recur in other qualifications (Elin).
- Sandra's path: from one core task or work process, the qualifications in
  which it recurs and what remains of each after what she can already do.

Nothing here stores anything: the plan and the ticks live in the URL. Every
function runs a fixed number of queries, however many parts or picks.
"""

import re
from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchQuery
from django.db import connection
from django.db.models import Prefetch, Q, QuerySet

from .models import (
    CoreTask,
    ElectiveModule,
    Qualification,
    QualificationFile,
    VetCertificate,
    WorkProcess,
)
from .selectors import (
    AlsoIn,
    StillNeeded,
    _core_tasks_with_details,  # the same prefetch as the dossier page
    attach_also_in,
    attach_parts,
    filter_electives_by_words,
    get_dossier,
    intake_ended_on,
    part_keys,
    search_words,
    sort_parts,
    still_needed,
)
from .text import SEARCH_CONFIG, title_vector

# What the choice space of a qualification asks, in study load hours (SBU), by level
# (issue 15: plausibility figures). Level 1 (Entree) has no figure here.
CHOICE_SPACE_SBU = {2: 240, 3: 480, 4: 720}
MAX_PICKS = 30
MAX_ELECTIVE_RESULTS = 25
ELECTIVE_CODE = re.compile(r"^R?K\d{4}$")


# --- Regional keuzedelen of the register --------------------------------------------------
#
# The register of regional keuzedelen (issue 15 point 4) holds regional keuzedelen, with
# `RK` codes, bound to a labour-market region (`ElectiveModule.region`).


def region_choices() -> list[tuple[str, str]]:
    """(code, "name (code)") of the regions a learner can pick (read through the
    register's field: qualifications and regions do not import each other)."""
    regions = ElectiveModule._meta.get_field("region").related_model.objects.order_by("code")
    return [(region.code, f"{region.name} ({region.code})") for region in regions]


def _offered_condition(region_code: str | None) -> Q:
    """National keuzedelen, plus the regional ones of the region."""
    condition = Q(is_regional=False)
    if region_code:
        condition |= Q(is_regional=True, region__code=region_code)
    return condition


# --- Choice space ---------------------------------------------------------------------------


def expected_choice_space_sbu(level: int | None) -> int | None:
    """The study load a choice space of this level asks, or None when no figure is set."""
    return CHOICE_SPACE_SBU.get(level)


def _with_certificates(electives: QuerySet[ElectiveModule]) -> QuerySet[ElectiveModule]:
    return electives.prefetch_related(
        Prefetch("certificates", queryset=VetCertificate.objects.order_by("title"))
    )


def elective_certificates(elective: ElectiveModule) -> list[str]:
    """The titles of the mbo-certificates a keuzedeel leads to (prefetched). The
    keuzedelen CSV only says yes or no: then the keuzedeel's own title stands in."""
    titles = [certificate.title for certificate in elective.certificates.all()]
    if not titles and elective.has_certificate:
        titles = [elective.title]
    return titles


def _annotate(electives) -> list[ElectiveModule]:
    electives = list(electives)
    for elective in electives:
        elective.certificate_titles = elective_certificates(elective)
    return electives


def offered_electives(
    *, region_code: str | None = None, query: str = "", level: int | None = None
) -> tuple[list[ElectiveModule], int]:
    """Keuzedelen a learner can pick (keuzedelen are not tied nationally to a
    qualification: every national one, plus the regional ones of the region),
    matching the search words and level: the first MAX_ELECTIVE_RESULTS by code,
    and how many match in all. Three queries."""
    electives = ElectiveModule.objects.filter(_offered_condition(region_code))
    if level is not None:
        electives = electives.filter(level=level)
    electives = filter_electives_by_words(electives, query).order_by("code")
    total = electives.count()
    return _annotate(_with_certificates(electives)[:MAX_ELECTIVE_RESULTS]), total


@dataclass
class RecurringPart:
    """A core task or work process of the qualification and where else it occurs."""

    part: CoreTask | WorkProcess
    also_in: list[AlsoIn]


@dataclass
class ChoiceSpace:
    """A learner's plan: a qualification and the keuzedelen picked for it."""

    qualification: Qualification | None
    picks: list[ElectiveModule]
    unknown_codes: list[str] = field(default_factory=list)
    recurring_parts: list[RecurringPart] = field(default_factory=list)

    @property
    def total_sbu(self) -> int:
        return sum(elective.study_load_hours for elective in self.picks)

    @property
    def expected_sbu(self) -> int | None:
        if self.qualification is None:
            return None
        return expected_choice_space_sbu(self.qualification.level)

    @property
    def open_sbu(self) -> int:
        """SBU still to fill (0 when the choice space is full or no figure is set)."""
        return max((self.expected_sbu or 0) - self.total_sbu, 0)

    @property
    def extra_sbu(self) -> int:
        """SBU picked beyond what the level asks (0 when not over, or no figure)."""
        if self.expected_sbu is None:
            return 0
        return max(self.total_sbu - self.expected_sbu, 0)

    @property
    def certified_picks(self) -> list[ElectiveModule]:
        return [elective for elective in self.picks if elective.certificate_titles]


def picked_electives(codes: list[str]) -> tuple[list[ElectiveModule], list[str]]:
    """The keuzedelen with these codes, in the given order, and the codes that are
    not known. Two queries."""
    found = {
        elective.code.upper(): elective
        for elective in _with_certificates(ElectiveModule.objects.filter(code__in=codes))
    }
    picks = _annotate(found[code] for code in codes if code in found)
    return picks, [code for code in codes if code not in found]


def recurring_parts(qualification: Qualification) -> list[RecurringPart]:
    """The core tasks and work processes of the qualification that also occur in other
    qualifications (Elin: a part that keeps several programmes open), most widely
    shared first, in SBB order otherwise. A work process is left out when its core
    task is listed with the same qualifications. Six queries."""
    attach_parts([qualification])
    attach_also_in(qualification.parts, viewing=qualification)
    found = []
    for core_task in qualification.parts:
        if core_task.also_in:
            found.append(RecurringPart(core_task, core_task.also_in))
        covered = {entry.qualification.pk for entry in core_task.also_in}
        for work_process in core_task.work_processes.all():
            others = {entry.qualification.pk for entry in work_process.also_in}
            if others and not others <= covered:
                found.append(RecurringPart(work_process, work_process.also_in))
    found.sort(key=lambda item: -len(item.also_in))  # stable: SBB order among equals
    return found


def choice_space(qualification: Qualification | None, codes: list[str]) -> ChoiceSpace:
    """The plan for a qualification (or none yet) with the keuzedelen of these codes."""
    picks, unknown = picked_electives(codes)
    plan = ChoiceSpace(qualification=qualification, picks=picks, unknown_codes=unknown)
    if qualification is not None:
        plan.recurring_parts = recurring_parts(qualification)
    return plan


# --- Sandra's path: parts found by search ---------------------------------------------------


def _title_matches(rows: QuerySet, words: list[str]) -> QuerySet:
    """Rows whose normalised title holds every word, as the dossier search finds them:
    on PostgreSQL full-text (Dutch stemming, each word a prefix), elsewhere a part of
    the title."""
    if connection.vendor == "postgresql":
        query = SearchQuery(
            " & ".join(f"{word}:*" for word in words), config=SEARCH_CONFIG, search_type="raw"
        )
        return rows.annotate(words=title_vector()).filter(words=query)
    for word in words:
        rows = rows.filter(normalized_title__contains=word)
    return rows


MAX_PART_RESULTS = 10


@dataclass
class FoundParts:
    core_tasks: list[CoreTask]
    work_processes: list[WorkProcess]

    def __bool__(self):
        return bool(self.core_tasks or self.work_processes)


def search_parts(query: str) -> FoundParts:
    """Core tasks and work processes whose title matches every search word (crebos
    and pure numbers are left to the dossier search), with their dossier; at most
    MAX_PART_RESULTS of each. Two queries."""
    words = [word for word in search_words(query) if not word.isdigit()]
    if not words:
        return FoundParts([], [])
    core_tasks = _title_matches(CoreTask.objects.select_related("file"), words)
    work_processes = _title_matches(WorkProcess.objects.select_related("core_task__file"), words)
    return FoundParts(
        core_tasks=list(core_tasks.order_by("file__title", "code")[:MAX_PART_RESULTS]),
        work_processes=list(
            work_processes.order_by("core_task__file__title", "code")[:MAX_PART_RESULTS]
        ),
    )


# --- Sandra's path: where a part recurs and what remains -----------------------------------


@dataclass
class PathTarget:
    """A qualification in which the part recurs, and what of it remains."""

    qualification: Qualification
    code: str  # the part's code in this qualification
    remaining: StillNeeded
    done_core_task_ids: set[int]
    done_work_process_ids: set[int]
    intake_ended_on: object = None


@dataclass
class PartPath:
    """One part (core task or work process) of a dossier and the qualifications it is in."""

    dossier: object
    part: CoreTask | WorkProcess
    core_task: CoreTask
    dossier_parts: list[CoreTask]  # every part of the dossier, for ticking
    ticked: set[str]
    unknown_codes: list[str]
    targets: list[PathTarget]

    @property
    def is_work_process(self) -> bool:
        return isinstance(self.part, WorkProcess)


class PartNotFound(Exception):
    pass


MAX_TICKS = 500


def part_path(dossier_crebo: str, code: str, ticked_codes: list[str]) -> PartPath:
    """Where the part `code` of the dossier recurs (for a core task: also where one of
    its work processes does), and what remains of each of those
    qualifications after the dossier's parts in `ticked_codes` (what the person can
    already do; a ticked core task counts with all its work processes). Parts count
    as the same by SBB id or normalised title, as "also in" does. Raises
    PartNotFound. A fixed number of queries (about a dozen)."""
    try:
        dossier = get_dossier(dossier_crebo)
    except QualificationFile.DoesNotExist as error:
        raise PartNotFound from error
    core_tasks = sort_parts(_core_tasks_with_details().filter(file=dossier))
    by_code = {}
    for core_task in core_tasks:
        by_code[core_task.code] = (core_task, core_task)
        for work_process in core_task.work_processes.all():
            by_code[work_process.code] = (work_process, core_task)
    if code not in by_code:
        raise PartNotFound
    part, owner = by_code[code]
    attach_also_in([owner])

    ticked = {value for value in ticked_codes[:MAX_TICKS] if value in by_code}
    unknown = [value for value in dict.fromkeys(ticked_codes[:MAX_TICKS]) if value not in by_code]
    ticked_core_task_keys: set = set()
    ticked_work_process_keys: set = set()
    for value in ticked:
        ticked_part, ticked_owner = by_code[value]
        if ticked_part is ticked_owner:
            ticked_core_task_keys |= part_keys(ticked_part)
            for work_process in ticked_part.work_processes.all():
                ticked_work_process_keys |= part_keys(work_process)
        else:
            ticked_work_process_keys |= part_keys(ticked_part)

    own = list(dossier.qualifications.select_related("file").order_by("chapter"))
    if owner.qualification_id is not None:
        own = [qualification for qualification in own if qualification.pk == owner.qualification_id]
    entries = [(qualification, code) for qualification in own]
    entries += [(entry.qualification, entry.code) for entry in part.also_in]
    if part is owner:  # a core task recurs, in part, where one of its work processes does
        for work_process in owner.work_processes.all():
            entries += [(entry.qualification, entry.code) for entry in work_process.also_in]
    seen, unique = set(), []
    for qualification, its_code in entries:
        if qualification.pk not in seen:
            seen.add(qualification.pk)
            unique.append((qualification, its_code))
    attach_parts([qualification for qualification, _ in unique])

    targets = []
    for qualification, its_code in unique:
        done_core_tasks = {
            ct.pk for ct in qualification.parts if part_keys(ct) & ticked_core_task_keys
        }
        done_work_processes = {
            wp.pk
            for ct in qualification.parts
            for wp in ct.work_processes.all()
            if part_keys(wp) & ticked_work_process_keys
        }
        targets.append(
            PathTarget(
                qualification=qualification,
                code=its_code,
                remaining=still_needed(
                    qualification,
                    done_core_task_ids=done_core_tasks,
                    done_work_process_ids=done_work_processes,
                ),
                done_core_task_ids=done_core_tasks,
                done_work_process_ids=done_work_processes,
                intake_ended_on=intake_ended_on(qualification),
            )
        )
    targets.sort(
        key=lambda target: (
            target.intake_ended_on is not None,
            target.remaining.remaining_work_process_count,
            target.qualification.crebo,
        )
    )
    return PartPath(
        dossier=dossier,
        part=part,
        core_task=owner,
        dossier_parts=core_tasks,
        ticked=ticked,
        unknown_codes=unknown,
        targets=targets,
    )
