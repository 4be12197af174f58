"""Reads for the import pages: the history of ImportRuns (a fixed number of queries)."""

from django.core.exceptions import FieldDoesNotExist
from django.db.models import QuerySet

from .models import (
    CoreTask,
    Domain,
    ElectiveModule,
    ImportRun,
    KnowledgeSkill,
    Qualification,
    QualificationFile,
    SectorChamber,
    VetCertificate,
    WorkProcess,
)


def import_run_list() -> QuerySet[ImportRun]:
    """All import runs, newest first, with who started them (for the history table)."""
    return (
        ImportRun.objects.select_related("started_by")
        .defer("changes")
        .order_by("-created_at", "-pk")
    )


def import_runs_by_id(ids: list[int]) -> list[ImportRun]:
    """The given runs (unknown ids are skipped), in the given order."""
    runs = {run.pk: run for run in import_run_list().filter(pk__in=ids)}
    return [runs[pk] for pk in ids if pk in runs]


def get_import_run(pk: int) -> ImportRun:
    """One run with its list of changes; raises ImportRun.DoesNotExist."""
    return ImportRun.objects.select_related("started_by").get(pk=pk)


# The models whose fields an SBB or keuzedelen import records changes of.
_CHANGED_MODELS = (
    QualificationFile,
    Qualification,
    CoreTask,
    WorkProcess,
    KnowledgeSkill,
    VetCertificate,
    ElectiveModule,
    Domain,
    SectorChamber,
)
# Derived from a title; a change of the title already says it all.
_HIDDEN_FIELDS = {"normalized_title"}


def _field_label(name: str) -> str:
    """The field's name as people read it (the model's verbose name), else the name itself."""
    field_name = name.removesuffix("_id")
    for model in _CHANGED_MODELS:
        try:
            return str(model._meta.get_field(field_name).verbose_name)
        except FieldDoesNotExist:
            continue
    return name


def change_rows(changes: list[dict]) -> list[dict]:
    """The recorded changes of a run as shown to people: fields named in their language,
    derived fields (the normalised title) left out."""
    rows = []
    for change in changes or []:
        if change.get("field") in _HIDDEN_FIELDS:
            continue
        row = dict(change)
        if row.get("field"):
            row["field_label"] = _field_label(row["field"])
        rows.append(row)
    return rows
