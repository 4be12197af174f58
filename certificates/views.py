"""Certificate programmes: a public list and detail page; mbo school staff register
and change their own school's programmes (permissions checked here, on the server)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import Role
from accounts.permissions import role_required
from regions.models import Region
from regions.partner_search import partner_results, searching_partners, typed_values

from . import selectors, services
from .forms import ProgrammeForm

PAGE_SIZE = 20


class ProgrammeSearchForm(forms.Form):
    q = forms.CharField(
        label=gettext_lazy("Search"),
        required=False,
        max_length=200,
        help_text=gettext_lazy("Name, certificate, or school name or BRIN code."),
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    region = forms.ModelChoiceField(
        label=gettext_lazy("Labour-market region"),
        queryset=Region.objects.order_by("name"),
        required=False,
        empty_label=gettext_lazy("All regions"),
    )


def programme_list(request):
    """All certificate programmes, searchable, by region; anyone may look."""
    form = ProgrammeSearchForm(request.GET or None)
    if form.is_bound and form.is_valid():
        programmes = selectors.programme_list(
            query=form.cleaned_data["q"], region=form.cleaned_data["region"]
        )
    elif form.is_bound:
        programmes = selectors.programme_list().none()
    else:
        programmes = selectors.programme_list()
    page_obj = Paginator(programmes, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "certificates/programme_list.html",
        {
            "form": form,
            "page_obj": page_obj,
            "is_filtered": form.is_bound,
            "may_register": services.may_register_programmes(request.user),
        },
    )


def programme_detail(request, pk: int):
    programme = selectors.get_programme(pk)
    if programme is None:
        raise Http404("No certificate programme with this number.")
    return render(
        request,
        "certificates/programme_detail.html",
        {
            "programme": programme,
            "may_change": services.may_change_programme(request.user, programme),
        },
    )


def _form_context(request, form, programme, school) -> dict:
    """The form page's context; after the search button (without JavaScript) the
    form as typed with the companies of the school's region the search found."""
    context = {"form": form, "programme": programme, "partner_region": school.region}
    if searching_partners(request):
        context.update(partner_results(request, school.region.code if school.region else ""))
    return context


@role_required(Role.SCHOOL_AUTHOR)
def programme_create(request):
    """Staff of an mbo school register a programme of their own school."""
    if not services.may_register_programmes(request.user):
        raise PermissionDenied
    school = request.user.organisation
    if searching_partners(request):
        form = ProgrammeForm(school=school, initial=typed_values(request, {"partners"}))
        return render(
            request, "certificates/programme_form.html", _form_context(request, form, None, school)
        )
    form = ProgrammeForm(request.POST or None, school=school, initial={"region": school.region})
    if request.method == "POST" and form.is_valid():
        programme = services.register_programme(
            user=request.user,
            data=form.programme_data(),
            partners=form.cleaned_data["partners"],
            starts=form.cleaned_data["starts"],
        )
        messages.success(request, _("The certificate programme has been registered."))
        return redirect("certificates:programme-detail", pk=programme.pk)
    return render(
        request,
        "certificates/programme_form.html",
        _form_context(request, form, None, school),
        status=400 if form.is_bound else 200,
    )


@role_required(Role.SCHOOL_AUTHOR)
def programme_edit(request, pk: int):
    """Staff of the school that runs the programme change it; others get a 404."""
    programme = selectors.get_programme(pk)
    if programme is None or not services.may_change_programme(request.user, programme):
        raise Http404("No certificate programme of your school with this number.")
    if searching_partners(request):
        form = ProgrammeForm(school=programme.school, initial=typed_values(request, {"partners"}))
        return render(
            request,
            "certificates/programme_form.html",
            _form_context(request, form, programme, programme.school),
        )
    form = ProgrammeForm(
        request.POST or None,
        school=programme.school,
        initial=ProgrammeForm.initial_for(programme),
    )
    if request.method == "POST" and form.is_valid():
        changed = services.change_programme(
            programme,
            user=request.user,
            data=form.programme_data(),
            partners=form.cleaned_data["partners"],
            starts=form.cleaned_data["starts"],
        )
        if changed:
            messages.success(request, _("Your changes have been saved."))
        else:
            messages.info(request, _("Nothing was changed."))
        return redirect("certificates:programme-detail", pk=programme.pk)
    return render(
        request,
        "certificates/programme_form.html",
        _form_context(request, form, programme, programme.school),
        status=400 if form.is_bound else 200,
    )
