"""Reads for the import pages: the history of ImportRuns (a fixed number of queries)."""

from django.db.models import QuerySet

from .models import ImportRun


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
