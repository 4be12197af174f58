"""Public pages of the national qualification structure: browse, search and transparency.

No login is needed. The views stay thin: forms read the request, selectors
read the database.
"""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse

from core.pagecache import cached_page

from . import learner_selectors, selectors
from .models import ElectiveModule, Qualification, QualificationFile
from .search_forms import (
    CompareForm,
    DossierSearchForm,
    ElectiveSearchForm,
    StillNeededForm,
    describe_qualification,
)

PAGE_SIZE = 20


def _page(request, queryset):
    """The requested page of `queryset` (out-of-range numbers give the last page)."""
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


@cached_page
def dossier_list(request):
    """Dossiers, searchable and filterable by domain, level and status."""
    form = DossierSearchForm(request.GET or None)
    matching_parts = None
    if form.is_bound and form.is_valid():
        # Sandra's path starts here: the core tasks and work processes the words find.
        matching_parts = learner_selectors.search_parts(form.cleaned_data["q"])
        dossiers = selectors.search_dossiers(
            query=form.cleaned_data["q"],
            domain=form.cleaned_data["domain"],
            level=form.cleaned_data["level"],
            status=form.cleaned_data["status"],
        )
    elif form.is_bound:
        dossiers = QualificationFile.objects.none()
    else:
        dossiers = selectors.search_dossiers()
    return render(
        request,
        "qualifications/dossier_list.html",
        {
            "form": form,
            "page_obj": _page(request, dossiers),
            "is_filtered": form.is_bound,
            "matching_parts": matching_parts,
        },
    )


@cached_page
def dossier_detail(request, crebo):
    """One dossier: its qualifications, its basis and profile parts in SBB order."""
    try:
        dossier = selectors.get_dossier(crebo)
    except QualificationFile.DoesNotExist:
        raise Http404("No dossier with this crebo.") from None
    parts = selectors.dossier_parts(dossier)
    return render(
        request,
        "qualifications/dossier_detail.html",
        {
            "dossier": dossier,
            "qualifications": [qualification for qualification, _ in parts.profiles],
            "parts": parts,
        },
    )


@cached_page
def qualification_detail(request, crebo):
    """One qualification: its basis and profile parts, level, study load, dates, certificates."""
    try:
        qualification = selectors.get_qualification(crebo)
    except Qualification.DoesNotExist:
        raise Http404("No qualification with this crebo.") from None
    parts = selectors.qualification_parts(qualification)
    return render(
        request,
        "qualifications/qualification_detail.html",
        {
            "qualification": qualification,
            "basis_parts": [part for part in parts if part.is_basis],
            "profile_parts": [part for part in parts if not part.is_basis],
            "certified_parts": [part for part in parts if part.shown_certificates],
            "profile_certificates": [
                certificate
                for certificate in qualification.certificates.all()
                if certificate.core_task_id is None
            ],
        },
    )


def _also_in_page(request, part, back_url, back_label):
    if part is None:
        raise Http404("No part with this code here.")
    return render(
        request,
        "qualifications/also_in_list.html",
        {
            "part": part,
            "page_obj": Paginator(part.also_in, 50).get_page(request.GET.get("page")),
            "back_url": back_url,
            "back_label": back_label,
        },
    )


@cached_page
def qualification_also_in(request, crebo, code):
    """Every other qualification that contains one part of this qualification."""
    try:
        qualification = selectors.get_qualification(crebo)
    except Qualification.DoesNotExist:
        raise Http404("No qualification with this crebo.") from None
    selectors.attach_parts([qualification])
    part = selectors.also_in_of_part(qualification.parts, code, viewing=qualification)
    label = f"{qualification.title} ({qualification.crebo})"
    back_url = reverse("qualifications:qualification-detail", args=[crebo])
    return _also_in_page(request, part, back_url, label)


@cached_page
def dossier_also_in(request, crebo, code):
    """Every qualification outside its own that contains one part of this dossier."""
    try:
        dossier = selectors.get_dossier(crebo)
    except QualificationFile.DoesNotExist:
        raise Http404("No dossier with this crebo.") from None
    part = selectors.also_in_of_part(selectors.dossier_core_tasks(dossier), code)
    label = f"{dossier.title} ({dossier.crebo})"
    back_url = reverse("qualifications:dossier-detail", args=[crebo])
    return _also_in_page(request, part, back_url, label)


@cached_page
def compare(request):
    """Two or three qualifications side by side: shared and distinct parts."""
    if "crebo_2" in request.GET:
        form = CompareForm(request.GET)
    else:
        # Arriving from a qualification page with only the first crebo filled in.
        form = CompareForm(initial=request.GET.dict())
    comparison = None
    if form.is_bound and form.is_valid():
        comparison = selectors.compare_qualifications(form.cleaned_data["qualifications"])
    return render(request, "qualifications/compare.html", {"form": form, "comparison": comparison})


def still_needed(request):
    """What remains of a target qualification after parts done or a qualification held."""
    form = StillNeededForm(request.GET or None)
    result = None
    if form.is_bound and form.is_valid():
        result = selectors.still_needed(
            form.cleaned_data["target"],
            done_core_task_ids=set(form.cleaned_data["done_core_tasks"]),
            done_work_process_ids=set(form.cleaned_data["done_work_processes"]),
            held=form.cleaned_data["held"],
        )
    ticked_core_tasks = {str(value) for value in request.GET.getlist("done_core_tasks")}
    ticked_work_processes = {str(value) for value in request.GET.getlist("done_work_processes")}
    return render(
        request,
        "qualifications/still_needed.html",
        {
            "form": form,
            "target": form.target_qualification,
            "ticked_core_tasks": ticked_core_tasks,
            "ticked_work_processes": ticked_work_processes,
            "result": result,
        },
    )


@cached_page
def elective_list(request):
    """Keuzedelen, searchable by code or title, filterable by level, certificate
    and national/regional; a regional one shows its school, region and use."""
    form = ElectiveSearchForm(request.GET or None)
    if form.is_bound and form.is_valid():
        electives = selectors.search_electives(
            query=form.cleaned_data["q"],
            level=form.cleaned_data["level"],
            has_certificate=form.has_certificate(),
            is_regional=form.is_regional(),
        )
    elif form.is_bound:
        electives = ElectiveModule.objects.none()
    else:
        electives = selectors.search_electives()
    return render(
        request,
        "qualifications/elective_list.html",
        {
            "form": form,
            "page_obj": _page(request, electives),
            "is_filtered": form.is_bound,
        },
    )


@cached_page
def elective_detail(request, code):
    """One keuzedeel with its level, study load and certificates; a regional one
    also with its school, region, learning outcomes and where it is used."""
    try:
        elective = selectors.get_elective(code)
    except ElectiveModule.DoesNotExist:
        raise Http404("No keuzedeel with this code.") from None
    return render(
        request,
        "qualifications/elective_detail.html",
        {"elective": elective, "uses": selectors.regional_elective_uses(elective)},
    )


def search_text(request, reserved=()) -> str:
    """The typed text: htmx sends the field under its own name (e.g. crebo_2)."""
    return next(
        (value for key, value in request.GET.items() if key not in reserved and value.strip()), ""
    )


def qualification_options(request):
    """htmx: qualifications matching the typed title or crebo, as datalist options."""
    options = [
        (qualification.crebo, describe_qualification(qualification))
        for qualification in selectors.search_qualifications(search_text(request))
    ]
    return render(request, "includes/search_options.html", {"options": options})
