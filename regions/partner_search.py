"""The partner-company search of a form without JavaScript (route and certificate
programme forms, template `regions/includes/partners_field.html`): the search button
posts the form, which comes back as typed with the companies found; nothing is saved."""

from .selectors import search_organisations


def searching_partners(request) -> bool:
    """Whether the post is the search button's, not the form's own submit."""
    return request.method == "POST" and request.POST.get("action") == "search_partners"


def typed_values(request, multiple: set[str]) -> dict:
    """The values typed in the form, as its initial values (nothing is checked yet);
    `multiple` names the fields with several values."""
    return {
        key: request.POST.getlist(key) if key in multiple else request.POST.get(key)
        for key in request.POST
        if key not in {"csrfmiddlewaretoken", "action"}
    }


def partner_results(request, region_code: str = "") -> dict:
    """The template context of the search: the companies found (in the region, if given)."""
    text = request.POST.get("partner_search", "")
    return {
        "partner_results": search_organisations(text, ["company"], region_code=region_code),
        "partner_searched": bool(text.strip()),
    }
