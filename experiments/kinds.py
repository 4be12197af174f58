"""The kinds of document the experiments own: the regionalised programme, the
cross-over qualification and the practice-oriented programme, each declared
once here (schema, lookups, labels, editor) and registered with the rule engine
from `ExperimentsConfig.ready()`. Their rules are in `experiments/rules.py`."""

from django.utils.translation import gettext_lazy as _

from rules.kinds import KindSpec, register_kind
from rules.schema import Boolean, Date, Integer, List, Number, Object, Text

REGIONAL_PROGRAMME = "regional_programme"
CROSS_OVER = "cross_over"
PRACTICE_PROGRAMME = "practice_programme"

LEARNING_OUTCOME = Object({"code": Text(), "text": Text()})

REGIONAL_PROGRAMME_SCHEMA = {
    "school": Text(),
    "experiment": Text(),
    "title": Text(),
    "region": Text(),
    "start_date": Date(),
    "submitted_on": Date(required=False),
    "national_section": Object({"qualification": Text()}),
    "regional_section": Object(
        {
            "title": Text(),
            "hours": Integer(required=False),
            "learning_outcomes": List(LEARNING_OUTCOME),
            "contributors": List(
                Object(
                    {
                        "name": Text(),
                        "role": Text(choices=("teacher", "company_expert")),
                        "organisation": Text(required=False),
                    }
                )
            ),
        }
    ),
    "electives": List(
        Object(
            {
                "type": Text(choices=("national", "regional")),
                "code": Text(required=False),
                "title": Text(required=False),
                "hours": Integer(required=False),
                "learning_outcomes": List(LEARNING_OUTCOME, required=False),
            }
        )
    ),
}
CROSS_OVER_SCHEMA = {
    "school": Text(),
    "experiment": Text(),
    "title": Text(),
    "level": Integer(),
    "region": Text(),
    "submitted_on": Date(required=False),
    "start_date": Date(),
    "end_date": Date(),
    "labour_market_need": Text(),
    "parts": List(Object({"qualification": Text(), "core_task": Text()})),
    "inspectorate_review_needed": Boolean(),
}
PRACTICE_PROGRAMME_SCHEMA = {
    "school": Text(),
    "theme": Text(),
    "hours": Integer(),
    "budget_eur": Number(),
    "submitted_on": Date(required=False),
    "period": Object({"start": Date(), "end": Date()}),
    "partners": List(
        Object(
            {
                "kind": Text(choices=("mbo", "company", "havo")),
                "organisation": Text(required=False),
                "name": Text(required=False),
            }
        )
    ),
    "activity_plan": Text(),
}


# --- FMT-02: amounts that may not be negative, periods that may not end early -----------


def regional_programme_organisations(document) -> list[tuple[str, str, str]]:
    """ORG-01: the school (an mbo institution) and the contributors' organisations
    (a company expert's is a company, a teacher's an mbo institution)."""
    references = [("school", document["school"], "mbo")]
    for index, contributor in enumerate(document["regional_section"]["contributors"]):
        code = contributor.get("organisation")
        if code:
            expected = "company" if contributor["role"] == "company_expert" else "mbo"
            references.append(
                (f"regional_section.contributors[{index}].organisation", code, expected)
            )
    return references


def cross_over_organisations(document) -> list[tuple[str, str, str]]:
    """ORG-01: the applying school is an mbo institution."""
    return [("school", document["school"], "mbo")]


def cross_over_qualifications(document) -> list[tuple[str, str]]:
    """QS-02: the qualification of every part (CO-01 reports one that does not exist)."""
    return [
        (f"parts[{index}].qualification", part["qualification"])
        for index, part in enumerate(document["parts"])
    ]


def practice_programme_organisations(document) -> list[tuple[str, str, str]]:
    """ORG-01: the school (a vmbo school) and the partners named by code that are
    an mbo institution or a company."""
    references = [("school", document["school"], "vmbo")]
    for index, partner in enumerate(document["partners"]):
        code = partner.get("organisation")
        if code and partner["kind"] in ("mbo", "company"):
            references.append((f"partners[{index}].organisation", code, partner["kind"]))
    return references


def regional_programme_amounts(document) -> list[tuple[str, object]]:
    amounts = [("regional_section.hours", document["regional_section"].get("hours"))]
    for index, elective in enumerate(document["electives"]):
        amounts.append((f"electives[{index}].hours", elective.get("hours")))
    return amounts


def practice_programme_amounts(document) -> list[tuple[str, object]]:
    return [("hours", document["hours"]), ("budget_eur", document["budget_eur"])]


def cross_over_periods(document) -> list[tuple[str, str, object, object]]:
    return [("start_date", "end_date", document["start_date"], document["end_date"])]


def practice_programme_periods(document) -> list[tuple[str, str, object, object]]:
    period = document["period"]
    return [("period.start", "period.end", period["start"], period["end"])]


# --- what the rules look up (`context.experiment(slug)`, `context.participation(…)`) ---


def experiment(context, slug):
    """The experiment with this slug, or None."""
    from .models import Experiment

    if not isinstance(slug, str) or not slug:
        return None
    return context.reference(
        ("experiment", slug), lambda: Experiment.objects.filter(slug=slug).first()
    )


def participation(context, experiment, organisation):
    """The school's participation in the experiment, or None."""
    from .models import Participation

    if experiment is None or organisation is None:
        return None
    return context.reference(
        ("participation", experiment.pk, organisation.pk),
        lambda: Participation.objects.filter(experiment=experiment, school=organisation).first(),
    )


def experiment_names(slugs) -> dict[str, str]:
    """slug → name of the experiments a document names."""
    from .models import Experiment

    return dict(Experiment.objects.filter(slug__in=slugs).values_list("slug", "name"))


def stamp_columns() -> tuple:
    """The experiment data the rules read: a change checks stored documents again."""
    from .models import Experiment, Participation

    return (("MAX(updated_at)", Experiment), ("MAX(updated_at)", Participation))


# --- labels of the documents' fields ------------------------------------------------

FIELD_LABELS = {
    "school": _("School (BRIN code)"),
    "experiment": _("Experiment"),
    "title": _("Title"),
    "region": _("Labour-market region"),
    "start_date": _("Start date"),
    "end_date": _("End date"),
    "national_section": _("National section"),
    "qualification": _("Qualification (crebo)"),
    "regional_section": _("Regional section"),
    "hours": _("Hours"),
    "learning_outcomes": _("Learning outcome"),
    "code": _("Code"),
    "text": _("Text"),
    "contributors": _("Contributor"),
    "name": _("Name"),
    "role": _("Role"),
    "organisation": _("Organisation (BRIN or KvK number)"),
    "organisation_name": _("Organisation not in the register"),
    "electives": _("Elective"),
    "type": _("Type"),
    "level": _("Level"),
    "labour_market_need": _("Labour-market need"),
    "parts": _("Part"),
    "core_task": _("Core task"),
    "inspectorate_review_needed": _("Inspectorate's decision needed"),
    "theme": _("Theme"),
    "budget_eur": _("Budget (euro)"),
    "period": _("Period"),
    "start": _("Start"),
    "end": _("End"),
    "partners": _("Partner"),
    "activity_plan": _("Activity plan"),
}
# Lists read in the plural as a heading or as a whole (a row is "Elective 2").
SECTION_LABELS = {
    "electives": _("Electives"),
    "parts": _("Parts"),
    "partners": _("Partners"),
    "learning_outcomes": _("Learning outcomes"),
    "contributors": _("Contributors"),
}
# Coded values, by the name of their field, as the editor offers them.
VALUE_LABELS = {
    "kind": {"mbo": _("mbo institution"), "company": _("company"), "havo": _("havo school")},
    "role": {"teacher": _("teacher"), "company_expert": _("company expert")},
    "type": {"national": _("national keuzedeel"), "regional": _("regional keuzedeel")},
}
LABELS = {
    "field_labels": FIELD_LABELS,
    "section_labels": SECTION_LABELS,
    "value_labels": VALUE_LABELS,
    "param_values": {"role": "role"},
}


def register_kinds() -> None:
    """Register the three kinds (from `ExperimentsConfig.ready()`)."""
    from .draft_forms import CrossOverEditor, PracticeProgrammeEditor, RegionalProgrammeEditor
    from .register import register_approved_programme

    shared = {
        **LABELS,
        "lookups": {"experiment": experiment, "participation": participation},
        "names": {"experiment": experiment_names},
        "stamp_columns": stamp_columns(),
    }
    register_kind(
        KindSpec(
            value=REGIONAL_PROGRAMME,
            label=_("regionalised programme"),
            rule_family="RR",
            order=10,
            schema=REGIONAL_PROGRAMME_SCHEMA,
            experiment_and_region=True,
            on_region_map=True,
            organisation_references=regional_programme_organisations,
            names_region=True,
            amounts=regional_programme_amounts,
            editor=RegionalProgrammeEditor,
            editor_template="experiments/drafting/fields_regional_programme.html",
            on_approved=register_approved_programme,
            **shared,
        )
    )
    register_kind(
        KindSpec(
            value=CROSS_OVER,
            label=_("cross-over qualification"),
            rule_family="CO",
            order=20,
            schema=CROSS_OVER_SCHEMA,
            experiment_and_region=True,
            inspectorate=True,
            organisation_references=cross_over_organisations,
            names_region=True,
            qualification_references=cross_over_qualifications,
            own_rules_find_qualifications=True,
            periods=cross_over_periods,
            editor=CrossOverEditor,
            editor_template="experiments/drafting/fields_cross_over.html",
            **shared,
        )
    )
    register_kind(
        KindSpec(
            value=PRACTICE_PROGRAMME,
            label=_("practice-oriented programme"),
            rule_family="PP",
            order=40,
            schema=PRACTICE_PROGRAMME_SCHEMA,
            title_detail="theme",
            organisation_references=practice_programme_organisations,
            amounts=practice_programme_amounts,
            periods=practice_programme_periods,
            editor=PracticeProgrammeEditor,
            editor_template="experiments/drafting/fields_practice_programme.html",
            **shared,
        )
    )
