"""Import pages for SBB reviewers and administrators: upload, progress, history, details.

Each uploaded file becomes an ImportRun and a Celery task; the page polls a small
status fragment (htmx, every second) until the run has finished.
"""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from accounts.permissions import SBB_ROLES, role_required

from . import import_selectors
from .forms import ImportUploadForm
from .models import ImportRun
from .services import queue_import

HISTORY_PAGE_SIZE = 20
CHANGES_PAGE_SIZE = 100
MAX_SHOWN_RUNS = 20


def _run_ids(request) -> list[int]:
    """The runs just started, from ?runs=1,2,3 (bad values are ignored)."""
    ids = []
    for part in request.GET.get("runs", "").split(",")[:MAX_SHOWN_RUNS]:
        if part.strip().isdigit():
            ids.append(int(part))
    return ids


@role_required(*SBB_ROLES)
def import_page(request):
    """Upload form, the progress of the runs just started, and the import history."""
    if request.method == "POST":
        form = ImportUploadForm(request.POST, request.FILES)
        if form.is_valid():
            runs = [
                queue_import(upload, ImportRun.Kind.SBB_XML, started_by=request.user)
                for upload in form.cleaned_data["sbb_files"]
            ]
            if form.cleaned_data["electives_csv"]:
                runs.append(
                    queue_import(
                        form.cleaned_data["electives_csv"],
                        ImportRun.Kind.ELECTIVES_CSV,
                        started_by=request.user,
                    )
                )
            if form.cleaned_data["certificates_csv"]:
                # After the keuzedelen: a certificate may name a keuzedeel that file adds.
                runs.append(
                    queue_import(
                        form.cleaned_data["certificates_csv"],
                        ImportRun.Kind.CERTIFICATES_CSV,
                        started_by=request.user,
                    )
                )
            ids = ",".join(str(run.pk) for run in runs)
            return redirect(f"{reverse('qualifications:import')}?runs={ids}#current")
    else:
        form = ImportUploadForm()
    page_obj = Paginator(import_selectors.import_run_list(), HISTORY_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "qualifications/import_page.html",
        {
            "form": form,
            "current_runs": import_selectors.import_runs_by_id(_run_ids(request)),
            "page_obj": page_obj,
        },
        status=400 if form.is_bound else 200,
    )


@role_required(*SBB_ROLES)
def import_status(request, pk: int):
    """The status fragment of one run; it keeps polling itself until the run has finished."""
    runs = import_selectors.import_runs_by_id([pk])
    if not runs:
        raise Http404
    return render(request, "qualifications/import_status.html", {"run": runs[0]})


@role_required(*SBB_ROLES)
def import_detail(request, pk: int):
    """One run: who, when, which file, the outcome and every change, paginated."""
    try:
        run = import_selectors.get_import_run(pk)
    except ImportRun.DoesNotExist:
        raise Http404 from None
    page_obj = Paginator(import_selectors.change_rows(run.changes), CHANGES_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "qualifications/import_detail.html",
        {"run": run, "page_obj": page_obj},
    )
