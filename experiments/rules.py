"""Rules for the kinds that belong to experiments: regionalised programmes
(RR-*), cross-over qualifications (CO-*) and practice-oriented programmes (PP-*).

Each rule reads the interchange document and, through the context, reference
data. Parameters of an experiment (caps, dates, budget, themes) come from the
`Experiment` rows, not from constants here.
"""

import datetime
from decimal import Decimal

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from regions.models import Organisation
from rules.context import parse_date, school_year
from rules.names import organisation_name, qualification_name, region_name
from rules.registry import Severity, message, rule

from .kinds import CROSS_OVER as CROSS_OVER_KIND
from .kinds import PRACTICE_PROGRAMME, REGIONAL_PROGRAMME
from .models import Participation

REGIONAL = [REGIONAL_PROGRAMME]
CROSS_OVER = [CROSS_OVER_KIND]
PRACTICE = [PRACTICE_PROGRAMME]

REGIONAL_EXPERIMENT = "ruimte-voor-de-regio"
CROSS_OVER_EXPERIMENT = "cross-overs"
PRACTICE_EXPERIMENT = "pilot-praktijkgerichte-programmas"
ESTABLISHED = "vastgesteld"


# Regionalised programme (Ruimte voor de regio) ----------------------------------


@rule(
    "RR-01",
    Severity.ERROR,
    kinds=REGIONAL,
    source='000 "compulsory national section"; 004 Bijlage 1 "een landelijk deel '
    '(gebaseerd op een bestaande kwalificatie)"',
    text=_(
        "Exactly one national section, referencing an existing qualification (crebo) "
        "of the national structure."
    ),
)
def national_section_references_a_qualification(document, context):
    """The shape check guarantees one national section object; this checks its crebo."""
    crebo = document["national_section"]["qualification"]
    if context.qualification(crebo) is not None:
        return
    path = "national_section.qualification"
    if context.qualification_file(crebo) is not None:
        yield (
            path,
            message(
                gettext_noop(
                    "%(crebo)s is the crebo of the qualification file %(title)s; name one of "
                    "its qualifications (profiles) instead."
                ),
                crebo=crebo,
                title=context.qualification_file(crebo).title,
            ),
        )
    else:
        yield (
            path,
            message(gettext_noop("There is no qualification with crebo %(crebo)s."), crebo=crebo),
        )


@rule(
    "RR-02",
    Severity.ERROR,
    kinds=REGIONAL,
    source="004; SBB fields Geldig_vanaf, Datum_einde_instroom",
    text=_(
        "The qualification is valid on the start date: its file has status Vastgesteld, "
        "the start date is on or after its valid-from date and before its end of intake."
    ),
)
def qualification_valid_on_start_date(document, context):
    qualification = context.qualification(document["national_section"]["qualification"])
    if qualification is None:
        return  # RR-01 reports it.
    start = context.date("start_date")
    path = "national_section.qualification"
    if qualification.file.status.strip().lower() != ESTABLISHED:
        yield (
            path,
            message(
                gettext_noop(
                    "The file of qualification %(qualification)s has status %(status)s, "
                    "not Vastgesteld."
                ),
                qualification=qualification_name(qualification),
                status=qualification.file.status,
            ),
        )
    valid_from = qualification.valid_from or qualification.file.valid_from
    if valid_from and start < valid_from:
        yield (
            "start_date",
            message(
                gettext_noop(
                    "Qualification %(qualification)s is valid only from %(date)s;"
                    " the programme starts earlier."
                ),
                qualification=qualification_name(qualification),
                date=valid_from.isoformat(),
            ),
        )
    end_of_intake = qualification.end_of_intake or qualification.file.end_of_intake
    # The periodic job checks the programme again on the day intake ends.
    context.watch(end_of_intake)
    if end_of_intake and start >= end_of_intake:
        yield (
            "start_date",
            message(
                gettext_noop(
                    "Intake for qualification %(qualification)s ends on %(date)s;"
                    " the programme starts then or later."
                ),
                qualification=qualification_name(qualification),
                date=end_of_intake.isoformat(),
            ),
        )


@rule(
    "RR-03",
    Severity.ERROR,
    kinds=REGIONAL,
    source='000 "a compulsory regional section"; "define learning outcomes in cooperation '
    'with regional partners"',
    text=_("A compulsory regional section with at least one learning outcome."),
)
def regional_section_has_learning_outcomes(document, context):
    section = document["regional_section"]
    if not section["title"].strip():
        yield (
            "regional_section.title",
            message(gettext_noop("The regional section has no title.")),
        )
    if not section["learning_outcomes"]:
        yield (
            "regional_section.learning_outcomes",
            message(gettext_noop("The regional section needs at least one learning outcome.")),
        )


@rule(
    "RR-04",
    Severity.ERROR,
    kinds=REGIONAL,
    source='000 "developed regionally by teachers and experts from regional companies"',
    text=_(
        "The regional section's contributors include at least one teacher and at least "
        "one expert from a company."
    ),
)
def contributors_include_teacher_and_company_expert(document, context):
    roles = {c["role"] for c in document["regional_section"]["contributors"]}
    path = "regional_section.contributors"
    if "teacher" not in roles:
        yield (path, message(gettext_noop("No teacher is among the contributors.")))
    if "company_expert" not in roles:
        yield (
            path,
            message(gettext_noop("No expert from a company is among the contributors.")),
        )


@rule(
    "RR-05",
    Severity.WARNING,
    kinds=REGIONAL,
    source='000 "region-based enterprises"',
    text=_("Every company expert's company lies in the programme's labour-market region."),
)
def company_experts_from_the_region(document, context):
    region = document["region"]
    for index, contributor in enumerate(document["regional_section"]["contributors"]):
        if contributor["role"] != "company_expert":
            continue
        company = context.organisation(contributor.get("organisation"))
        path = f"regional_section.contributors[{index}].organisation"
        if company is None:
            if not contributor.get("organisation"):
                yield (
                    path,
                    message(
                        gettext_noop(
                            "The company of %(name)s is not given, so its region is unknown."
                        ),
                        name=contributor["name"],
                    ),
                )
            continue  # ORG-01 reports an unknown code.
        company_region = company.region.code if company.region else None
        if company_region != region:
            yield (
                path,
                message(
                    gettext_noop(
                        "%(company)s lies in region %(company_region)s, not in %(region)s."
                    ),
                    company=organisation_name(company),
                    company_region=region_name(company.region),
                    region=region_name(context.region(region), region),
                ),
            )


@rule(
    "RR-06",
    Severity.ERROR,
    kinds=REGIONAL,
    source='000 "one or more elective modules"; 004 Bijlage 1 "een regionaal keuzedeel of '
    'regulier keuzedeel"',
    text=_(
        "One or more elective modules. Each is a national keuzedeel known to the register "
        "(by code), a regional keuzedeel from the register (by its RK code), or a new "
        "regional keuzedeel with a title and at least one learning outcome."
    ),
)
def electives_are_known_or_regional(document, context):
    electives = document["electives"]
    if not electives:
        yield (
            "electives",
            message(gettext_noop("The programme needs at least one elective module.")),
        )
    for index, elective in enumerate(electives):
        path = f"electives[{index}]"
        if elective["type"] == "national":
            yield from _national_elective_findings(elective, path, context)
        elif elective.get("code"):
            yield from _registered_regional_elective_findings(elective, path, context)
        else:
            if not (elective.get("title") or "").strip():
                yield (
                    f"{path}.title",
                    message(gettext_noop("A regional keuzedeel needs a title.")),
                )
            if not elective.get("learning_outcomes"):
                yield (
                    f"{path}.learning_outcomes",
                    message(
                        gettext_noop("A regional keuzedeel needs at least one learning outcome.")
                    ),
                )


def _national_elective_findings(elective, path, context):
    code = elective.get("code")
    if not code:
        yield (
            f"{path}.code",
            message(gettext_noop("A national keuzedeel needs its code.")),
        )
        return
    known = context.elective(code)
    if known is None:
        yield (
            f"{path}.code",
            message(gettext_noop("Keuzedeel %(code)s is not in the register."), code=code),
        )
    elif known.is_regional:
        yield (
            f"{path}.type",
            message(
                gettext_noop(
                    "%(code)s is a regional keuzedeel from the register; name it as a "
                    "regional keuzedeel."
                ),
                code=code,
            ),
        )


def _registered_regional_elective_findings(elective, path, context):
    """A regional keuzedeel named by its RK code: it must be in the register as one."""
    code = elective["code"]
    known = context.elective(code)
    if known is None or not known.is_regional:
        yield (
            f"{path}.code",
            message(
                gettext_noop(
                    "There is no regional keuzedeel with code %(code)s in the register; "
                    "a regional keuzedeel from the register has a code of RK and 4 digits."
                ),
                code=code,
            ),
        )


@rule(
    "RR-07",
    Severity.ERROR,
    kinds=REGIONAL,
    source="000",
    text=_(
        "The school is an mbo institution admitted to the experiment for the cohort "
        "(school year) in which the start date falls."
    ),
)
def school_admitted_for_cohort(document, context):
    """Reads `experiments.Participation`: admitted in the start date's cohort or earlier."""
    if document["experiment"] != REGIONAL_EXPERIMENT:
        yield (
            "experiment",
            message(
                gettext_noop("A regionalised programme belongs to the experiment %(experiment)s."),
                experiment=getattr(
                    context.experiment(REGIONAL_EXPERIMENT), "name", REGIONAL_EXPERIMENT
                ),
            ),
        )
        return
    school = context.organisation(document["school"])
    if school is None:
        return  # ORG-01 reports it.
    if school.kind != Organisation.Kind.VET_INSTITUTION:
        yield (
            "school",
            message(
                gettext_noop("%(school)s is not an mbo institution."),
                school=organisation_name(school),
            ),
        )
        return
    cohort = school_year(context.date("start_date"))
    participation = context.participation(context.experiment(REGIONAL_EXPERIMENT), school)
    admitted = participation is not None and participation.status == Participation.Status.ADMITTED
    if not admitted or participation.cohort > cohort:
        yield (
            "school",
            message(
                gettext_noop("%(school)s is not admitted to the experiment for cohort %(cohort)s."),
                school=organisation_name(school),
                cohort=cohort,
            ),
        )


@rule(
    "RR-08",
    Severity.ERROR,
    kinds=REGIONAL,
    source='000 "A maximum of fifteen schools … five schools … ten more schools"',
    text=_(
        "Admission cap: at most 15 schools in the experiment, at most 5 in the first "
        "cohort (2019/20), the other places from 2020/21 on."
    ),
)
def admission_within_cap(document, context):
    """The cap is enforced when ministry staff admit a school, by
    `experiments.services.admit_school` (it locks the experiment row, so that
    concurrent admissions cannot exceed it). On the document this checks that
    the school's admission is within the caps as the data stand: its cohort is
    not before the first cohort, and the admitted schools do not exceed the caps
    (which can only happen when data were changed outside that service)."""
    experiment = context.experiment(REGIONAL_EXPERIMENT)
    school = context.organisation(document["school"])
    participation = context.participation(experiment, school)
    if participation is None or participation.status != Participation.Status.ADMITTED:
        return  # RR-07 reports it.
    if experiment.first_cohort and participation.cohort < experiment.first_cohort:
        yield (
            "school",
            message(
                gettext_noop(
                    "The school was admitted for %(cohort)s, before the first cohort %(first)s."
                ),
                cohort=participation.cohort,
                first=experiment.first_cohort,
            ),
        )
    # Both counts in one query: this rule runs for every regionalised programme
    # (kept by a worker between documents, as the rest of the reference data).
    counts = context.reference(
        ("admitted_counts", experiment.pk, experiment.first_cohort),
        lambda: Participation.objects.filter(
            experiment=experiment, status=Participation.Status.ADMITTED
        ).aggregate(total=Count("pk"), first=Count("pk", filter=Q(cohort=experiment.first_cohort))),
    )
    if experiment.max_schools is not None:
        total = counts["total"]
        if total > experiment.max_schools:
            yield (
                "experiment",
                message(
                    gettext_noop(
                        "The experiment has %(count)s admitted schools;"
                        " at most %(max)s are allowed."
                    ),
                    count=total,
                    max=experiment.max_schools,
                ),
            )
    if experiment.max_first_cohort is not None and participation.cohort == experiment.first_cohort:
        first = counts["first"]
        if first > experiment.max_first_cohort:
            yield (
                "experiment",
                message(
                    gettext_noop(
                        "The first cohort has %(count)s admitted schools;"
                        " at most %(max)s are allowed."
                    ),
                    count=first,
                    max=experiment.max_first_cohort,
                ),
            )


def _elective_hours(elective, context) -> int:
    if elective["type"] == "regional" and not elective.get("code"):
        return elective.get("hours") or 0
    known = context.elective(elective.get("code"))
    return known.study_load_hours if known else (elective.get("hours") or 0)


@rule(
    "RR-09",
    Severity.PLAUSIBILITY,
    kinds=REGIONAL,
    source="—",
    text=_(
        "The hours of the regional section plus the electives do not exceed the "
        "qualification's study load (SBU)."
    ),
)
def hours_within_study_load(document, context):
    qualification = context.qualification(document["national_section"]["qualification"])
    if qualification is None or not qualification.study_load_hours:
        return
    hours = (document["regional_section"].get("hours") or 0) + sum(
        _elective_hours(elective, context) for elective in document["electives"]
    )
    if hours > qualification.study_load_hours:
        yield (
            "regional_section.hours",
            message(
                gettext_noop(
                    "The regional section and electives take %(hours)s hours, more than the "
                    "%(sbu)s hours study load of qualification %(qualification)s."
                ),
                hours=hours,
                sbu=qualification.study_load_hours,
                qualification=qualification_name(qualification),
            ),
        )


# Cross-over qualification --------------------------------------------------------


@rule(
    "CO-01",
    Severity.ERROR,
    kinds=CROSS_OVER,
    source='004 Bijlage 1 "opgebouwd uit een of meer opleidingsdelen van bestaande kwalificaties"',
    text=_(
        "One or more parts, each referencing a core task of an existing qualification by "
        "crebo and core-task code (e.g. B1-K1, P2-K1)."
    ),
)
def parts_reference_core_tasks(document, context):
    parts = document["parts"]
    if not parts:
        yield ("parts", message(gettext_noop("A cross-over needs at least one part.")))
    for index, part in enumerate(parts):
        qualification = context.qualification(part["qualification"])
        if qualification is None:
            yield (
                f"parts[{index}].qualification",
                message(
                    gettext_noop("There is no qualification with crebo %(crebo)s."),
                    crebo=part["qualification"],
                ),
            )
            continue
        if context.core_task(qualification, part["core_task"]) is None:
            yield (
                f"parts[{index}].core_task",
                message(
                    gettext_noop("Qualification %(qualification)s has no core task %(code)s."),
                    qualification=qualification_name(qualification),
                    code=part["core_task"],
                ),
            )


@rule(
    "CO-02",
    Severity.WARNING,
    kinds=CROSS_OVER,
    source='004 "(nieuwe) cross-sectorale beroepen"',
    text=_(
        "The parts come from at least two different qualification files (otherwise it is "
        "not cross-sectoral)."
    ),
)
def parts_from_two_files(document, context):
    files = set()
    for part in document["parts"]:
        qualification = context.qualification(part["qualification"])
        files.add(qualification.file_id if qualification else part["qualification"])
    if document["parts"] and len(files) < 2:
        yield (
            "parts",
            message(
                gettext_noop(
                    "All parts come from one qualification file; a cross-over combines files."
                )
            ),
        )


@rule(
    "CO-03",
    Severity.ERROR,
    kinds=CROSS_OVER,
    source='004 "waar in de regio vraag naar is, maar waar nog geen passende kwalificatie '
    'voor bestaat"',
    text=_(
        "The application states the regional labour-market demand and why no existing "
        "qualification fits."
    ),
)
def labour_market_need_stated(document, context):
    if not document["labour_market_need"].strip():
        yield (
            "labour_market_need",
            message(
                gettext_noop("Describe the regional demand and why no existing qualification fits.")
            ),
        )


@rule(
    "CO-04",
    Severity.ERROR,
    kinds=CROSS_OVER,
    source='004 "getoetst door SBB en, indien nodig, de Inspectie van het Onderwijs"',
    text=_(
        "Submitted by an mbo institution; assessed by SBB; when an Inspectorate review is "
        "needed (set by the school, or by the SBB reviewer during review with a reason), "
        "approval needs the Inspectorate's decision too."
    ),
)
def submitted_by_mbo_institution(document, context):
    """On the document: the submitting school is an mbo institution. The SBB
    assessment and, when `inspectorate_review_needed` is true or an SBB reviewer
    called in the Inspectorate (`submissions.workflow.call_in_inspectorate`),
    the Inspectorate's decision are enforced in the review workflow of submissions."""
    school = context.organisation(document["school"])
    if school is not None and school.kind != Organisation.Kind.VET_INSTITUTION:
        yield (
            "school",
            message(
                gettext_noop("%(school)s is not an mbo institution."),
                school=organisation_name(school),
            ),
        )


@rule(
    "CO-05",
    Severity.ERROR,
    kinds=CROSS_OVER,
    source='004 "Op 31 juli 2025 loopt het experiment af"',
    text=_(
        "Only during the experiment: submitted and started before the experiment's end, "
        "and ending no later than that (31 July 2025)."
    ),
)
def within_the_experiment(document, context):
    if document["experiment"] != CROSS_OVER_EXPERIMENT:
        yield (
            "experiment",
            message(
                gettext_noop(
                    "A cross-over qualification belongs to the experiment %(experiment)s."
                ),
                experiment=getattr(
                    context.experiment(CROSS_OVER_EXPERIMENT), "name", CROSS_OVER_EXPERIMENT
                ),
            ),
        )
        return
    experiment = context.experiment(CROSS_OVER_EXPERIMENT)
    if experiment is None or experiment.end_date is None:
        return
    end = experiment.end_date
    submitted, is_today = context.submitted_on()
    if is_today:
        context.watch(end)
    if submitted >= end:
        yield (
            "submitted_on",
            message(
                gettext_noop("The experiment ends on %(date)s; submissions must come before that."),
                date=end.isoformat(),
            ),
        )
    if context.date("start_date") >= end:
        yield (
            "start_date",
            message(
                gettext_noop("The experiment ends on %(date)s; start before that."),
                date=end.isoformat(),
            ),
        )
    if context.date("end_date") > end:
        yield (
            "end_date",
            message(
                gettext_noop("The experiment ends on %(date)s; the cross-over cannot run longer."),
                date=end.isoformat(),
            ),
        )


@rule(
    "CO-06",
    Severity.PLAUSIBILITY,
    kinds=CROSS_OVER,
    source="—",
    text=_("The source qualifications have the same level as the cross-over."),
)
def parts_have_the_same_level(document, context):
    for index, part in enumerate(document["parts"]):
        qualification = context.qualification(part["qualification"])
        if qualification is not None and qualification.level != document["level"]:
            yield (
                f"parts[{index}].qualification",
                message(
                    gettext_noop(
                        "Qualification %(qualification)s has level %(level)s;"
                        " the cross-over has level %(own)s."
                    ),
                    qualification=qualification_name(qualification),
                    level=qualification.level,
                    own=document["level"],
                ),
            )


# Practice-oriented programme pilot ------------------------------------------------


def _pilot(context):
    return context.experiment(PRACTICE_EXPERIMENT)


@rule(
    "PP-01",
    Severity.ERROR,
    kinds=PRACTICE,
    source="003",
    text=_(
        "The theme is one of T&T, Z&W, D&P, E&O, IT, or a licensed programme HBR, Groen, "
        "techniek-GL."
    ),
)
def theme_is_allowed(document, context):
    pilot = _pilot(context)
    if pilot is None or not pilot.allowed_themes:
        return
    if document["theme"] not in pilot.allowed_themes:
        yield (
            "theme",
            message(
                gettext_noop("The theme %(theme)s is not one of: %(themes)s."),
                theme=document["theme"],
                themes=", ".join(pilot.allowed_themes),
            ),
        )


@rule(
    "PP-02",
    Severity.ERROR,
    kinds=PRACTICE,
    source='003 "worden op 320 uur ontwikkeld"',
    text=_("The programme is developed at 320 hours."),
)
def developed_at_programme_hours(document, context):
    pilot = _pilot(context)
    if pilot is None or not pilot.programme_hours:
        return
    if document["hours"] != pilot.programme_hours:
        yield (
            "hours",
            message(
                gettext_noop(
                    "A practice-oriented programme is developed at %(hours)s hours, not %(given)s."
                ),
                hours=pilot.programme_hours,
                given=document["hours"],
            ),
        )


@rule(
    "PP-03",
    Severity.ERROR,
    kinds=PRACTICE,
    source='003 "maximaal 162 000 euro om één praktijkgericht programma"',
    text=_("At most €162,000 over four years, for one programme per pilot school."),
)
def budget_and_one_programme_per_school(document, context):
    """The second programme of a school is found among its other practice-oriented
    submissions that are not rejected or withdrawn."""
    pilot = _pilot(context)
    if pilot is None:
        return
    if (
        pilot.max_budget_eur is not None
        and Decimal(str(document["budget_eur"])) > pilot.max_budget_eur
    ):
        yield (
            "budget_eur",
            message(
                gettext_noop("The budget is at most %(max)s euro per school."),
                max=f"{pilot.max_budget_eur:.0f}",
            ),
        )
    if pilot.max_programmes_per_school is None:
        return
    others = context.other_live_submissions(PRACTICE_PROGRAMME, document["school"])
    if others >= pilot.max_programmes_per_school:
        yield (
            "school",
            message(
                gettext_noop(
                    "The school already has a practice-oriented programme;"
                    " at most %(max)s per school."
                ),
                max=pilot.max_programmes_per_school,
            ),
        )


@rule(
    "PP-04",
    Severity.ERROR,
    kinds=PRACTICE,
    source='003 "samenwerking met het mbo, bedrijven en havo"',
    text=_(
        "The activity plan involves at least one mbo institution and one company, each "
        "referenced by organisation code (a partner given only by name does not count, "
        "except a havo partner); no havo partner is a warning."
    ),
)
def partners_include_mbo_and_company(document, context):
    """An mbo or company partner without an `organisation` code cannot be
    checked, so it does not count; that the code exists is ORG-01."""
    kinds = set()
    for index, partner in enumerate(document["partners"]):
        if partner["kind"] == "havo" or partner.get("organisation"):
            kinds.add(partner["kind"])
            continue
        yield (
            f"partners[{index}].organisation",
            message(
                gettext_noop(
                    "The partner %(name)s has no organisation code, so it cannot be checked "
                    "and does not count."
                ),
                name=partner.get("name") or partner["kind"],
            ),
        )
    if "mbo" not in kinds:
        yield ("partners", message(gettext_noop("No mbo institution is among the partners.")))
    if "company" not in kinds:
        yield ("partners", message(gettext_noop("No company is among the partners.")))
    if "havo" not in kinds:
        yield (
            "partners",
            message(gettext_noop("No havo school is among the partners.")),
            Severity.WARNING,
        )
    if not document["activity_plan"].strip():
        yield ("activity_plan", message(gettext_noop("The activity plan is empty.")))


@rule(
    "PP-05",
    Severity.ERROR,
    kinds=PRACTICE,
    source="003",
    text=_("The pilot runs within 15 December 2020 – 31 July 2024."),
)
def within_the_pilot_period(document, context):
    """An end before the start is reported by FMT-02."""
    pilot = _pilot(context)
    start = parse_date(document["period"]["start"])
    end = parse_date(document["period"]["end"])
    if pilot is None:
        return
    if pilot.start_date and start < pilot.start_date:
        yield (
            "period.start",
            message(
                gettext_noop("The pilot starts on %(date)s; the period starts earlier."),
                date=pilot.start_date.isoformat(),
            ),
        )
    if pilot.end_date and end > pilot.end_date:
        yield (
            "period.end",
            message(
                gettext_noop("The pilot ends on %(date)s; the period ends later."),
                date=pilot.end_date.isoformat(),
            ),
        )


# Vmbo schools outside the pilot may offer a programme extra-curricularly from this day.
EXTRA_CURRICULAR_FROM = datetime.date(2021, 8, 1)


@rule(
    "PP-06",
    Severity.ERROR,
    kinds=PRACTICE,
    source='003 "Op 15 december 2020 zijn 136 vmbo-scholen gestart met de pilots"; "scholen '
    'die niet meedoen aan de pilot … als extra-curriculair vak … vanaf schooljaar 2021 - 2022"',
    text=_(
        "A school admitted to the pilot may receive the budget. A vmbo school not admitted "
        "to the pilot may submit a programme only as an extra-curricular offer: budget 0 "
        "and starting on or after 1 August 2021 (school year 2021/22)."
    ),
)
def budget_only_for_pilot_schools(document, context):
    """Reads `experiments.Participation` of the pilot: status admitted."""
    school = context.organisation(document["school"])
    if school is None:
        return  # ORG-01 reports it.
    participation = context.participation(_pilot(context), school)
    if participation is not None and participation.status == Participation.Status.ADMITTED:
        return
    if document["budget_eur"] > 0:
        yield (
            "budget_eur",
            message(
                gettext_noop(
                    "%(school)s is not admitted to the pilot, so it receives no budget; "
                    "an extra-curricular programme has budget 0."
                ),
                school=school.name,
            ),
        )
    start = parse_date(document["period"]["start"])
    if start is not None and start < EXTRA_CURRICULAR_FROM:
        yield (
            "period.start",
            message(
                gettext_noop(
                    "%(school)s is not admitted to the pilot; an extra-curricular programme "
                    "starts on %(date)s or later."
                ),
                school=school.name,
                date=EXTRA_CURRICULAR_FROM.isoformat(),
            ),
        )
