"""The continuous vmbo–mbo pathway as a kind of document, declared once here
and registered with the rule engine from `PathwaysConfig.ready()`. Its rules
are in `pathways/rules.py`; routes are not drafted in the browser (they have
their own pages) and their versions come from the route, not from an upload."""

from django.utils.translation import gettext_lazy as _

from rules.kinds import KindSpec, register_kind
from rules.schema import Boolean, Date, List, Object, Text

from .models import Route

CONTINUOUS_PATHWAY = "continuous_pathway"

CONTINUOUS_PATHWAY_SCHEMA = {
    "basis": Text(choices=("law", "experiment")),
    "vmbo_school": Text(),
    "mbo_institution": Text(),
    "region": Text(),
    "route_type": Text(choices=("continuous", "integrated")),
    "vmbo_track": Text(choices=("bb", "kb", "gl", "tl")),
    "target_qualification": Text(),
    "location": Text(choices=("vmbo", "mbo")),
    "start_date": Date(),
    "submitted_on": Date(required=False),
    "exam_responsible": Text(choices=("mbo", "vmbo")),
    "agreement": Object(
        {
            "signed_on": Date(required=False),
            "switch_arrangement": Text(required=False),
            "financial_arrangements": Text(required=False),
            "fallback_destinations": List(Text(), required=False),
        },
        required=False,
    ),
    "combined_pta_oer": Boolean(required=False),
    "duo_registration": Object(
        {
            "status": Text(choices=("none", "submitted", "registered")),
            "date": Date(required=False),
        },
        required=False,
    ),
}

FIELD_LABELS = {
    "basis": _("Basis"),
    "vmbo_school": _("vmbo school (BRIN code)"),
    "mbo_institution": _("mbo institution (BRIN code)"),
    "region": _("Labour-market region"),
    "route_type": _("Type of route"),
    "vmbo_track": _("vmbo track"),
    "target_qualification": _("Target qualification (crebo)"),
    "location": _("Where the route runs"),
    "start_date": _("Start date"),
    "exam_responsible": _("Responsible for the mbo exam and diploma"),
    "agreement": _("Cooperation agreement"),
    "signed_on": _("Signed on"),
    "switch_arrangement": _("Switch arrangement"),
    "financial_arrangements": _("Financial arrangements"),
    "fallback_destinations": _("Fallback destinations"),
    "combined_pta_oer": _("Combined PTA/OER"),
    "duo_registration": _("DUO registration"),
    "status": _("Status"),
    "date": _("Date"),
}
# Coded values in words, as the route's pages name them (`Route`'s choices).
VALUE_LABELS = {
    "basis": dict(Route.Basis.choices),
    "route_type": dict(Route.RouteType.choices),
    "vmbo_track": dict(Route.Track.choices),
    "location": dict(Route.Location.choices),
    "exam_responsible": dict(Route.ExamResponsible.choices),
    "fallback_destinations": dict(Route.Fallback.choices),
    "status": dict(Route.DuoStatus.choices),
}


def pathway_organisations(document) -> list[tuple[str, str, str]]:
    """ORG-01: the vmbo school and the mbo institution."""
    return [
        ("vmbo_school", document["vmbo_school"], "vmbo"),
        ("mbo_institution", document["mbo_institution"], "mbo"),
    ]


def pathway_qualifications(document) -> list[tuple[str, str]]:
    """QS-01 and QS-02: the target qualification."""
    return [("target_qualification", document["target_qualification"])]


def register_kinds() -> None:
    """Register the kind (from `PathwaysConfig.ready()`)."""
    register_kind(
        KindSpec(
            value=CONTINUOUS_PATHWAY,
            label=_("continuous vmbo–mbo pathway"),
            rule_family="DL",
            order=30,
            schema=CONTINUOUS_PATHWAY_SCHEMA,
            school_fields=("vmbo_school", "mbo_institution"),
            title_detail="target_qualification",
            organisation_references=pathway_organisations,
            names_region=True,
            qualification_references=pathway_qualifications,
            field_labels=FIELD_LABELS,
            value_labels=VALUE_LABELS,
            param_values={"track": "vmbo_track"},
        )
    )
