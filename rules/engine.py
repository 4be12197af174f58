"""The rule engine: one implementation of the rules for the command line, the
browser and the background jobs.

`validate_bytes(data)` reads a document as uploaded; `validate_document(doc)`
checks a parsed one. Both return a `Report`. The shape check (FMT-01) runs
first; when the document does not have the shape of its kind, the other rules
do not run (they may rely on the shape).
"""

import datetime
import json
from dataclasses import dataclass, field

from django.db import connection
from django.utils.translation import gettext_noop

from core import boundary
from qualifications.models import ElectiveModule, ImportRun, Qualification
from regions.models import Organisation, Region

from .context import RuleContext, kept_reference, read_named_reference
from .kinds import stamp_columns
from .registry import REGISTRY, Finding, Severity, load_rules, message, rules_for_kind

# Raise this whenever a rule is added or changed: every stored report then
# differs from the current stamp, so the periodic job checks the open and
# approved submissions again (2: issue 11, REG-01, QS-02, FMT-02, PP-06 and the
# changed DL-08, PP-04 and CO-04; 3: issue 15, RR-06 accepts the register's
# regional keuzedelen by RK code).
RULES_VERSION = 3
RULES_STAMP_PREFIX = "rules "

MAX_DOCUMENT_BYTES = 2 * 1024 * 1024
MAX_DEPTH = boundary.MAX_DEPTH
FORMAT_SOURCE = "docs/interchange.md"


def load_rule_modules() -> None:
    """Import every module that registers rules (idempotent; see `load_rules`:
    each app's `rules.py`, found without a list)."""
    load_rules()


@dataclass
class Report:
    """The outcome of validating one document."""

    kind: str | None
    findings: list[Finding]
    readable: bool = True
    watched_dates: set[datetime.date] = field(default_factory=set)

    @property
    def valid(self) -> bool:
        """True when the document was read and no finding is an error."""
        return self.readable and not any(f.severity == Severity.ERROR for f in self.findings)

    @property
    def recheck_on(self) -> datetime.date | None:
        """The first reference date, compared with today, that has not passed yet."""
        return min(self.watched_dates) if self.watched_dates else None

    def as_dict(self) -> dict:
        """The interchange output of `manage.py validate`."""
        return {
            "kind": self.kind,
            "valid": self.valid,
            "findings": [
                {key: value for key, value in f.as_dict().items() if key not in STORED_ONLY}
                for f in self.findings
            ],
        }


# Keys of a finding kept for showing it again later, not part of the interchange output.
STORED_ONLY = ("text", "params", "source_ref")


def unreadable_report(text: str, **params) -> Report:
    finding = Finding("FMT-01", Severity.ERROR, "", message(text, **params), FORMAT_SOURCE)
    return Report(kind=None, findings=[finding], readable=False)


# Python's JSON errors (English) as messages that are translated when shown.
JSON_ERRORS = (
    (
        "Expecting value",
        gettext_noop(
            "The file is not valid JSON: a value is missing at line %(line)s, column %(column)s."
        ),
    ),
    (
        "Expecting property name enclosed in double quotes",
        gettext_noop(
            "The file is not valid JSON: a field name in double quotes is missing at line "
            "%(line)s, column %(column)s."
        ),
    ),
    (
        "Expecting ':' delimiter",
        gettext_noop(
            "The file is not valid JSON: a colon (:) is missing at line %(line)s, column "
            "%(column)s."
        ),
    ),
    (
        "Expecting ',' delimiter",
        gettext_noop(
            "The file is not valid JSON: a comma (,) is missing at line %(line)s, column "
            "%(column)s."
        ),
    ),
    (
        "Unterminated string",
        gettext_noop(
            "The file is not valid JSON: the text that starts at line %(line)s, column "
            "%(column)s has no closing double quote."
        ),
    ),
    (
        "Invalid control character",
        gettext_noop(
            "The file is not valid JSON: a text contains a tab or line break at line %(line)s, "
            "column %(column)s."
        ),
    ),
    (
        "Extra data",
        gettext_noop(
            "The file is not valid JSON: something follows the end of the document at line "
            "%(line)s, column %(column)s."
        ),
    ),
)


def parse_bytes(data: bytes) -> tuple[object, Report | None]:
    """Parse uploaded bytes as JSON. Returns (document, None), or (None, report)
    with an FMT-01 finding when the bytes cannot be read as a JSON document."""
    if len(data) > MAX_DOCUMENT_BYTES:
        return None, unreadable_report(
            gettext_noop("The file is larger than %(limit)s MB."),
            limit=MAX_DOCUMENT_BYTES // (1024 * 1024),
        )
    if not data.strip():
        return None, unreadable_report(gettext_noop("The file is empty."))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None, unreadable_report(gettext_noop("The file is not UTF-8 text."))
    try:
        document = boundary.loads(text)
    except boundary.Refused as refused:
        return None, unreadable_report(refused.text, **refused.params)
    except json.JSONDecodeError as error:
        known = next((text for start, text in JSON_ERRORS if error.msg.startswith(start)), None)
        if known is not None:
            return None, unreadable_report(known, line=error.lineno, column=error.colno)
        return None, unreadable_report(
            gettext_noop(
                "The file is not valid JSON: %(error)s at line %(line)s, column %(column)s."
            ),
            error=error.msg,
            line=error.lineno,
            column=error.colno,
        )
    except MemoryError:
        return None, unreadable_report(gettext_noop("The JSON in the file is nested too deeply."))
    return document, None


def validate_document(
    document,
    *,
    today: datetime.date | None = None,
    submission_id=None,
    reference_rows: dict | None = None,
) -> Report:
    """Run FMT-01 and then every rule of the document's kind.

    Given the rows of `kept_reference_data()`, the reference data the rules read
    is kept by the process for the next validations: the background checks do."""
    load_rule_modules()
    kind = document.get("kind") if isinstance(document, dict) else None
    kind = kind if isinstance(kind, str) else None
    context = RuleContext(
        document if isinstance(document, dict) else {},
        today=today,
        submission_id=submission_id,
        reference=reference_rows,
    )
    shape = list(REGISTRY["FMT-01"].run(document, context))
    if shape:
        return Report(kind=kind, findings=shape)
    findings: list[Finding] = []
    for registered in rules_for_kind(kind):
        findings.extend(registered.run(document, context))
    return Report(kind=kind, findings=findings, watched_dates=context.watched_dates)


def validate_bytes(
    data: bytes, *, today: datetime.date | None = None, submission_id=None
) -> Report:
    """Read and validate a document given as the bytes of a file."""
    document, problem = parse_bytes(data)
    if problem is not None:
        return problem
    return validate_document(document, today=today, submission_id=submission_id)


def reference_data_stamp() -> str:
    """A short text that changes whenever the rules or the reference data they
    read change: the rules version, the last finished import, the changes the
    kinds register (`KindSpec.stamp_columns`: experiment and participation
    changes), organisation changes, and the number of organisations, regions,
    qualifications and keuzedelen. One query."""
    columns = (
        ("MAX(finished_at)", ImportRun),
        *stamp_columns(),
        ("MAX(updated_at)", Organisation),
        ("COUNT(*)", Organisation),
        ("COUNT(*)", Region),
        ("COUNT(*)", Qualification),
        ("COUNT(*)", ElectiveModule),
    )
    # Table names come from the models' metadata, quoted; there is no user input.
    quote = connection.ops.quote_name
    tables = [(expression, quote(model._meta.db_table)) for expression, model in columns]
    selects = [f"(SELECT {expression} FROM {table})" for expression, table in tables]  # noqa: S608
    sql = "SELECT " + ", ".join(selects)
    with connection.cursor() as cursor:
        cursor.execute(sql)
        row = cursor.fetchone()
    data = "|".join("-" if value is None else str(value) for value in row)
    return f"{RULES_STAMP_PREFIX}{RULES_VERSION}|{data}"


def kept_reference_data(documents=()) -> tuple[str, dict]:
    """The reference-data stamp and the reference rows that this process keeps
    for its background checks (`rules.context.kept_reference`): pass the rows to
    `validate_document(reference_rows=...)` and store the stamp with the report.

    Given the documents about to be checked, the rows they name that the process
    does not keep yet are read first, one query per table for them all
    (`rules.context.read_named_reference`)."""
    stamp, rows = kept_reference(reference_data_stamp)
    read_named_reference(documents, rows)
    return stamp, rows


def rules_version_of(stamp: str) -> str:
    """The rules version a stored stamp was made with ("" before versions were stamped)."""
    if not stamp.startswith(RULES_STAMP_PREFIX):
        return ""
    return stamp[len(RULES_STAMP_PREFIX) :].split("|", 1)[0]
