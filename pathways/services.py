"""Writes for continuous pathways: drafting, the confirmation flow, DUO
registration, school-year numbers, uploads, import.

Every step that changes a route is written to the route's audit log
(`RouteEvent`) in the same transaction. The rules DL-01…DL-11 run through the
rule engine on the route's interchange document; error findings block the
step to the partner school and the partner's confirmation.
"""

import csv
import datetime
import io
import json
import zipfile
from collections.abc import Iterable
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.functional import lazy
from django.utils.translation import gettext as _gettext
from django.utils.translation import gettext_lazy as _

from accounts.models import Role
from core import boundary
from core.states import TransitionRefused
from notifications.selectors import recipients_in_organisation
from notifications.services import notify
from qualifications.models import Qualification
from regions.models import Organisation, Region
from rules.engine import validate_document

from .documents import CSV_COLUMNS, csv_row_to_document, route_to_document
from .models import ROUTE_TRANSITIONS, Route, RouteEvent, RouteYear

DEFAULT_MAX_UPLOAD_BYTES = 10 * 1024 * 1024
ALLOWED_EXTENSIONS = (".pdf", ".docx", ".odt")
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"

Status = Route.Status

# Which step may start from which status: declared with the model.
TRANSITIONS = ROUTE_TRANSITIONS


class TransitionNotAllowed(TransitionRefused):
    """The step is not possible in the route's status or for this user."""


class RulesFailed(Exception):
    """The rules found errors; the step was not taken. `report` has the findings."""

    def __init__(self, report):
        super().__init__("The route does not meet the rules.")
        self.report = report


# Permissions -------------------------------------------------------------------------


def may_draft_routes(user) -> bool:
    """True for a school author of a vmbo school or mbo institution: who drafts routes."""
    return user.is_authenticated and user.role == Role.SCHOOL_AUTHOR and user.organisation.is_school


def is_route_school_author(user, route: Route) -> bool:
    """True when the user is a school author at one of the route's two schools."""
    return (
        user.is_authenticated
        and user.role == Role.SCHOOL_AUTHOR
        and user.organisation_id in route.school_ids()
    )


def may_take(user, route: Route, action: str) -> bool:
    """Whether `user` may take `action` on `route` in its current status."""
    if not TRANSITIONS.allows(route.status, action) or not is_route_school_author(user, route):
        return False
    if action == "confirm":
        # The partner confirms: the school that did not send the route.
        return user.organisation_id != route.submitted_by_organisation_id
    return True


def _require(user, route: Route, action: str) -> None:
    if not is_route_school_author(user, route):
        raise PermissionDenied
    if not may_take(user, route, action):
        raise TransitionNotAllowed(
            _gettext("This step is not possible for this route in its current status.")
        )


def _log(route: Route, user, action: str, from_status: str, note: str = "") -> RouteEvent:
    return RouteEvent.objects.create(
        route=route,
        actor=user if user is not None and user.is_authenticated else None,
        action=action,
        from_state=from_status,
        to_state=route.status,
        note=note,
    )


def _locked(route: Route) -> Route:
    """The route re-read under a row lock, so two steps cannot cross."""
    return Route.objects.select_for_update().get(pk=route.pk)


# Rules -------------------------------------------------------------------------------


def check_route(route: Route):
    """Run DL-01…DL-11 (and the shared rules) on the route's interchange document.

    Returns the engine's report: `report.findings`, `report.valid`.
    """
    return validate_document(route_to_document(route))


def _require_rules(route: Route):
    report = check_route(route)
    if not report.valid:
        raise RulesFailed(report)
    return report


# Notifications -----------------------------------------------------------------------


def route_name(route: Route) -> str:
    """The route in words for a notification: the qualification with its crebo and
    level, and the two schools with their BRIN codes."""
    qualification = route.target_qualification
    return str(
        _(
            "%(qualification)s (crebo %(crebo)s, level %(level)s) from %(vmbo)s (%(vmbo_code)s) "
            "to %(mbo)s (%(mbo_code)s)"
        )
    ) % {
        "qualification": qualification.title,
        "crebo": qualification.crebo,
        "level": qualification.level,
        "vmbo": route.vmbo_school.name,
        "vmbo_code": route.vmbo_school.code,
        "mbo": route.mbo_institution.name,
        "mbo_code": route.mbo_institution.code,
    }


# A date in words in the language the notification is rendered in ("1 juni 2021").
_long_date = lazy(lambda day: date_format(day, "j F Y"), str)


def _school_name(organisation) -> str:
    return f"{organisation.name} ({organisation.code})"


def _notify_schools(route: Route, organisation_ids, *, kind, subject, body, params=None):
    """Notify the school authors of the given schools of the route, linking to it.
    The route is described in Dutch, as the notification is stored and e-mailed."""
    recipients = [
        user
        for organisation_id in organisation_ids
        for user in recipients_in_organisation(organisation_id, role=Role.SCHOOL_AUTHOR)
    ]
    with translation.override(settings.LANGUAGE_CODE):
        name = route_name(route)
    notify(
        recipients,
        kind=kind,
        subject=subject,
        body=body,
        url=reverse("pathways:route-detail", args=[route.pk]),
        params={"route": name, **(params or {})},
    )


def _other_school(route: Route, organisation_id):
    """The route's school that is not `organisation_id`."""
    if organisation_id == route.vmbo_school_id:
        return route.mbo_institution
    return route.vmbo_school


# Uploads -----------------------------------------------------------------------------


def max_upload_bytes() -> int:
    """The largest document a school may upload (setting PATHWAYS_MAX_UPLOAD_BYTES)."""
    return int(getattr(settings, "PATHWAYS_MAX_UPLOAD_BYTES", DEFAULT_MAX_UPLOAD_BYTES))


# A DOCX or ODT is a zip archive. Its directory states each entry's size before
# anything is unpacked: an archive that claims more than these limits, or whose
# entries shrank more than a real office document does, is refused unread (a
# "zip bomb" of 1 MB can unpack to gigabytes). Only the `mimetype` entry is ever
# read, and then at most MIMETYPE_READ_BYTES of it.
MAX_ZIP_ENTRIES = 2000
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
MAX_COMPRESSION_RATIO = 100
MIMETYPE_READ_BYTES = 200


class ArchiveTooLarge(Exception):
    """The archive's directory declares more than a document can hold."""


def _check_archive_directory(archive: zipfile.ZipFile) -> None:
    entries = archive.infolist()
    if len(entries) > MAX_ZIP_ENTRIES:
        raise ArchiveTooLarge
    total = 0
    for entry in entries:
        total += entry.file_size
        if total > MAX_UNPACKED_BYTES:
            raise ArchiveTooLarge
        # Tiny entries may shrink a lot (a run of spaces); judge the ratio from 1 MB on.
        if entry.file_size > 1024 * 1024 and entry.file_size > MAX_COMPRESSION_RATIO * max(
            entry.compress_size, 1
        ):
            raise ArchiveTooLarge


def _zip_names(uploaded) -> tuple[set[str], bytes]:
    """The entry names of a zip upload and the start of its `mimetype` entry.

    Raises ArchiveTooLarge, before unpacking anything, when the archive declares
    too many entries, too many bytes or an implausible compression ratio."""
    uploaded.seek(0)
    try:
        with zipfile.ZipFile(uploaded) as archive:
            _check_archive_directory(archive)
            names = set(archive.namelist())
            mimetype = b""
            if "mimetype" in names:
                # Bounded even if the directory lies about the entry's size.
                with archive.open("mimetype") as entry:
                    mimetype = entry.read(MIMETYPE_READ_BYTES)
    except (zipfile.BadZipFile, OSError, KeyError, EOFError, NotImplementedError, RuntimeError):
        return set(), b""
    finally:
        uploaded.seek(0)
    return names, mimetype


def validate_document_upload(uploaded) -> None:
    """Accept a PDF, DOCX or ODT file within the size limit; raise ValidationError otherwise.

    The extension and the content (magic bytes, and for DOCX/ODT the parts of
    the zip package) must agree.
    """
    boundary.validate_file_name(uploaded)
    limit = max_upload_bytes()
    if uploaded.size > limit:
        raise ValidationError(
            _("The file is larger than %(limit)s MB."),
            code="too_large",
            params={"limit": f"{limit / (1024 * 1024):g}"},
        )
    extension = Path(uploaded.name).suffix.lower()
    if extension not in ALLOWED_EXTENSIONS:
        raise ValidationError(_("Upload a PDF, DOCX or ODT file."), code="wrong_type")
    uploaded.seek(0)
    head = uploaded.read(8)
    uploaded.seek(0)
    if extension == ".pdf":
        ok = head.startswith(b"%PDF-")
    elif not head.startswith(b"PK\x03\x04"):
        ok = False
    else:
        try:
            names, mimetype = _zip_names(uploaded)
        except ArchiveTooLarge:
            raise ValidationError(
                _(
                    "The file unpacks to far more data than a document holds; it was "
                    "refused without being opened. Save it again from your word processor."
                ),
                code="archive_too_large",
            ) from None
        if extension == ".docx":
            ok = "[Content_Types].xml" in names and "word/document.xml" in names
        else:
            ok = mimetype.strip() == ODT_MIMETYPE
    if not ok:
        raise ValidationError(
            _("The content of the file does not match its extension %(extension)s."),
            code="wrong_content",
            params={"extension": extension},
        )


# Drafting ----------------------------------------------------------------------------

ROUTE_FIELDS = (
    "vmbo_school",
    "mbo_institution",
    "basis",
    "route_type",
    "vmbo_track",
    "target_qualification",
    "location",
    "start_date",
    "region",
    "exam_responsible",
    "agreement_signed_on",
    "switch_arrangement",
    "financial_arrangements",
    "fallback_destinations",
    "combined_pta_oer",
    "duo_status",
    "duo_date",
)


def _apply(route: Route, data: dict, documents: dict | None) -> None:
    for name in ROUTE_FIELDS:
        if name in data:
            setattr(route, name, data[name])
    for name, uploaded in (documents or {}).items():
        if uploaded:
            validate_document_upload(uploaded)
            setattr(route, f"{name}_name", Path(uploaded.name).name[:255])
            setattr(route, name, uploaded)


def _check_schools(route: Route) -> None:
    if route.vmbo_school.kind != Organisation.Kind.PREVOCATIONAL_SCHOOL:
        raise ValidationError({"vmbo_school": _("Choose a vmbo school.")})
    if route.mbo_institution.kind != Organisation.Kind.VET_INSTITUTION:
        raise ValidationError({"mbo_institution": _("Choose an mbo institution.")})


def check_unsaved_route(*, data: dict, route: Route | None = None):
    """Run the rules on form values without saving anything (the live check
    beside the form). `route` is the saved draft being changed, if any."""
    unsaved = Route()
    if route is not None:
        for name in ROUTE_FIELDS:
            setattr(unsaved, name, getattr(route, name))
    _apply(unsaved, data, None)
    return check_route(unsaved)


def _check_partners(partners) -> None:
    if any(partner.kind != Organisation.Kind.COMPANY for partner in partners):
        raise ValidationError({"partners": _("Partners of a route are companies.")})


@transaction.atomic
def create_route(*, user, data: dict, partners: Iterable = (), documents=None) -> Route:
    """Draft a new route. The user is a school author of one of its two schools."""
    if user.role != Role.SCHOOL_AUTHOR:
        raise PermissionDenied
    route = Route(created_by=user)
    _apply(route, data, documents)
    if user.organisation_id not in route.school_ids():
        raise PermissionDenied
    _check_schools(route)
    _check_partners(partners)
    route.save()
    route.partners.set(partners)
    _log(route, user, RouteEvent.Action.CREATED, "")
    return route


@transaction.atomic
def update_route(*, route: Route, user, data: dict, partners=None, documents=None) -> Route:
    """Change a draft. Either school may change it; it stays one of theirs."""
    route = _locked(route)
    _require(user, route, "edit")
    replaced = [
        getattr(route, name).name
        for name, uploaded in (documents or {}).items()
        if uploaded and getattr(route, name)
    ]
    _apply(route, data, documents)
    if user.organisation_id not in route.school_ids():
        raise PermissionDenied
    _check_schools(route)
    route.save()
    if partners is not None:
        _check_partners(partners)
        route.partners.set(partners)
    _log(route, user, RouteEvent.Action.UPDATED, route.status)
    # A replaced document is removed from disk once the new one is saved for good.
    storage = Route._meta.get_field("agreement_document").storage
    for name in replaced:
        transaction.on_commit(lambda name=name: storage.delete(name))
    return route


# The confirmation flow ---------------------------------------------------------------


@transaction.atomic
def submit_route(*, route: Route, user):
    """Send a draft to the partner school. Error findings block this step."""
    route = _locked(route)
    _require(user, route, "submit")
    report = _require_rules(route)
    before = route.status
    route.status = TRANSITIONS.target("submit")
    route.submitted_by_organisation_id = user.organisation_id
    route.save(update_fields=["status", "submitted_by_organisation", "updated_at"])
    _log(route, user, RouteEvent.Action.SUBMITTED, before)
    partner = _other_school(route, user.organisation_id)
    _notify_schools(
        route,
        [partner.pk],
        kind="pathway.submitted",
        subject=_("Route to confirm: %(route)s"),
        body=_(
            "%(sender)s sent you the continuous pathway %(route)s for confirmation. "
            "Check the route, then confirm it or return it to draft."
        ),
        params={"sender": _school_name(user.organisation)},
    )
    return report


@transaction.atomic
def return_route(*, route: Route, user, note: str = "") -> Route:
    """Send a route awaiting confirmation back to draft (withdraw, or decline as partner)."""
    route = _locked(route)
    _require(user, route, "return")
    before = route.status
    sender_id = route.submitted_by_organisation_id
    route.status = TRANSITIONS.target("return")
    route.submitted_by_organisation = None
    route.save(update_fields=["status", "submitted_by_organisation", "updated_at"])
    _log(route, user, RouteEvent.Action.RETURNED, before, note)
    if sender_id is not None and user.organisation_id != sender_id:
        # The partner declined: the school that sent the route hears of it.
        body = (
            _(
                "%(partner)s did not confirm the continuous pathway %(route)s and returned "
                "it to draft. Their reason: %(note)s"
            )
            if note
            else _(
                "%(partner)s did not confirm the continuous pathway %(route)s and returned "
                "it to draft."
            )
        )
        _notify_schools(
            route,
            [sender_id],
            kind="pathway.declined",
            subject=_("Route not confirmed: %(route)s"),
            body=body,
            params={"partner": _school_name(_other_school(route, sender_id)), "note": note},
        )
    return route


@transaction.atomic
def confirm_route(*, route: Route, user):
    """The partner school confirms; the rules run again and errors block."""
    route = _locked(route)
    _require(user, route, "confirm")
    _require_rules(route)
    before = route.status
    route.status = TRANSITIONS.target("confirm")
    route.save(update_fields=["status", "updated_at"])
    _log(route, user, RouteEvent.Action.CONFIRMED, before)
    sender_id = route.submitted_by_organisation_id or _other_school(route, user.organisation_id).pk
    _notify_schools(
        route,
        [sender_id],
        kind="pathway.confirmed",
        subject=_("Route confirmed: %(route)s"),
        body=_(
            "%(partner)s confirmed the continuous pathway %(route)s. "
            "Next, record its registration with DUO."
        ),
        params={"partner": _school_name(_other_school(route, sender_id))},
    )
    return route


@transaction.atomic
def record_duo_registration(*, route: Route, user, status: str, date) -> Route:
    """Record the DUO registration of a validated route; `registered` makes it active
    when the rules still find no errors."""
    route = _locked(route)
    _require(user, route, "record_duo")
    if status not in Route.DuoStatus.values:
        raise ValidationError({"status": _("Choose a DUO status.")})
    if status != Route.DuoStatus.NONE and date is None:
        raise ValidationError({"date": _("Give the date of the DUO registration.")})
    before = route.status
    duo_before = (route.duo_status, route.duo_date)
    route.duo_status = status
    route.duo_date = date
    if status == Route.DuoStatus.REGISTERED:
        # Reference data may have changed since the confirmation: check again.
        _require_rules(route)
        route.status = TRANSITIONS.target("record_duo", Status.ACTIVE)
    route.save(update_fields=["duo_status", "duo_date", "status", "updated_at"])
    _log(
        route,
        user,
        RouteEvent.Action.DUO_RECORDED,
        before,
        # The status code, not its label: the note is shown in each reader's language.
        f"{status} {date.isoformat() if date else ''}".strip(),
    )
    if (status, date) != duo_before:
        _notify_schools(
            route,
            route.school_ids(),
            kind="pathway.duo",
            subject=_("DUO registration changed: %(route)s"),
            body=(
                _(
                    "The DUO registration of the continuous pathway %(route)s is now: "
                    "%(status)s, on %(date)s."
                )
                if date
                else _(
                    "The DUO registration of the continuous pathway %(route)s is now: %(status)s."
                )
            ),
            params={
                "status": Route.DuoStatus(status).label,
                "date": _long_date(date) if date else "",
            },
        )
    return route


@transaction.atomic
def end_route(*, route: Route, user, ended_on: datetime.date | None = None) -> Route:
    """End an active route (no new students start)."""
    route = _locked(route)
    _require(user, route, "end")
    ended_on = ended_on or timezone.localdate()
    if ended_on < route.start_date:
        raise ValidationError({"ended_on": _("A route cannot end before it starts.")})
    before = route.status
    route.status = TRANSITIONS.target("end")
    route.ended_on = ended_on
    route.save(update_fields=["status", "ended_on", "updated_at"])
    _log(route, user, RouteEvent.Action.ENDED, before, ended_on.isoformat())
    return route


YEAR_FIELDS = (
    "started",
    "left_to_vmbo_bb",
    "left_to_mbo_2",
    "left_to_other_mbo",
    "left_to_entree",
    "left_without_place",
)


@transaction.atomic
def record_route_year(*, route: Route, user, school_year: str, counts: dict) -> RouteYear:
    """Record (or correct) the numbers of one school year: counts only, no names."""
    route = _locked(route)
    _require(user, route, "record_year")
    values = {name: int(counts.get(name) or 0) for name in YEAR_FIELDS}
    if any(value < 0 for value in values.values()):
        raise ValidationError(_("Numbers cannot be negative."))
    year = RouteYear(route=route, school_year=school_year, **values)
    year.full_clean(exclude=["route"], validate_unique=False)
    year, _created = RouteYear.objects.update_or_create(
        route=route, school_year=school_year, defaults=values
    )
    _log(route, user, RouteEvent.Action.YEAR_RECORDED, route.status, school_year)
    return year


# Import ------------------------------------------------------------------------------


class ImportFailed(Exception):
    """The import file has problems; nothing was saved. `errors` lists them by item."""

    def __init__(self, errors: list[str]):
        super().__init__("\n".join(errors))
        self.errors = errors


def _date(value):
    return datetime.date.fromisoformat(value) if value else None


def _route_from_document(document: dict) -> tuple[dict, list[str]]:
    """Model values for a document whose shape and rules passed, or problems."""
    problems = []
    organisations = {
        org.code: org
        for org in Organisation.objects.filter(
            code__in=[document.get("vmbo_school"), document.get("mbo_institution")]
        )
    }
    vmbo = organisations.get(document.get("vmbo_school"))
    mbo = organisations.get(document.get("mbo_institution"))
    region = Region.objects.filter(code=document.get("region")).first()
    qualification = Qualification.objects.filter(crebo=document.get("target_qualification")).first()
    if vmbo is None or vmbo.kind != Organisation.Kind.PREVOCATIONAL_SCHOOL:
        problems.append(_gettext("vmbo_school: no vmbo school with this code."))
    if mbo is None or mbo.kind != Organisation.Kind.VET_INSTITUTION:
        problems.append(_gettext("mbo_institution: no mbo institution with this code."))
    if region is None:
        problems.append(_gettext("region: no labour-market region with this code."))
    if qualification is None:
        problems.append(_gettext("target_qualification: no qualification with this crebo."))
    if problems:
        return {}, problems
    agreement = document.get("agreement") or {}
    duo = document.get("duo_registration") or {}
    values = {
        "vmbo_school": vmbo,
        "mbo_institution": mbo,
        "region": region,
        "target_qualification": qualification,
        "basis": document["basis"],
        "route_type": document["route_type"],
        "vmbo_track": document["vmbo_track"],
        "location": document["location"],
        "start_date": _date(document["start_date"]),
        "exam_responsible": document["exam_responsible"],
        "agreement_signed_on": _date(agreement.get("signed_on")),
        "switch_arrangement": agreement.get("switch_arrangement") or "",
        "financial_arrangements": agreement.get("financial_arrangements") or "",
        "fallback_destinations": list(agreement.get("fallback_destinations") or []),
        "combined_pta_oer": bool(document.get("combined_pta_oer")),
        "duo_status": duo.get("status") or Route.DuoStatus.NONE,
        "duo_date": _date(duo.get("date")),
    }
    return values, []


def import_documents(items: list[tuple[str, object]]) -> list[Route]:
    """Import routes given as (label, document) pairs; all or nothing.

    Each document must pass the rules (no error findings). A route with the
    same schools, qualification, track and start date is updated, so importing
    the same file twice changes nothing. Imported routes count as confirmed by
    both schools: active when DUO registered them, otherwise validated.
    Raises ImportFailed with one line per problem, prefixed by the item's label.
    """
    errors: list[str] = []
    prepared = []
    for label, document in items:
        report = validate_document(document)
        item_errors = [
            f"{finding.rule} {finding.path}: {finding.message.render()}".replace(" :", ":")
            for finding in report.findings
            if finding.severity == "error"
        ]
        values = {}
        if not item_errors:
            values, item_errors = _route_from_document(document)
        if item_errors:
            errors.extend(f"{label}: {problem}" for problem in item_errors)
        else:
            prepared.append((label, values))
    if errors:
        raise ImportFailed(errors)

    routes = []
    with transaction.atomic():
        for _label, values in prepared:
            status = (
                Status.ACTIVE
                if values["duo_status"] == Route.DuoStatus.REGISTERED
                else Status.VALIDATED
            )
            key = {
                name: values[name]
                for name in (
                    "vmbo_school",
                    "mbo_institution",
                    "target_qualification",
                    "vmbo_track",
                    "start_date",
                )
            }
            route = Route.objects.filter(**key).first()
            if route is None:
                route = Route(status=status, **values)
                route.save()
                _log(route, None, RouteEvent.Action.IMPORTED, "")
            else:
                changed = [name for name, value in values.items() if getattr(route, name) != value]
                if route.status in (Status.VALIDATED, Status.ACTIVE) and route.status != status:
                    changed.append("status")
                if changed:
                    before = route.status
                    for name, value in values.items():
                        setattr(route, name, value)
                    if route.status in (Status.VALIDATED, Status.ACTIVE):
                        route.status = status
                    route.save()
                    _log(route, None, RouteEvent.Action.IMPORTED, before, ", ".join(changed))
            routes.append(route)
    return routes


def _read_csv(name: str, text: str) -> list[tuple[str, object]]:
    """The rows of an import CSV as documents, each checked by the input boundary."""
    reader = csv.DictReader(io.StringIO(text))
    try:
        missing = [column for column in CSV_COLUMNS if column not in (reader.fieldnames or [])]
        if missing:
            raise ImportFailed(
                [
                    _gettext("%(file)s, line 1: missing columns: %(columns)s.")
                    % {"file": name, "columns": ", ".join(missing)}
                ]
            )
        items = []
        for row in reader:
            label = _gettext("%(file)s, line %(line)s") % {"file": name, "line": reader.line_num}
            document = csv_row_to_document(row)
            try:
                boundary.check_value(document)
            except boundary.Refused as refused:
                raise ImportFailed([f"{label}: {refused.render()}"]) from None
            items.append((label, document))
    except csv.Error as error:
        raise ImportFailed(
            [
                _gettext("%(file)s, line %(line)s: not valid CSV (%(error)s).")
                % {"file": name, "line": reader.line_num, "error": error}
            ]
        ) from error
    return items


def read_import_file(name: str, data: bytes) -> list[tuple[str, object]]:
    """Read a JSON file (one document or a list) or a CSV file (header row, columns
    as in `documents.CSV_COLUMNS`) into (label, document) pairs.

    Labels say where each document is: "item 2" in a JSON list, "line 3" in a CSV
    file (the header is line 1). Raises ImportFailed when the file cannot be read.
    """
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportFailed(
            [_gettext("%(file)s: the file is not UTF-8 text.") % {"file": name}]
        ) from error
    if name.lower().endswith(".csv"):
        return _read_csv(name, text)
    try:
        parsed = boundary.loads(text)
    except boundary.Refused as refused:
        raise ImportFailed([f"{name}: {refused.render()}"]) from None
    except json.JSONDecodeError as error:
        raise ImportFailed(
            [
                _gettext("%(file)s, line %(line)s: not valid JSON (%(error)s).")
                % {"file": name, "line": error.lineno, "error": error.msg}
            ]
        ) from error
    if isinstance(parsed, dict):
        return [(_gettext("%(file)s, item 1") % {"file": name}, parsed)]
    if isinstance(parsed, list):
        return [
            (_gettext("%(file)s, item %(number)s") % {"file": name, "number": number}, item)
            for number, item in enumerate(parsed, start=1)
        ]
    raise ImportFailed(
        [_gettext("%(file)s: expected one document or a list of documents.") % {"file": name}]
    )
