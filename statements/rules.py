"""Rules for practice statements (PV-01 … PV-04, docs/rules.md).

QS-02 (the qualification is valid at the start of the period) and FMT-02 (the
period ends on or after its start) are shared rules; `kind.register` tells them
about this kind. PV-02 checks the school and the company (existence and kind),
so ORG-01 has nothing more to report for a statement.
"""

import datetime

from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from qualifications.models import WorkProcess
from rules.context import parse_date
from rules.names import qualification_name
from rules.registry import Severity, message, rule

from .kind import PRACTICE_STATEMENT

STATEMENT = [PRACTICE_STATEMENT]
# From 2021 on every school may issue a practice statement; before, only the pilot schools.
OPEN_TO_ALL_SCHOOLS = datetime.date(2021, 1, 1)


def issued_on(document, context) -> tuple[datetime.date, bool]:
    """`issued_on`, or today when absent; the flag says today was used."""
    issued = parse_date(document.get("issued_on"))
    if issued is None:
        return context.today, True
    return issued, False


def work_processes_of(context, qualification) -> dict[str, object]:
    """{code: work process} of the qualification: its file's basis and its own
    profile (reference data: see `RuleContext.reference`)."""

    def load():
        rows = (
            WorkProcess.objects.filter(core_task__file_id=qualification.file_id)
            .filter(
                Q(core_task__qualification__isnull=True) | Q(core_task__qualification=qualification)
            )
            .only("code", "title")
        )
        return {row.code: row for row in rows}

    return context.reference(("statement_work_processes", qualification.pk), load)


@rule(
    "PV-01",
    Severity.ERROR,
    kinds=STATEMENT,
    source='004 "In een praktijkverklaring geeft een praktijkopleider aan welke werkprocessen '
    'de student in het leerbedrijf heeft leren uitvoeren"',
    text=_(
        "At least one work process, each a work process of the named qualification (its "
        "basis or one of its profiles), by SBB code."
    ),
)
def work_processes_of_the_qualification(document, context):
    crebo = document["qualification"]
    qualification = context.qualification(crebo)
    if qualification is None:
        yield (
            "qualification",
            message(gettext_noop("There is no qualification with crebo %(crebo)s."), crebo=crebo),
        )
        return
    codes = document["work_processes"]
    if not codes:
        yield (
            "work_processes",
            message(gettext_noop("Name at least one work process the learner learned.")),
        )
        return
    known = work_processes_of(context, qualification)
    seen = set()
    for index, code in enumerate(codes):
        path = f"work_processes[{index}]"
        if code in seen:
            yield (
                path,
                message(gettext_noop("Work process %(code)s is named twice."), code=code),
            )
        elif code not in known:
            yield (
                path,
                message(
                    gettext_noop(
                        "%(code)s is not a work process of qualification %(qualification)s."
                    ),
                    code=code,
                    qualification=qualification_name(qualification),
                ),
            )
        seen.add(code)


@rule(
    "PV-02",
    Severity.ERROR,
    kinds=STATEMENT,
    source='004 "praktijkleerroute op maat … praktijkopleider … leerbedrijf"',
    text=_(
        "Issued by an mbo institution, for learning at a known company (the leerbedrijf, by "
        "KvK number), naming the company's trainer (praktijkopleider)."
    ),
)
def issued_by_a_school_for_a_company(document, context):
    school = context.organisation(document["school"])
    if school is None:
        yield (
            "school",
            message(
                gettext_noop("There is no organisation with code %(code)s."),
                code=document["school"],
            ),
        )
    elif school.kind != "mbo":
        yield (
            "school",
            message(
                gettext_noop(
                    "%(name)s (%(code)s) is not an mbo institution: only an mbo institution "
                    "issues a practice statement."
                ),
                name=school.name,
                code=school.code,
            ),
        )
    company = context.organisation(document["company"])
    if company is None:
        yield (
            "company",
            message(
                gettext_noop("There is no company with KvK number %(code)s."),
                code=document["company"],
            ),
        )
    elif company.kind != "company":
        yield (
            "company",
            message(
                gettext_noop("%(name)s (%(code)s) is not a company."),
                name=company.name,
                code=company.code,
            ),
        )
    if not document["trainer"].strip():
        yield (
            "trainer",
            message(gettext_noop("Name the company's trainer (praktijkopleider).")),
        )


@rule(
    "PV-03",
    Severity.ERROR,
    kinds=STATEMENT,
    source='004 "wordt de opleiding in ieder geval afgerond met een praktijkverklaring"',
    text=_("The learning period has ended on or before the date of issue."),
)
def period_ended_before_issue(document, context):
    end = parse_date(document["period"]["end"])
    issued, is_today = issued_on(document, context)
    if end is None or end <= issued:
        return
    if is_today:
        context.watch(end)
    yield (
        "period.end",
        message(
            gettext_noop(
                "The period ends on %(end)s, after the date of issue %(issued)s: a practice "
                "statement is issued once the learning period has ended."
            ),
            end=end.isoformat(),
            issued=issued.isoformat(),
        ),
    )


@rule(
    "PV-04",
    Severity.WARNING,
    kinds=STATEMENT,
    source='004 "Vanaf 2019 doet een aantal scholen hiermee ervaring op … Vanaf 2021 hebben '
    'alle scholen de mogelijkheid"',
    text=_(
        "Issued before 1 January 2021: only the schools in the pilot (2019–2020) could issue one."
    ),
)
def issued_before_open_to_all(document, context):
    issued, _is_today = issued_on(document, context)
    if issued < OPEN_TO_ALL_SCHOOLS:
        yield (
            "issued_on" if document.get("issued_on") else "",
            message(
                gettext_noop(
                    "Issued on %(issued)s, before %(date)s: then only the schools in the pilot "
                    "could issue a practice statement."
                ),
                issued=issued.isoformat(),
                date=OPEN_TO_ALL_SCHOOLS.isoformat(),
            ),
        )
