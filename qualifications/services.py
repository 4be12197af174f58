"""Writes to the national qualification structure: the SBB XML and keuzedelen imports.

Both imports are all-or-nothing per file (one transaction), idempotent (a second
run of the same file writes nothing) and update rows in place, so that rows in
other tables that point at a qualification, core task or work process keep
pointing at the same row after SBB publishes a new version. Each successful
import is recorded in an ``ImportRun`` with the fields that changed.
"""

import csv
import io
import logging
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.utils import timezone, translation
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from core import aggregates, boundary

from .models import (
    CoreTask,
    Domain,
    ElectiveModule,
    ImportRun,
    KnowledgeSkill,
    ProfileAddition,
    Qualification,
    QualificationFile,
    SectorChamber,
    VetCertificate,
    WorkProcess,
)
from .sbb_xml import ImportFailed, SbbFile, SbbImportError, parse_sbb_bytes
from .selectors import CACHE_TOPIC
from .text import normalize_title

logger = logging.getLogger(__name__)

ELECTIVE_COLUMNS = ["code", "title", "level", "sbu", "certificate"]
ELECTIVE_CODE = re.compile(r"^K\d{4}$")
YES_NO = {"yes": True, "ja": True, "no": False, "nee": False}


PROFILE_FIELDS = [
    "sbb_id",
    "crebo",
    "title",
    "normalized_title",
    "level",
    "study_load_hours",
    "programme_kind",
    "valid_from",
    "end_of_intake",
    "end_of_programme",
    "chapter",
]


class ElectivesImportError(ImportFailed):
    """Bad keuzedelen CSV: bad code, level, study load, certificate value or column count."""


@dataclass
class ImportResult:
    """What one import did. ``changed`` includes rows removed because the file dropped them."""

    file_name: str
    added: int = 0
    changed: int = 0
    unchanged: int = 0
    changes: list[dict] = field(default_factory=list)
    import_run: ImportRun | None = None

    @property
    def has_changes(self) -> bool:
        return bool(self.added or self.changed)

    def summary(self) -> str:
        """One line for people: the counts, or that nothing changed."""
        if not self.has_changes:
            return _("%(file)s: no changes (%(unchanged)s unchanged)") % {
                "file": self.file_name,
                "unchanged": self.unchanged,
            }
        return _("%(file)s: %(added)s added, %(changed)s changed, %(unchanged)s unchanged") % {
            "file": self.file_name,
            "added": self.added,
            "changed": self.changed,
            "unchanged": self.unchanged,
        }


def _json_value(value):
    if isinstance(value, date):
        return value.isoformat()
    return value


class _Tracker:
    """Counts rows and records field changes for the ImportRun."""

    def __init__(self, result: ImportResult):
        self.result = result

    def added(self, label: str) -> None:
        self.result.added += 1
        self.result.changes.append({"action": "added", "object": label})

    def removed(self, label: str) -> None:
        self.result.changed += 1
        self.result.changes.append({"action": "removed", "object": label})

    def update(self, instance, label: str, values: dict) -> bool:
        """Set ``values`` on ``instance``; record each difference. True when anything changed."""
        differences = []
        for name, new in values.items():
            old = getattr(instance, name)
            if old != new:
                differences.append(
                    {
                        "action": "changed",
                        "object": label,
                        "field": name,
                        "old": _json_value(old),
                        "new": _json_value(new),
                    }
                )
                setattr(instance, name, new)
        if differences:
            self.result.changed += 1
            self.result.changes.extend(differences)
            return True
        self.result.unchanged += 1
        return False


def _profile_label(crebo: str, title: str) -> str:
    """How the change log names a profile (in the current language): title and crebo."""
    return _("profile %(title)s (%(crebo)s)") % {"title": title, "crebo": crebo}


def _knowledge_skill_label(crebo: str, code: str, sbb_id: str) -> str:
    """How the change log names a knowledge-and-skill item of a core task."""
    return _("%(crebo)s %(code)s knowledge/skill %(id)s") % {
        "crebo": crebo,
        "code": code,
        "id": sbb_id,
    }


def _check_size(path: Path, file_name: str, error_class) -> None:
    """Refuse a file larger than SBB_IMPORT_MAX_BYTES before reading it."""
    try:
        size = path.stat().st_size
    except OSError as error:
        raise error_class(
            file_name, _("the file cannot be read (%(reason)s).") % {"reason": error.strerror}
        ) from None
    limit = settings.SBB_IMPORT_MAX_BYTES
    if size > limit:
        raise error_class(
            file_name,
            _(
                "the file is %(size)s bytes, more than the limit of %(limit)s bytes, "
                "so it was not read."
            )
            % {"size": size, "limit": limit},
        )


def _bulk_update(model, instances, fields, unique_field=None, temporary=None) -> None:
    """bulk_update; when ``unique_field`` is given, first move rows to temporary values.

    That lets two rows swap codes (or chapters) without tripping the unique
    constraint halfway.
    """
    if not instances:
        return
    if unique_field:
        finals = [getattr(instance, unique_field) for instance in instances]
        for instance in instances:
            setattr(instance, unique_field, temporary(instance))
        model.objects.bulk_update(instances, [unique_field])
        for instance, final in zip(instances, finals, strict=True):
            setattr(instance, unique_field, final)
    model.objects.bulk_update(instances, fields, batch_size=500)


def _sync_reference_lists(parsed: SbbFile, track: _Tracker) -> tuple[dict, dict]:
    """Upsert the domains and sector chambers listed in the file; return both by number."""
    maps = []
    for model, items in ((Domain, parsed.domains), (SectorChamber, parsed.sector_chambers)):
        existing = {row.number: row for row in model.objects.all()}
        new_rows, changed_rows = [], []
        for item in items:
            values = {"title": item.title}
            if model is Domain:
                values["crebo"] = item.crebo
            label = f"{model._meta.verbose_name} {item.number}"
            row = existing.get(item.number)
            if row is None:
                row = model(number=item.number, **values)
                new_rows.append(row)
                existing[item.number] = row
                track.added(label)
            elif track.update(row, label, values):
                changed_rows.append(row)
        if new_rows:
            # Another import may add the same row at the same moment: keep theirs.
            model.objects.bulk_create(new_rows, ignore_conflicts=True)
            numbers = [row.number for row in new_rows]
            existing.update({row.number: row for row in model.objects.filter(number__in=numbers)})
        if changed_rows:
            model.objects.bulk_update(changed_rows, list(values))
        maps.append(existing)
    return maps[0], maps[1]


def _write_sbb_file(parsed: SbbFile, track: _Tracker) -> QualificationFile:
    """Write one parsed file: the dossier, its profiles, core tasks, work processes and more."""
    name = parsed.file_name
    dossier = parsed.dossier
    domains, chambers = _sync_reference_lists(parsed, track)

    domain = domains.get(dossier.domain_number)
    if domain is None:
        raise SbbImportError(
            name,
            _("the dossier refers to domain %(number)s, which is not a known domain.")
            % {"number": dossier.domain_number},
            dossier.line,
        )
    chamber = None
    if dossier.sector_chamber_number:
        chamber = chambers.get(dossier.sector_chamber_number)
        if chamber is None:
            raise SbbImportError(
                name,
                _(
                    "the dossier refers to sector chamber %(number)s, "
                    "which is not a known sector chamber."
                )
                % {"number": dossier.sector_chamber_number},
                dossier.line,
            )

    # The dossier itself, matched on its crebo.
    file_values = {
        "number": dossier.number,
        "title": dossier.title,
        "normalized_title": normalize_title(dossier.title),
        "status": dossier.status,
        "version": dossier.version,
        "valid_from": dossier.valid_from,
        "end_of_intake": dossier.end_of_intake,
        "end_of_programme": dossier.end_of_programme,
        "domain_id": domain.pk,
        "sector_chamber_id": chamber.pk if chamber else None,
    }
    clash = QualificationFile.objects.filter(number=dossier.number).exclude(crebo=dossier.crebo)
    clash = clash.values_list("crebo", flat=True).first()
    if clash:
        raise SbbImportError(
            name,
            _("dossier number %(number)s already belongs to the dossier with crebo %(crebo)s.")
            % {"number": dossier.number, "crebo": clash},
            dossier.line,
        )
    file_label = _("dossier %(title)s (%(crebo)s)") % {
        "title": dossier.title,
        "crebo": dossier.crebo,
    }
    qualification_file = QualificationFile.objects.filter(crebo=dossier.crebo).first()
    if qualification_file is None:
        qualification_file = QualificationFile.objects.create(crebo=dossier.crebo, **file_values)
        track.added(file_label)
    elif track.update(qualification_file, file_label, file_values):
        qualification_file.save()

    _sync_profiles(parsed, qualification_file, track)
    return qualification_file


def _sync_profiles(parsed: SbbFile, qualification_file: QualificationFile, track: _Tracker):
    name = parsed.file_name
    dossier = parsed.dossier
    crebos = [profile.crebo for profile in dossier.profiles]
    taken = dict(
        Qualification.objects.filter(crebo__in=crebos)
        .exclude(file=qualification_file)
        .values_list("crebo", "file__crebo")
    )
    if taken:
        crebo, other = next(iter(taken.items()))
        raise SbbImportError(
            name,
            _("profile crebo %(crebo)s already belongs to the dossier with crebo %(other)s.")
            % {"crebo": crebo, "other": other},
            dossier.line,
        )

    # Profiles: match on SBB id, then crebo.
    existing = list(Qualification.objects.filter(file=qualification_file))
    rows = _match(dossier.profiles, existing, lambda _i, item: item.crebo, lambda row: row.crebo)
    matched, new_rows, changed_rows = {}, [], []
    profiles = {}
    for profile, row in zip(dossier.profiles, rows, strict=True):
        values = {  # the keys are PROFILE_FIELDS
            "sbb_id": profile.sbb_id,
            "chapter": profile.chapter,
            "crebo": profile.crebo,
            "title": profile.title,
            "normalized_title": normalize_title(profile.title),
            "level": profile.level,
            "study_load_hours": profile.study_load_hours,
            "programme_kind": profile.programme_kind,
            "valid_from": profile.valid_from,
            "end_of_intake": profile.end_of_intake,
            "end_of_programme": profile.end_of_programme,
        }
        label = _profile_label(profile.crebo, profile.title)
        if row is None:
            row = Qualification(file=qualification_file, **values)
            new_rows.append(row)
            track.added(label)
        else:
            matched[row.pk] = row
            if track.update(row, label, values):
                changed_rows.append(row)
        profiles[profile.chapter] = row
    # Profiles the file dropped are deleted at the end, after their core tasks had
    # the chance to move; until then they step aside from the chapter numbers.
    gone = [row for row in existing if row.pk not in matched]
    for index, row in enumerate(gone):
        row.chapter = 20000 + index
    if gone:
        Qualification.objects.bulk_update(gone, ["chapter"])
    _bulk_update(
        Qualification,
        changed_rows,
        PROFILE_FIELDS,
        unique_field="chapter",
        temporary=lambda row: 30000 + row.chapter,
    )
    Qualification.objects.bulk_create(new_rows)

    tasks = _sync_core_tasks(parsed, qualification_file, profiles, track)
    processes = _sync_work_processes(parsed, qualification_file, tasks, track)
    _sync_knowledge_skills(parsed, qualification_file, tasks, track)
    _sync_certificates(parsed, qualification_file, profiles, tasks, track)
    _sync_profile_additions(parsed, qualification_file, profiles, tasks, processes, track)
    _delete_unmatched(
        Qualification, existing, matched, lambda row: _profile_label(row.crebo, row.title), track
    )


def _delete_unmatched(model, existing, matched, label, track: _Tracker) -> None:
    """Delete rows the file no longer has; refuse when other records still point at them."""
    gone = [row for row in existing if row.pk not in matched]
    if not gone:
        return
    for row in gone:
        track.removed(label(row))
    try:
        with transaction.atomic():
            model.objects.filter(pk__in=[row.pk for row in gone]).delete()
    except ProtectedError:
        raise SbbImportError(
            track.result.file_name,
            _(
                "%(record)s is no longer in the file but other records still refer to it, "
                "so it cannot be removed."
            )
            % {"record": label(gone[0])},
        ) from None


def _match(items, existing, fallback_of_item, fallback_of_row) -> list:
    """Pair each parsed item with an existing row or None: first by SBB id, then by fallback.

    Each row is used once. Matching all items by SBB id before any by code (or
    crebo) keeps a renumbered part on its own row, so references to it stay right.
    """
    by_id = {row.sbb_id: row for row in existing}
    used, result = set(), [None] * len(items)
    for index, item in enumerate(items):
        row = by_id.get(item.sbb_id)
        if row is not None and row.pk not in used:
            result[index] = row
            used.add(row.pk)
    by_fallback = {fallback_of_row(row): row for row in existing if row.pk not in used}
    for index, item in enumerate(items):
        if result[index] is None:
            row = by_fallback.pop(fallback_of_item(index, item), None)
            if row is not None:
                result[index] = row
                used.add(row.pk)
    return result


def _parsed_core_tasks(parsed: SbbFile):
    """(chapter of the profile or None for the basis, core task data) for every core task."""
    for task in parsed.dossier.core_tasks:
        yield None, task
    for profile in parsed.dossier.profiles:
        for task in profile.core_tasks:
            yield profile.chapter, task


def _sync_core_tasks(parsed, qualification_file, profiles, track: _Tracker) -> dict:
    """Core tasks matched on SBB id, then code; returns the rows by SBB id."""
    crebo = qualification_file.crebo
    existing = list(CoreTask.objects.filter(file=qualification_file))
    items = list(_parsed_core_tasks(parsed))
    rows = _match(
        [task for _chapter, task in items],
        existing,
        lambda _i, task: task.code,
        lambda row: row.code,
    )
    matched, new_rows, changed_rows, result = {}, [], [], {}
    fields = ["sbb_id", "title", "normalized_title", "position", "qualification_id", "code"]
    for (chapter, task), row in zip(items, rows, strict=True):
        profile = profiles[chapter] if chapter is not None else None
        label = f"{crebo} {task.code}"
        if row is None:
            row = CoreTask(
                file=qualification_file,
                qualification=profile,
                code=task.code,
                sbb_id=task.sbb_id,
                title=task.title,
                normalized_title=normalize_title(task.title),
                position=task.position,
            )
            new_rows.append(row)
            track.added(label)
        else:
            matched[row.pk] = row
            values = {
                "sbb_id": task.sbb_id,
                "title": task.title,
                "normalized_title": normalize_title(task.title),
                "position": task.position,
                "qualification_id": profile.pk if profile else None,
                "code": task.code,
            }
            if track.update(row, label, values):
                changed_rows.append(row)
        result[task.sbb_id] = row
    _delete_unmatched(CoreTask, existing, matched, lambda row: f"{crebo} {row.code}", track)
    _bulk_update(
        CoreTask, changed_rows, fields, unique_field="code", temporary=lambda row: f"~{row.pk}"
    )
    CoreTask.objects.bulk_create(new_rows)
    return result


def _sync_work_processes(parsed, qualification_file, tasks, track: _Tracker) -> dict:
    """Work processes matched on SBB id, then (core task, code); returns the rows by SBB id."""
    crebo = qualification_file.crebo
    existing = list(WorkProcess.objects.filter(core_task__file=qualification_file))
    owners, processes = [], []
    for _chapter, task in _parsed_core_tasks(parsed):
        for process in task.work_processes:
            owners.append(tasks[task.sbb_id])
            processes.append(process)
    rows = _match(
        processes,
        existing,
        lambda index, process: (owners[index].pk, process.code),
        lambda row: (row.core_task_id, row.code),
    )
    matched, new_rows, changed_rows, result = {}, [], [], {}
    fields = ["core_task_id", "sbb_id", "title", "normalized_title", "position", "code"]
    for task_row, process, row in zip(owners, processes, rows, strict=True):
        values = {
            "core_task_id": task_row.pk,
            "sbb_id": process.sbb_id,
            "title": process.title,
            "normalized_title": normalize_title(process.title),
            "position": process.position,
            "code": process.code,
        }
        label = f"{crebo} {process.code}"
        if row is None:
            row = WorkProcess(**values)
            new_rows.append(row)
            track.added(label)
        else:
            matched[row.pk] = row
            if track.update(row, label, values):
                changed_rows.append(row)
        result[process.sbb_id] = row
    _delete_unmatched(WorkProcess, existing, matched, lambda row: f"{crebo} {row.code}", track)
    _bulk_update(
        WorkProcess, changed_rows, fields, unique_field="code", temporary=lambda row: f"~{row.pk}"
    )
    # The new rows get their primary keys back (PostgreSQL, SQLite 3.35+).
    WorkProcess.objects.bulk_create(new_rows, batch_size=500)
    return result


def _sync_knowledge_skills(parsed, qualification_file, tasks, track: _Tracker) -> None:
    """Knowledge and skills per core task, matched on (core task, SBB id)."""
    crebo = qualification_file.crebo
    existing = list(KnowledgeSkill.objects.filter(core_task__file=qualification_file))
    by_key = {(row.core_task_id, row.sbb_id): row for row in existing}
    codes = {row.pk: row.code for row in tasks.values()}
    matched, new_rows, changed_rows = {}, [], []
    for _chapter, task in _parsed_core_tasks(parsed):
        task_row = tasks[task.sbb_id]
        for skill in task.knowledge_skills:
            row = by_key.get((task_row.pk, skill.sbb_id))
            label = _knowledge_skill_label(crebo, task.code, skill.sbb_id)
            values = {"text": skill.text, "position": skill.position}
            if row is None:
                new_rows.append(KnowledgeSkill(core_task=task_row, sbb_id=skill.sbb_id, **values))
                track.added(label)
            else:
                matched[row.pk] = row
                if track.update(row, label, values):
                    changed_rows.append(row)
    _delete_unmatched(
        KnowledgeSkill,
        existing,
        matched,
        lambda row: _knowledge_skill_label(crebo, codes.get(row.core_task_id, ""), row.sbb_id),
        track,
    )
    _bulk_update(KnowledgeSkill, changed_rows, ["text", "position"])
    KnowledgeSkill.objects.bulk_create(new_rows, batch_size=500)


def _sync_profile_additions(
    parsed, qualification_file, profiles, tasks, processes, track: _Tracker
) -> None:
    """Per-profile additions on basis core tasks and their work processes,
    matched on (core task, work process, profile, aspect)."""
    crebo = qualification_file.crebo
    existing = list(ProfileAddition.objects.filter(core_task__file=qualification_file))
    by_key = {
        (row.core_task_id, row.work_process_id, row.qualification_id, row.aspect): row
        for row in existing
    }
    profile_rows = {
        profile.sbb_id: profiles[profile.chapter] for profile in parsed.dossier.profiles
    }
    codes = {row.pk: row.code for row in tasks.values()}
    profile_crebos = {row.pk: row.crebo for row in profiles.values()}

    def label(code, aspect, profile_crebo):
        return _("addition to %(code)s (%(aspect)s) for profile %(profile)s") % {
            "code": f"{crebo} {code}",
            "aspect": aspect,
            "profile": profile_crebo,
        }

    matched, new_rows, changed_rows = {}, [], []
    for task in parsed.dossier.core_tasks:
        task_row = tasks[task.sbb_id]
        for addition in task.additions:
            process = processes.get(addition.work_process_sbb_id)
            profile = profile_rows[addition.profile_sbb_id]
            key = (task_row.pk, process.pk if process else None, profile.pk, addition.aspect)
            values = {
                "text": addition.text,
                "normalized_text": normalize_title(addition.text),
                "position": addition.position,
            }
            row_label = label(
                process.code if process else task.code, addition.aspect, profile.crebo
            )
            row = by_key.get(key)
            if row is None:
                new_rows.append(
                    ProfileAddition(
                        core_task=task_row,
                        work_process=process,
                        qualification=profile,
                        aspect=addition.aspect,
                        **values,
                    )
                )
                track.added(row_label)
            else:
                matched[row.pk] = row
                if track.update(row, row_label, values):
                    changed_rows.append(row)
    _delete_unmatched(
        ProfileAddition,
        existing,
        matched,
        lambda row: label(
            codes.get(row.core_task_id, ""),
            row.aspect,
            profile_crebos.get(row.qualification_id, "?"),
        ),
        track,
    )
    _bulk_update(ProfileAddition, changed_rows, ["text", "normalized_text", "position"])
    ProfileAddition.objects.bulk_create(new_rows, batch_size=500)


def _sync_certificates(parsed, qualification_file, profiles, tasks, track: _Tracker) -> None:
    """Certificates of profiles, matched on (profile, SBB id)."""
    # Certificates with a code of their own come from the certificates CSV, not from the file.
    existing = list(VetCertificate.objects.filter(qualification__file=qualification_file, code=""))
    by_key = {(row.qualification_id, row.sbb_id): row for row in existing}
    matched, new_rows, changed_rows = {}, [], []
    for profile in parsed.dossier.profiles:
        profile_row = profiles[profile.chapter]
        for certificate in profile.certificates:
            task_row = tasks.get(certificate.core_task_sbb_id)
            values = {"title": certificate.title, "core_task_id": task_row.pk if task_row else None}
            label = _("certificate %(id)s of profile %(crebo)s") % {
                "id": certificate.sbb_id,
                "crebo": profile.crebo,
            }
            row = by_key.get((profile_row.pk, certificate.sbb_id))
            if row is None:
                new_rows.append(
                    VetCertificate(qualification=profile_row, sbb_id=certificate.sbb_id, **values)
                )
                track.added(label)
            else:
                matched[row.pk] = row
                if track.update(row, label, values):
                    changed_rows.append(row)
    _delete_unmatched(
        VetCertificate,
        existing,
        matched,
        lambda row: _("certificate %(id)s") % {"id": row.sbb_id},
        track,
    )
    _bulk_update(VetCertificate, changed_rows, ["title", "core_task_id"])
    VetCertificate.objects.bulk_create(new_rows)


def _start_run(import_run: ImportRun | None) -> None:
    if import_run is not None:
        import_run.status = ImportRun.Status.RUNNING
        import_run.progress = 10
        import_run.save(update_fields=["status", "progress"])


def fail_import_run(import_run: ImportRun | None, message: str) -> None:
    """Mark the run as finished with `message` as its error (nothing when there is no run)."""
    if import_run is not None:
        import_run.status = ImportRun.Status.FAILED
        import_run.error = message
        import_run.progress = 100
        import_run.finished_at = timezone.now()
        import_run.save(update_fields=["status", "error", "progress", "finished_at"])


def _record_run(
    result: ImportResult, kind: str, started_by, import_run: ImportRun | None
) -> ImportRun:
    """Save the outcome in the given ImportRun, or a new one."""
    if import_run is None:
        import_run = ImportRun(kind=kind, file_name=result.file_name, started_by=started_by)
    import_run.status = ImportRun.Status.SUCCEEDED
    import_run.progress = 100
    import_run.added = result.added
    import_run.changed = result.changed
    import_run.unchanged = result.unchanged
    import_run.changes = result.changes
    import_run.error = ""
    import_run.finished_at = timezone.now()
    import_run.save()
    result.import_run = import_run
    return import_run


def import_sbb_file(path, *, started_by=None, import_run: ImportRun | None = None) -> ImportResult:
    """Import one SBB kwalificatiedossier XML file, all or nothing.

    A dossier is matched on its dossier crebo and updated in place; profiles on
    SBB id then crebo; core tasks and work processes on SBB id then code.
    Running the same file twice writes nothing (all rows "unchanged"). The
    outcome is saved in ``import_run`` (or a new ImportRun). Raises
    SbbImportError with one sentence naming the file (and line) on bad input;
    the database is then as before, except that a given ``import_run`` is
    marked failed.
    """
    path = Path(path)
    result = ImportResult(file_name=import_run.file_name if import_run else path.name)
    _start_run(import_run)
    try:
        _check_size(path, result.file_name, SbbImportError)
        parsed = parse_sbb_bytes(path.read_bytes(), result.file_name)
        if import_run is not None:
            import_run.progress = 40
            import_run.save(update_fields=["progress"])
        try:
            with transaction.atomic():
                _write_sbb_file(parsed, _Tracker(result))
                _record_run(result, ImportRun.Kind.SBB_XML, started_by, import_run)
                # Bulk writes send no signals: the cached "also in" lists go here.
                aggregates.invalidate(CACHE_TOPIC)
        except IntegrityError:
            logger.exception("SBB import of %s hit a database constraint", result.file_name)
            raise SbbImportError(
                result.file_name,
                _(
                    "the file conflicts with data already stored; if another import ran "
                    "at the same time, try again."
                ),
                parsed.dossier.line,
            ) from None
    except ImportFailed as error:
        fail_import_run(import_run, str(error))
        raise
    return result


def _read_electives(path: Path, file_name: str) -> list[dict]:
    """Parse and check the keuzedelen CSV; every problem names its line."""
    _check_size(path, file_name, ElectivesImportError)
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ElectivesImportError(file_name, _("the file is not UTF-8 text.")) from None
    rows = []
    seen = {}
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        for cells in reader:
            line = reader.line_num
            cells = [cell.strip() for cell in cells]
            if not any(cells):
                continue
            if not rows and not seen and cells and cells[0].lower() == "code":
                if [cell.lower() for cell in cells] != ELECTIVE_COLUMNS:
                    raise ElectivesImportError(
                        file_name,
                        _("the header row must be %(columns)s.")
                        % {"columns": ",".join(ELECTIVE_COLUMNS)},
                        line,
                    )
                seen[None] = line
                continue
            try:
                boundary.check_row(cells, ELECTIVE_COLUMNS)
            except boundary.Refused as refused:
                raise ElectivesImportError(file_name, refused.render(), line) from None
            rows.append(_elective_row(cells, file_name, line, seen))
    except csv.Error as error:
        raise ElectivesImportError(
            file_name, _("this is not valid CSV (%(reason)s).") % {"reason": error}, reader.line_num
        ) from None
    return rows


def _elective_row(cells: list[str], file_name: str, line: int, seen: dict) -> dict:
    def fail(message: str):
        raise ElectivesImportError(file_name, message, line)

    if len(cells) != len(ELECTIVE_COLUMNS):
        fail(
            _("the row has %(count)s columns instead of %(expected)s (%(columns)s).")
            % {
                "count": len(cells),
                "expected": len(ELECTIVE_COLUMNS),
                "columns": ",".join(ELECTIVE_COLUMNS),
            }
        )
    code, title, level, sbu, certificate = cells
    if not ELECTIVE_CODE.match(code):
        fail(
            _('the code "%(code)s" is not a keuzedeel code (K followed by 4 digits).')
            % {"code": code}
        )
    if code in seen:
        fail(
            _("the code %(code)s was already given on line %(line)s.")
            % {"code": code, "line": seen[code]}
        )
    seen[code] = line
    if not title:
        fail(_("keuzedeel %(code)s has no title.") % {"code": code})
    if level and level not in ("1", "2", "3", "4"):
        fail(
            _('the level "%(level)s" of keuzedeel %(code)s is not empty, 1, 2, 3 or 4.')
            % {"level": level, "code": code}
        )
    # isascii: "²" is a digit to isdigit() but no number to int().
    if not (sbu.isascii() and sbu.isdigit()) or not sbu.strip("0"):
        fail(
            _('the study load "%(sbu)s" of keuzedeel %(code)s is not a positive whole number.')
            % {"sbu": sbu[:20], "code": code}
        )
    if len(sbu) > 6 or int(sbu) > boundary.MAX_HOURS:
        fail(
            _("the study load %(sbu)s of keuzedeel %(code)s is more than %(max)s hours.")
            % {"sbu": sbu[:20], "code": code, "max": boundary.MAX_HOURS}
        )
    if certificate.lower() not in YES_NO:
        fail(
            _('the certificate value "%(value)s" of keuzedeel %(code)s is not yes or no.')
            % {"value": certificate, "code": code}
        )
    return {
        "code": code,
        "title": title,
        "normalized_title": normalize_title(title),
        "level": int(level) if level else None,
        "study_load_hours": int(sbu),
        "has_certificate": YES_NO[certificate.lower()],
    }


def import_electives_csv(
    path, *, started_by=None, import_run: ImportRun | None = None
) -> ImportResult:
    """Import keuzedelen from a CSV ``code,title,level,sbu,certificate``, all or nothing.

    A header row is optional. Keuzedelen are matched on code and updated in
    place; ones missing from the file are kept. ``certificate=yes`` gives the
    keuzedeel one VetCertificate (with the keuzedeel's title); ``no`` removes it.
    Raises ElectivesImportError naming file and line on bad input, writing nothing.
    """
    path = Path(path)
    result = ImportResult(file_name=import_run.file_name if import_run else path.name)
    _start_run(import_run)
    try:
        rows = _read_electives(path, result.file_name)
        track = _Tracker(result)
        with transaction.atomic():
            existing = {
                row.code: row
                for row in ElectiveModule.objects.filter(code__in=[r["code"] for r in rows])
            }
            certificates = {
                row.elective_id: row
                for row in VetCertificate.objects.filter(elective__in=existing.values(), code="")
            }
            # Keuzedelen with a certificate from the certificates CSV need no flag certificate.
            coded = set(
                VetCertificate.objects.filter(elective__in=existing.values())
                .exclude(code="")
                .values_list("elective_id", flat=True)
            )
            new_rows, changed_rows = [], []
            for values in rows:
                code = values.pop("code")
                row = existing.get(code)
                if row is None:
                    row = ElectiveModule(code=code, **values)
                    new_rows.append(row)
                    track.added(f"keuzedeel {code}")
                elif track.update(row, f"keuzedeel {code}", values):
                    changed_rows.append(row)
                existing[code] = row
            fields = ["title", "normalized_title", "level", "study_load_hours", "has_certificate"]
            _bulk_update(ElectiveModule, changed_rows, fields)
            ElectiveModule.objects.bulk_create(new_rows)
            _sync_elective_certificates(existing.values(), certificates, track, coded)
            _record_run(result, ImportRun.Kind.ELECTIVES_CSV, started_by, import_run)
    except ImportFailed as error:
        fail_import_run(import_run, str(error))
        raise
    return result


def _sync_elective_certificates(
    electives, certificates: dict, track: _Tracker, coded: set = frozenset()
) -> None:
    new_rows, changed_rows, gone = [], [], []
    for elective in electives:
        if elective.pk in coded:
            continue
        certificate = certificates.get(elective.pk)
        label = _("certificate of keuzedeel %(code)s") % {"code": elective.code}
        if elective.has_certificate and certificate is None:
            new_rows.append(VetCertificate(elective=elective, title=elective.title))
            track.added(label)
        elif elective.has_certificate:
            if track.update(certificate, label, {"title": elective.title}):
                changed_rows.append(certificate)
        elif certificate is not None:
            gone.append(certificate.pk)
            track.removed(label)
    try:
        with transaction.atomic():
            VetCertificate.objects.filter(pk__in=gone).delete()
    except ProtectedError:
        raise ElectivesImportError(
            track.result.file_name,
            _(
                "a keuzedeel in the file no longer has a certificate, but its certificate "
                "is still used elsewhere (for example by a certificate programme), so it "
                "cannot be removed."
            ),
        ) from None
    _bulk_update(VetCertificate, changed_rows, ["title"])
    VetCertificate.objects.bulk_create(new_rows)


def stored_import_path(import_run: ImportRun) -> Path:
    """Where the uploaded file of `import_run` is kept (under MEDIA_ROOT, not web-served)."""
    safe_name = get_valid_filename(import_run.file_name) or "upload"
    # A file system takes at most 255 bytes per name: letters with accents take two.
    while len(safe_name.encode()) > 200:
        safe_name = safe_name[:-1]
    return Path(settings.MEDIA_ROOT) / "imports" / f"{import_run.pk}-{safe_name}"


def queue_import(upload, kind: str, *, started_by) -> ImportRun:
    """Store an uploaded file, create its ImportRun (queued) and queue the import task.

    Without a broker the task runs at once (eagerly); the run then already
    holds the outcome when this returns.
    """
    from .tasks import run_import  # the task module imports this one

    import_run = ImportRun.objects.create(
        kind=kind, file_name=Path(upload.name).name[:255], started_by=started_by
    )
    path = stored_import_path(import_run)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        for chunk in upload.chunks():
            handle.write(chunk)
    run_import.delay(import_run.pk, translation.get_language())
    return import_run
