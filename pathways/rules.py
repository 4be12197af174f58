"""Rules for continuous vmbo–mbo pathways (DL-01 … DL-11)."""

import datetime

from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from rules.context import parse_date
from rules.names import organisation_name, region_name
from rules.registry import Severity, message, rule

from .kinds import CONTINUOUS_PATHWAY

PATHWAY = [CONTINUOUS_PATHWAY]
LAW_START = datetime.date(2020, 8, 1)
COMBINED_PTA_OER_FROM = datetime.date(2021, 8, 1)
LAST_EXPERIMENT_START = datetime.date(2022, 7, 31)
FALLBACKS = ("vmbo-bb", "mbo-2")


def _target_level(document, context):
    qualification = context.qualification(document["target_qualification"])
    return qualification.level if qualification else None


@rule(
    "DL-01",
    Severity.ERROR,
    kinds=PATHWAY,
    source='003 "Sinds 1 augustus 2020 is het … mogelijk om doorlopende leerroutes vmbo-mbo '
    'in te richten"',
    text=_("A route under the law starts on or after 1 August 2020."),
)
def law_route_starts_after_the_law(document, context):
    if document["basis"] == "law" and context.date("start_date") < LAW_START:
        yield (
            "start_date",
            message(
                gettext_noop("A route under the law can start on %(date)s at the earliest."),
                date=LAW_START.isoformat(),
            ),
        )


@rule(
    "DL-02",
    Severity.ERROR,
    kinds=PATHWAY,
    source="002, 003",
    text=_("The route joins one vmbo school and one mbo institution."),
)
def joins_two_schools(document, context):
    """Two different organisations; that each has the right kind is ORG-01."""
    if document["vmbo_school"] == document["mbo_institution"]:
        yield (
            "mbo_institution",
            message(
                gettext_noop(
                    "The vmbo school and the mbo institution must be two different schools."
                )
            ),
        )


@rule(
    "DL-03",
    Severity.ERROR,
    kinds=PATHWAY,
    source='002 "vanuit vmbo basis en kader … een mbo 2 opleiding … af te ronden"; 003 "in '
    'een geïntegreerde leerroute het vmbo-examen achterwege laten"',
    text=_(
        "An integrated route runs from vmbo basis (bb) or kader (kb) to an mbo "
        "qualification of level 2."
    ),
)
def integrated_route_from_bb_kb_to_level_2(document, context):
    if document["route_type"] != "integrated":
        return
    if document["vmbo_track"] not in ("bb", "kb"):
        yield (
            "vmbo_track",
            message(gettext_noop("An integrated route starts from vmbo track bb or kb.")),
        )
    level = _target_level(document, context)
    if level is not None and level != 2:
        yield (
            "target_qualification",
            message(
                gettext_noop(
                    "An integrated route leads to an mbo qualification of level 2,"
                    " not level %(level)s."
                ),
                level=level,
            ),
        )


@rule(
    "DL-04",
    Severity.WARNING,
    kinds=PATHWAY,
    source='002; 003 note 9 "vanuit zowel de gemengde en theoretische leerwegen doorlopende '
    'leerroutes met het mbo naar niveau 3 en 4"',
    text=_(
        "A continuous route from bb/kb leads to level 2; from gl/tl to level 3 or 4. Other "
        "combinations are flagged for the reviewer."
    ),
)
def continuous_route_track_matches_level(document, context):
    if document["route_type"] != "continuous":
        return
    level = _target_level(document, context)
    if level is None:
        return
    if document["vmbo_track"] in ("bb", "kb"):
        expected = (2,)
        text = gettext_noop("A route from %(track)s usually leads to level 2, not %(level)s.")
    else:
        expected = (3, 4)
        text = gettext_noop("A route from %(track)s usually leads to level 3 or 4, not %(level)s.")
    if level not in expected:
        yield (
            "target_qualification",
            message(text, track=document["vmbo_track"], level=level),
        )


@rule(
    "DL-05",
    Severity.ERROR,
    kinds=PATHWAY,
    source="003 note 2",
    text=_(
        "The mbo institution is responsible for mbo education, examination and diploma, "
        "also when the route runs at the vmbo location."
    ),
)
def mbo_responsible_for_exam(document, context):
    if document["exam_responsible"] != "mbo":
        yield (
            "exam_responsible",
            message(
                gettext_noop("The mbo institution must be responsible for examination and diploma.")
            ),
        )


@rule(
    "DL-06",
    Severity.ERROR,
    kinds=PATHWAY,
    source='003 "daar voor de start van een doorlopende leerroute afspraken over maken in de '
    'samenwerkingsovereenkomst"; bouwstenen',
    text=_(
        "A cooperation agreement signed on or before the start date, containing a switch "
        "arrangement and financial arrangements."
    ),
)
def cooperation_agreement_before_start(document, context):
    agreement = document.get("agreement")
    if not agreement:
        yield ("agreement", message(gettext_noop("The cooperation agreement is missing.")))
        return
    signed = parse_date(agreement.get("signed_on"))
    if signed is None:
        yield ("agreement.signed_on", message(gettext_noop("The agreement has no signing date.")))
    elif signed > context.date("start_date"):
        yield (
            "agreement.signed_on",
            message(gettext_noop("The agreement must be signed on or before the start date.")),
        )
    if not (agreement.get("switch_arrangement") or "").strip():
        yield (
            "agreement.switch_arrangement",
            message(gettext_noop("The agreement has no switch arrangement.")),
        )
    if not (agreement.get("financial_arrangements") or "").strip():
        yield (
            "agreement.financial_arrangements",
            message(gettext_noop("The agreement has no financial arrangements.")),
        )


@rule(
    "DL-07",
    Severity.ERROR,
    kinds=PATHWAY,
    source='003 "niet … automatisch doorstroomt naar de Entree opleiding … vmbo-bb of … mbo '
    'niveau 2" (motie Kwint)',
    text=_(
        "For an integrated route, the agreement names at least one fallback destination "
        "other than Entree: vmbo-bb or mbo-2."
    ),
)
def integrated_route_has_fallback(document, context):
    if document["route_type"] != "integrated":
        return
    destinations = (document.get("agreement") or {}).get("fallback_destinations") or []
    if not any(destination in FALLBACKS for destination in destinations):
        yield (
            "agreement.fallback_destinations",
            message(
                gettext_noop("Name a fallback destination other than Entree: vmbo-bb or mbo-2.")
            ),
        )


@rule(
    "DL-08",
    Severity.ERROR,
    kinds=PATHWAY,
    source='003 "De verplichte gecombineerde PTA/OER … nieuwe waarderingskader … per 1 '
    'augustus 2021"',
    text=_(
        "A route under the law has a combined PTA/OER: it is compulsory under the law. "
        "For routes starting before 1 August 2021 a missing one is a warning; from then "
        "on an error."
    ),
)
def combined_pta_oer(document, context):
    """The Inspectorate's framework checks the PTA/OER from 1 August 2021 on;
    before that a missing one is a warning."""
    if document["basis"] != "law" or document.get("combined_pta_oer") is True:
        return
    if context.date("start_date") >= COMBINED_PTA_OER_FROM:
        yield (
            "combined_pta_oer",
            message(
                gettext_noop(
                    "A route under the law needs a combined PTA/OER; for routes starting on "
                    "or after %(date)s the Inspectorate checks it."
                ),
                date=COMBINED_PTA_OER_FROM.isoformat(),
            ),
        )
    else:
        yield (
            "combined_pta_oer",
            message(
                gettext_noop(
                    "A route under the law needs a combined PTA/OER; it is compulsory, "
                    "although the Inspectorate checks it only for routes starting on or "
                    "after %(date)s."
                ),
                date=COMBINED_PTA_OER_FROM.isoformat(),
            ),
            Severity.WARNING,
        )


@rule(
    "DL-09",
    Severity.WARNING,
    kinds=PATHWAY,
    source='003 "bij DUO aangemeld"',
    text=_("The route is registered with DUO."),
)
def registered_with_duo(document, context):
    registration = document.get("duo_registration") or {}
    if registration.get("status") != "registered":
        yield (
            "duo_registration",
            message(gettext_noop("The route is not registered with DUO yet.")),
        )


@rule(
    "DL-10",
    Severity.WARNING,
    kinds=PATHWAY,
    source='003 "passend bij het regionale onderwijsaanbod"',
    text=_("Both schools lie in the route's labour-market region."),
)
def schools_in_the_region(document, context):
    region = document["region"]
    for field in ("vmbo_school", "mbo_institution"):
        school = context.organisation(document[field])
        if school is None:
            continue  # ORG-01 reports it.
        school_region = school.region.code if school.region else None
        if school_region != region:
            yield (
                field,
                message(
                    gettext_noop("%(school)s lies in region %(school_region)s, not in %(region)s."),
                    school=organisation_name(school),
                    school_region=region_name(school.region),
                    region=region_name(context.region(region), region),
                ),
            )


@rule(
    "DL-11",
    Severity.ERROR,
    kinds=PATHWAY,
    source='003 note 3 "lopen nog door tot en met het schooljaar 2021-2022"',
    text=_("A route under the old experiments accepts no new start after 31 July 2022."),
)
def experiment_route_no_new_start(document, context):
    if document["basis"] == "experiment" and context.date("start_date") > LAST_EXPERIMENT_START:
        yield (
            "start_date",
            message(
                gettext_noop(
                    "Routes under the old experiments accept no new start after %(date)s."
                ),
                date=LAST_EXPERIMENT_START.isoformat(),
            ),
        )
