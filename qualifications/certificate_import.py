"""Import of mbo-certificates from CSV (docs/interchange.md):
`code,title,level,attached_to,qualification,core_task,keuzedeel,valid_from`.

`attached_to` is `part` (then `qualification` and `core_task` name the
vocational part, e.g. `25498,B1-K1`) or `keuzedeel` (then `keuzedeel` names
it); `valid_from` is an ISO date. Like the other reference-data imports: all
or nothing (one transaction; a bad line raises `CertificatesImportError` naming
file and line and nothing is written), idempotent (certificates are matched on
their code and updated in place), and recorded in an `ImportRun` (who, when,
every change). Certificates missing from the file are kept.
"""

import csv
import io
import re
from datetime import date
from pathlib import Path

from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext as _

from core import boundary

from .models import CoreTask, ElectiveModule, ImportRun, Qualification, VetCertificate
from .sbb_xml import ImportFailed
from .services import (
    ImportResult,
    _bulk_update,
    _check_size,
    _record_run,
    _start_run,
    _Tracker,
    fail_import_run,
)

COLUMNS = [
    "code",
    "title",
    "level",
    "attached_to",
    "qualification",
    "core_task",
    "keuzedeel",
    "valid_from",
]
CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,19}$")
CREBO = re.compile(r"^\d{5}$")
KEUZEDEEL = re.compile(r"^K\d{4}$")
ATTACHED_TO = ("part", "keuzedeel")
FIELDS = ["title", "level", "valid_from", "qualification_id", "core_task_id", "elective_id"]


class CertificatesImportError(ImportFailed):
    """Bad certificates CSV: bad header, code, level, date, or an unknown part or keuzedeel."""


def _read_rows(path: Path, file_name: str) -> list[tuple[int, dict]]:
    """The rows as (line, values); the header row is required."""
    _check_size(path, file_name, CertificatesImportError)
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CertificatesImportError(file_name, _("the file is not UTF-8 text.")) from None
    reader = csv.reader(io.StringIO(text, newline=""))
    rows = []
    header_seen = False
    try:
        for cells in reader:
            line = reader.line_num
            cells = [cell.strip() for cell in cells]
            if not any(cells):
                continue
            if not header_seen:
                if [cell.lower() for cell in cells] != COLUMNS:
                    raise CertificatesImportError(
                        file_name,
                        _("the first row must be the header %(columns)s.")
                        % {"columns": ",".join(COLUMNS)},
                        line,
                    )
                header_seen = True
                continue
            if len(cells) != len(COLUMNS):
                raise CertificatesImportError(
                    file_name,
                    _("the row has %(count)s columns instead of %(expected)s (%(columns)s).")
                    % {
                        "count": len(cells),
                        "expected": len(COLUMNS),
                        "columns": ",".join(COLUMNS),
                    },
                    line,
                )
            try:
                boundary.check_row(cells, COLUMNS)
            except boundary.Refused as refused:
                raise CertificatesImportError(file_name, refused.render(), line) from None
            rows.append((line, dict(zip(COLUMNS, cells, strict=True))))
    except csv.Error as error:
        raise CertificatesImportError(
            file_name, _("this is not valid CSV (%(reason)s).") % {"reason": error}, reader.line_num
        ) from None
    if not rows:
        raise CertificatesImportError(
            file_name, _("the file has no certificates (only a header row, or nothing).")
        )
    return rows


def _references(rows) -> tuple[dict, dict, dict]:
    """The qualifications, core tasks and keuzedelen the rows name, in three queries."""
    crebos = {row["qualification"] for _line, row in rows if CREBO.match(row["qualification"])}
    qualifications = {
        q.crebo: q for q in Qualification.objects.select_related("file").filter(crebo__in=crebos)
    }
    file_ids = {q.file_id for q in qualifications.values()}
    core_tasks = {}
    for task in CoreTask.objects.filter(file_id__in=file_ids).only(
        "pk", "file_id", "qualification_id", "code"
    ):
        core_tasks[(task.file_id, task.code.upper())] = task
    codes = {row["keuzedeel"].upper() for _line, row in rows if row["keuzedeel"]}
    electives = {e.code: e for e in ElectiveModule.objects.filter(code__in=codes)}
    return qualifications, core_tasks, electives


def _check_row(line, row, file_name, references, seen) -> dict:
    """The values to store for one row; raises CertificatesImportError on the first problem."""
    qualifications, core_tasks, electives = references

    def fail(message: str):
        raise CertificatesImportError(file_name, message, line)

    code = row["code"]
    if not CODE.match(code):
        fail(
            _(
                'the code "%(code)s" is not a certificate code (letters, digits, dots, '
                "hyphens; at most 20 characters)."
            )
            % {"code": code}
        )
    if code in seen:
        fail(
            _("the code %(code)s was already given on line %(line)s.")
            % {"code": code, "line": seen[code]}
        )
    seen[code] = line
    if not row["title"]:
        fail(_("certificate %(code)s has no title.") % {"code": code})
    if len(row["title"]) > 300:
        fail(_("the title of certificate %(code)s is longer than 300 characters.") % {"code": code})
    level = row["level"]
    if level not in ("1", "2", "3", "4"):
        fail(
            _('the level "%(level)s" of certificate %(code)s is not 1, 2, 3 or 4.')
            % {"level": level, "code": code}
        )
    try:
        valid_from = date.fromisoformat(row["valid_from"])
        boundary.check_year(valid_from, "valid_from")
    except boundary.Refused as refused:
        fail(refused.render())
    except ValueError:
        fail(
            _('the valid_from "%(value)s" of certificate %(code)s is not a date (YYYY-MM-DD).')
            % {"value": row["valid_from"], "code": code}
        )
    values = {
        "title": row["title"],
        "level": int(level),
        "valid_from": valid_from,
        "qualification_id": None,
        "core_task_id": None,
        "elective_id": None,
    }
    attached_to = row["attached_to"].lower()
    if attached_to not in ATTACHED_TO:
        fail(
            _('attached_to is "%(value)s"; it must be part or keuzedeel.')
            % {"value": row["attached_to"]}
        )
    if attached_to == "part":
        if row["keuzedeel"]:
            fail(
                _("certificate %(code)s is attached to a part, so the keuzedeel column is empty.")
                % {"code": code}
            )
        qualification = qualifications.get(row["qualification"])
        if qualification is None:
            fail(
                _("there is no qualification with crebo %(crebo)s (certificate %(code)s).")
                % {"crebo": row["qualification"] or "—", "code": code}
            )
        core_task = core_tasks.get((qualification.file_id, row["core_task"].upper()))
        if core_task is None or core_task.qualification_id not in (None, qualification.pk):
            fail(
                _(
                    "qualification %(title)s (%(crebo)s) has no core task %(task)s "
                    "(certificate %(code)s)."
                )
                % {
                    "title": qualification.title,
                    "crebo": qualification.crebo,
                    "task": row["core_task"] or "—",
                    "code": code,
                }
            )
        values["qualification_id"] = qualification.pk
        values["core_task_id"] = core_task.pk
    else:
        if row["qualification"] or row["core_task"]:
            fail(
                _(
                    "certificate %(code)s is attached to a keuzedeel, so the qualification "
                    "and core_task columns are empty."
                )
                % {"code": code}
            )
        elective = electives.get(row["keuzedeel"].upper())
        if elective is None:
            fail(
                _("there is no keuzedeel %(keuzedeel)s (certificate %(code)s).")
                % {"keuzedeel": row["keuzedeel"] or "—", "code": code}
            )
        values["elective_id"] = elective.pk
    return values


def import_certificates_csv(
    path, *, started_by=None, import_run: ImportRun | None = None
) -> ImportResult:
    """Import mbo-certificates from the CSV at `path`, all or nothing; see the module."""
    path = Path(path)
    result = ImportResult(file_name=import_run.file_name if import_run else path.name)
    _start_run(import_run)
    try:
        rows = _read_rows(path, result.file_name)
        references = _references(rows)
        seen: dict = {}
        checked = [
            (row["code"], _check_row(line, row, result.file_name, references, seen))
            for line, row in rows
        ]
        try:
            with transaction.atomic():
                _write(checked, _Tracker(result))
                _record_run(result, ImportRun.Kind.CERTIFICATES_CSV, started_by, import_run)
        except IntegrityError:
            raise CertificatesImportError(
                result.file_name,
                _(
                    "the file conflicts with data already stored; if another import ran "
                    "at the same time, try again."
                ),
            ) from None
    except ImportFailed as error:
        fail_import_run(import_run, str(error))
        raise
    return result


def _write(checked: list[tuple[str, dict]], track: _Tracker) -> None:
    codes = [code for code, _values in checked]
    existing = {row.code: row for row in VetCertificate.objects.filter(code__in=codes)}
    # The certificate made from the keuzedelen CSV's yes/no flag becomes the keuzedeel's
    # first certificate from this file, in place: whatever points at it keeps pointing at it.
    flagged = {}
    elective_ids = {values["elective_id"] for _code, values in checked if values["elective_id"]}
    for row in VetCertificate.objects.filter(elective_id__in=elective_ids, code="").order_by("pk"):
        flagged.setdefault(row.elective_id, row)
    new_rows, changed_rows = [], []
    for code, values in checked:
        label = _("certificate %(code)s") % {"code": code}
        row = existing.get(code)
        if row is None and values["elective_id"] in flagged:
            row = flagged.pop(values["elective_id"])
            track.update(row, label, {"code": code, **values})
            changed_rows.append(row)
        elif row is None:
            new_rows.append(VetCertificate(code=code, **values))
            track.added(label)
        elif track.update(row, label, values):
            changed_rows.append(row)
    _bulk_update(VetCertificate, changed_rows, ["code", *FIELDS])
    VetCertificate.objects.bulk_create(new_rows)
    if elective_ids:
        # A keuzedeel with a certificate of its own no longer needs another flag certificate;
        # the flag itself now says yes.
        leftover = VetCertificate.objects.filter(elective_id__in=elective_ids, code="")
        for certificate in leftover.select_related("elective"):
            track.removed(
                _("certificate of keuzedeel %(code)s") % {"code": certificate.elective.code}
            )
        try:
            with transaction.atomic():
                leftover.delete()
        except ProtectedError:
            raise CertificatesImportError(
                track.result.file_name,
                _(
                    "a certificate of a keuzedeel in the file is still used elsewhere "
                    "(for example by a certificate programme), so it cannot be replaced."
                ),
            ) from None
        ElectiveModule.objects.filter(pk__in=elective_ids, has_certificate=False).update(
            has_certificate=True
        )
