"""Public pages for learners and adults: the choice space and Sandra's path.

No login, nothing stored: everything the person chose is in the URL, so the
address is the shareable link.
"""

from urllib.parse import urlencode

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse

from . import learner_selectors
from .learner_forms import ChoiceSpaceForm, PartPathForm
from .selectors import find_qualification


def _share_url(request, crebo: str, region: str, codes: list[str]) -> str:
    """The plan's address without the search: qualification, region and picks."""
    params = [("qualification", crebo)] if crebo else []
    params += [("region", region)] if region else []
    params += [("elective", code) for code in codes]
    return request.build_absolute_uri(
        f"{reverse('qualifications:choice-space')}?{urlencode(params)}"
    )


def choice_space(request):
    """A learner fills the choice space of a qualification with keuzedelen."""
    form = ChoiceSpaceForm(request.GET or None)
    plan = offered = None
    offered_total = 0
    searched = False
    if form.is_bound:
        form.is_valid()  # errors are shown per field; the valid parts are used
        crebo = form.valid_part("qualification") or ""
        qualification = find_qualification(crebo) if crebo else None
        region = form.valid_part("region") or ""
        codes = form.valid_part("elective", [])
        plan = learner_selectors.choice_space(qualification, codes)
        query, level = form.valid_part("q", ""), form.valid_part("level")
        searched = bool(query or level) and not ({"q", "level"} & set(form.errors))
        if qualification is not None or searched:
            offered, offered_total = learner_selectors.offered_electives(
                region_code=region or None, query=query, level=level
            )
        share_url = _share_url(request, qualification.crebo if qualification else "", region, codes)
    else:
        share_url = ""
    picked_codes = {elective.code for elective in plan.picks} if plan else set()
    return render(
        request,
        "qualifications/choice_space.html",
        {
            "form": form,
            "plan": plan,
            "offered": offered,
            "offered_total": offered_total,
            "offered_shown": len(offered or []),
            "searched": searched,
            "picked_codes": picked_codes,
            "share_url": share_url,
            "max_picks": learner_selectors.MAX_PICKS,
        },
    )


def part_path(request, crebo, code):
    """Sandra's path: where a core task or work process recurs, and what remains."""
    form = PartPathForm(request.GET)
    form.is_valid()
    ticked = form.cleaned_data.get("can", [])
    try:
        path = learner_selectors.part_path(crebo, code, ticked)
    except learner_selectors.PartNotFound:
        raise Http404("No such part in this dossier.") from None
    still_needed_url = reverse("qualifications:still-needed")
    for target in path.targets:
        params = [("target", target.qualification.crebo)]
        params += [("done_core_tasks", pk) for pk in sorted(target.done_core_task_ids)]
        params += [("done_work_processes", pk) for pk in sorted(target.done_work_process_ids)]
        target.details_url = f"{still_needed_url}?{urlencode(params)}"
    return render(request, "qualifications/part_path.html", {"path": path})
