"""Reads for submissions, always scoped to what the user may see."""

from collections import OrderedDict

from django.db.models import Count, Max, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404

from accounts.permissions import scope_to_organisation
from rules.kinds import kind_spec, kinds
from rules.labels import path_label
from rules.registry import Message, all_rules
from rules.sources import source_text
from submissions.models import Submission, SubmissionVersion


def scope_submissions(queryset: QuerySet, user) -> QuerySet:
    """Least privilege: a school author sees their own school's submissions; national
    roles see a school's submission only once it has been submitted at least once
    (a draft never submitted is the school's own work in progress)."""
    queryset = scope_to_organisation(queryset, user, "school")
    if user.is_authenticated and user.has_national_view:
        queryset = queryset.filter(submitted_at__isnull=False)
    return queryset


def submissions_visible_to(user, search: str = "", state: str = "") -> QuerySet:
    """The submissions `scope_submissions` lets the user see, newest first, with the
    number of the latest version; `search` filters on the title, `state` on the
    state (an unknown state is ignored)."""
    queryset = scope_submissions(
        Submission.objects.select_related("school", "experiment", "region").defer(
            "region__geometry"
        ),
        user,
    ).annotate(
        latest_number=Max("versions__number"),
        # The latest version's result: True/False, or None while it is being checked.
        latest_valid=Subquery(
            SubmissionVersion.objects.filter(submission=OuterRef("pk"))
            .order_by("-number")
            .values("report__valid")[:1]
        ),
    )
    if search:
        queryset = queryset.filter(title__icontains=search)
    if state in Submission.State.values:
        queryset = queryset.filter(state=state)
    return queryset.order_by("-updated_at", "-pk")


def author_task_counts(user) -> dict[str, int]:
    """A school author's open work: drafts to finish and submissions sent back
    with changes requested, of their own school (one query)."""
    counts = dict(
        Submission.objects.filter(
            school_id=user.organisation_id,
            state__in=(Submission.State.DRAFT, Submission.State.CHANGES_REQUESTED),
        )
        .values_list("state")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {
        "drafts": counts.get(Submission.State.DRAFT, 0),
        "changes_requested": counts.get(Submission.State.CHANGES_REQUESTED, 0),
    }


def get_submission(user, pk: int) -> Submission:
    """A submission the user may see, or 404 — with its school, experiment and
    region, without the list's annotations (`submissions_visible_to`): a page
    about one submission reads its versions itself, and grouping every version
    to find the latest number cost each page a GROUP BY over the joined rows."""
    queryset = Submission.objects.select_related("school", "experiment", "region").defer(
        "region__geometry"
    )
    return get_object_or_404(scope_submissions(queryset, user), pk=pk)


def versions_of(submission: Submission) -> list[SubmissionVersion]:
    """All versions, newest first, with their reports."""
    return list(submission.versions.select_related("report", "created_by").order_by("-number"))


def get_version(user, pk: int, number: int) -> SubmissionVersion:
    """A version of a submission the user may see, or 404."""
    submission = get_submission(user, pk)
    return get_object_or_404(
        SubmissionVersion.objects.select_related("report", "submission"),
        submission=submission,
        number=number,
    )


def report_of(version: SubmissionVersion):
    """The version's validation report, or None while the check is running."""
    try:
        return version.report
    except SubmissionVersion.report.RelatedObjectDoesNotExist:
        return None


def section_of(path: str) -> str:
    """The top-level key of a finding's path ("" for the document as a whole)."""
    return path.split(".")[0].split("[")[0]


def rendered_message(finding: dict) -> str:
    """A stored finding's message in the active language."""
    if finding.get("text"):
        return Message(finding["text"], finding.get("params") or {}).render()
    return finding.get("message", "")


def shown_finding(finding: dict, sources: dict | None = None) -> dict:
    """A copy of a stored finding with its `message` and `source` in words, in
    the active language. Findings stored before the sources were written out
    hold the rule's source string in `source`. `sources` keeps the sources
    already put in words (many findings cite the same rule)."""
    source = finding.get("source_ref", finding.get("source", ""))
    if sources is None:
        shown_source = source_text(source)
    elif source in sources:
        shown_source = sources[source]
    else:
        shown_source = sources[source] = source_text(source)
    return {**finding, "message": rendered_message(finding), "source": shown_source}


def findings_by_section(report) -> list[tuple[str, list[dict]]]:
    """The report's findings grouped by section, in document order of first
    appearance, each with its message in the active language and its field's
    name (`field_label`: "Regional section › Title", "" for the document as a whole)."""
    groups: OrderedDict[str, list[dict]] = OrderedDict()
    sources: dict[str, str] = {}
    fields: dict[str, str] = {}
    for finding in report.findings if report else []:
        path = finding.get("path", "")
        if path not in fields:
            fields[path] = path_label(path) if path else ""
        shown = shown_finding(finding, sources)
        shown["field_label"] = fields[path]
        groups.setdefault(section_of(path), []).append(shown)
    return list(groups.items())


def rules_by_family() -> list[tuple[str, str, list]]:
    """Every registered rule, grouped by ID prefix (RR, CO, …, then the shared
    FMT, ORG, QS): (family, the kind it is about or "", rules)."""
    # Rule families about one kind of document (`KindSpec.rule_family`); the
    # others apply to every kind.
    kind_families = {spec.rule_family for spec in kinds() if spec.rule_family}
    groups: OrderedDict[str, list] = OrderedDict()
    for registered in all_rules():
        groups.setdefault(registered.family, []).append(registered)
    result = []
    for family, rules in groups.items():
        applies_to = {kind for registered in rules for kind in registered.kinds}
        spec = kind_spec(next(iter(applies_to))) if len(applies_to) == 1 else None
        label = spec.label if spec is not None and family in kind_families else ""
        result.append((family, label, rules))
    return result


# --- The regions map and region pages -------------------------------------------------

REGION_SECTION_LIMIT = 20


def approved_programmes() -> QuerySet[Submission]:
    """Approved regionalised programmes, with the region they are in (public facts only).

    The region is the programme's own, or else its school's.
    """
    return (
        Submission.objects.filter(
            kind__in=[spec.value for spec in kinds() if spec.on_region_map],
            state=Submission.State.APPROVED,
        )
        .annotate(region_code=Coalesce("region__code", "school__region__code"))
        .select_related("school", "experiment")
        .order_by("-decided_at", "pk")
    )


def approved_programme_counts() -> dict[str, int]:
    """Approved regionalised programmes per region code: the map indicator."""
    rows = approved_programmes().order_by().values("region_code").annotate(n=Count("pk"))
    return {row["region_code"]: row["n"] for row in rows if row["region_code"]}


def region_section_context(region) -> dict:
    """The approved regionalised programmes of one region, for its public page."""
    programmes = approved_programmes().filter(region_code=region.code)
    return {
        "programmes": list(programmes[:REGION_SECTION_LIMIT]),
        "total": programmes.count(),
        "limit": REGION_SECTION_LIMIT,
    }


def other_live_submissions(context, kind: str, school_code: str) -> int:
    """How many submissions of `kind` the school has that are not rejected or
    withdrawn, besides the one being checked (a rule-context lookup)."""
    others = Submission.objects.filter(kind=kind, school__code=school_code).exclude(
        state__in=[Submission.State.REJECTED, Submission.State.WITHDRAWN]
    )
    if context.submission_id is not None:
        others = others.exclude(pk=context.submission_id)
    return others.count()
