"""Writes for practice statements: issue (after the rules), withdraw with a
reason, and anonymise the statements whose retention period has passed."""

import datetime
import secrets

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Role
from qualifications.models import Qualification
from regions.models import Organisation
from rules.engine import Report, validate_document
from rules.registry import Severity

from .kind import PRACTICE_STATEMENT
from .models import PracticeStatement
from .selectors import CODE_ALPHABET, CODE_LENGTH

FORMAT = "vet-submission/1"
# Years after the end of the learning period that the names are kept (README).
DEFAULT_RETENTION_YEARS = 10


class StatementRefused(ValidationError):
    """The document breaks a rule (or is not a statement of the user's school)."""

    def __init__(self, message, report: Report | None = None):
        super().__init__(message)
        self.report = report


def may_issue(user) -> bool:
    """School authors of an mbo institution issue practice statements (PV-02)."""
    return (
        user.is_authenticated
        and user.role == Role.SCHOOL_AUTHOR
        and user.organisation is not None
        and user.organisation.kind == Organisation.Kind.VET_INSTITUTION
    )


def new_code() -> str:
    """An unguessable verification code: 16 characters of base 32 (80 random bits)."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def check(document: dict, *, today: datetime.date | None = None) -> Report:
    """The rules' findings for a statement document (FMT-01, PV-01…PV-04, QS-02, …)."""
    return validate_document(document, today=today)


def _errors(report: Report) -> list:
    return [finding for finding in report.findings if finding.severity == Severity.ERROR]


def issue(*, user, document: dict, today: datetime.date | None = None) -> PracticeStatement:
    """Issue the statement a document describes, for the user's school.

    Refused (`StatementRefused`, with the report) when the document is not a
    practice statement of the user's school or a rule reports an error."""
    if not may_issue(user):
        raise PermissionDenied
    if not isinstance(document, dict) or document.get("kind") != PRACTICE_STATEMENT:
        raise StatementRefused(_("The document is not a practice statement."))
    if document.get("school") != user.organisation.code:
        raise StatementRefused(
            _("The statement is not issued by your school (%(code)s).")
            % {"code": user.organisation.code}
        )
    today = today or timezone.localdate()
    document = {**document, "issued_on": document.get("issued_on") or today.isoformat()}
    report = check(document, today=today)
    if _errors(report):
        raise StatementRefused(_("The statement breaks a rule; nothing was issued."), report=report)
    values = {
        "school": user.organisation,
        "qualification": Qualification.objects.get(crebo=document["qualification"]),
        "company": Organisation.objects.get(
            code=document["company"], kind=Organisation.Kind.COMPANY
        ),
        "trainer": document["trainer"].strip(),
        "learner_name": document["learner"]["name"].strip(),
        "period_start": datetime.date.fromisoformat(document["period"]["start"]),
        "period_end": datetime.date.fromisoformat(document["period"]["end"]),
        "issued_on": datetime.date.fromisoformat(document["issued_on"]),
        "work_processes": list(document["work_processes"]),
        "issued_by": user,
    }
    if not values["learner_name"]:
        raise StatementRefused(_("Give the learner's name."), report=report)
    for _attempt in range(5):
        try:
            with transaction.atomic():
                return PracticeStatement.objects.create(code=new_code(), **values)
        except IntegrityError:  # the same code twice: vanishingly rare, draw again
            continue
    raise StatementRefused(_("No verification code could be made; please try again."))


def as_document(statement: PracticeStatement) -> dict:
    """The statement in the interchange format (docs/interchange.md)."""
    return {
        "format": FORMAT,
        "kind": PRACTICE_STATEMENT,
        "school": statement.school.code,
        "learner": {"name": statement.learner_name},
        "qualification": statement.qualification.crebo,
        "company": statement.company.code,
        "trainer": statement.trainer,
        "period": {
            "start": statement.period_start.isoformat(),
            "end": statement.period_end.isoformat(),
        },
        "issued_on": statement.issued_on.isoformat(),
        "work_processes": list(statement.work_processes),
    }


@transaction.atomic
def withdraw(*, user, statement: PracticeStatement, reason: str) -> PracticeStatement:
    """Withdraw an issued statement with a reason; who and when are kept."""
    if not may_issue(user) or user.organisation_id != statement.school_id:
        raise PermissionDenied
    reason = (reason or "").strip()
    if not reason:
        raise StatementRefused(_("Give the reason for withdrawing the statement."))
    locked = PracticeStatement.objects.select_for_update().get(pk=statement.pk)
    if locked.withdrawn_at is not None:
        raise StatementRefused(_("This statement has already been withdrawn."))
    locked.withdrawn_at = timezone.now()
    locked.withdrawn_by = user
    locked.withdrawal_reason = reason
    locked.save(update_fields=["withdrawn_at", "withdrawn_by", "withdrawal_reason"])
    return locked


def retention_years() -> int:
    return int(getattr(settings, "STATEMENTS_RETENTION_YEARS", DEFAULT_RETENTION_YEARS))


def retention_cutoff(today: datetime.date, years: int) -> datetime.date:
    """Statements whose period ended before this date are past their retention."""
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)


def anonymise_expired(*, today: datetime.date | None = None, years: int | None = None) -> int:
    """Remove the learner's and the trainer's names from the statements whose
    learning period ended more than `years` (default: the setting) ago; the
    rest of the statement stays, so its code still verifies what was learned.
    Returns how many statements were anonymised."""
    today = today or timezone.localdate()
    years = retention_years() if years is None else years
    return PracticeStatement.objects.filter(
        anonymised_at__isnull=True, period_end__lt=retention_cutoff(today, years)
    ).update(learner_name="", trainer="", anonymised_at=timezone.now())
