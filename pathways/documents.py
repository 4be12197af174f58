"""A route in the interchange format (`continuous_pathway`, docs/interchange.md)."""

from rules.schema import FORMAT

from .kinds import CONTINUOUS_PATHWAY

KIND = CONTINUOUS_PATHWAY

# CSV columns: the document's fields, nested ones joined with a dot.
CSV_COLUMNS = [
    "basis",
    "vmbo_school",
    "mbo_institution",
    "region",
    "route_type",
    "vmbo_track",
    "target_qualification",
    "location",
    "start_date",
    "exam_responsible",
    "agreement.signed_on",
    "agreement.switch_arrangement",
    "agreement.financial_arrangements",
    "agreement.fallback_destinations",
    "combined_pta_oer",
    "duo_registration.status",
    "duo_registration.date",
]


def _iso(day) -> str | None:
    return day.isoformat() if day else None


def route_to_document(route) -> dict:
    """The route as a `continuous_pathway` interchange document (a plain dict)."""
    return {
        "format": FORMAT,
        "kind": KIND,
        "basis": route.basis,
        "vmbo_school": route.vmbo_school.code,
        "mbo_institution": route.mbo_institution.code,
        "region": route.region.code,
        "route_type": route.route_type,
        "vmbo_track": route.vmbo_track,
        "target_qualification": route.target_qualification_id,
        "location": route.location,
        "start_date": _iso(route.start_date),
        "exam_responsible": route.exam_responsible,
        "agreement": {
            "signed_on": _iso(route.agreement_signed_on),
            "switch_arrangement": route.switch_arrangement,
            "financial_arrangements": route.financial_arrangements,
            "fallback_destinations": list(route.fallback_destinations or []),
        },
        "combined_pta_oer": route.combined_pta_oer,
        "duo_registration": {"status": route.duo_status, "date": _iso(route.duo_date)},
    }


# Each column's path in a document, split once (the ministry's download has thousands of rows).
_CSV_PATHS = [(column, tuple(column.split("."))) for column in CSV_COLUMNS]


def document_to_csv_row(document: dict) -> dict:
    """Flatten a document into one CSV row (lists joined with ";", booleans yes/no)."""
    row = {}
    for column, keys in _CSV_PATHS:
        value = document
        for key in keys:
            value = value.get(key) if isinstance(value, dict) else None
        if isinstance(value, bool):
            value = "yes" if value else "no"
        elif isinstance(value, list):
            value = ";".join(value)
        row[column] = "" if value is None else value
    return row


def csv_row_to_document(row: dict) -> dict:
    """Build a document from one CSV row (the inverse of `document_to_csv_row`)."""
    document: dict = {"format": FORMAT, "kind": KIND}
    for column in CSV_COLUMNS:
        raw = (row.get(column) or "").strip()
        if column == "agreement.fallback_destinations":
            value = [item.strip() for item in raw.split(";") if item.strip()]
        elif column == "combined_pta_oer":
            value = {"yes": True, "no": False, "": False}.get(raw.lower(), raw)
        elif raw == "" and column in ("agreement.signed_on", "duo_registration.date"):
            value = None
        else:
            value = raw
        target = document
        *parents, leaf = column.split(".")
        for key in parents:
            target = target.setdefault(key, {})
        target[leaf] = value
    return document
