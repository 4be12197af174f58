"""Forms for drafting a route and for the later steps. They only check input;
the services do the work."""

import re

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core import boundary
from core.forms import SearchField
from qualifications.search_forms import qualification_field
from regions.models import Organisation, Region
from regions.selectors import (
    UNASSIGNABLE_REGION,
    describe_organisation,
    find_organisation,
    search_organisations,
)

from .models import SCHOOL_YEAR_VALIDATOR, Route
from .services import max_upload_bytes, validate_document_upload

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class RouteForm(forms.Form):
    """Draft or change a route. The user's own school is one side; they pick the other."""

    # Replaced in __init__ by a search over the schools of the partner's kind.
    partner_school = forms.CharField()
    # The labour-market regions: not AM99 ("niet in te delen"), which REG-01 refuses.
    region = forms.ModelChoiceField(
        label=_("Labour-market region"),
        queryset=Region.objects.exclude(code=UNASSIGNABLE_REGION),
    )
    basis = forms.ChoiceField(label=_("Basis"), choices=Route.Basis.choices)
    route_type = forms.ChoiceField(
        label=_("Type of route"),
        choices=Route.RouteType.choices,
        help_text=_("In an integrated route students skip the vmbo exam."),
    )
    vmbo_track = forms.ChoiceField(label=_("vmbo track"), choices=Route.Track.choices)
    target_qualification = qualification_field(_("Target qualification"), as_record=True)
    location = forms.ChoiceField(label=_("Where the route runs"), choices=Route.Location.choices)
    start_date = boundary.DateField(label=_("Start date"), widget=DATE_WIDGET)
    exam_responsible = forms.ChoiceField(
        label=_("Responsible for the mbo exam and diploma"),
        choices=Route.ExamResponsible.choices,
    )
    partners = forms.ModelMultipleChoiceField(
        label=_("Partner companies"),
        queryset=Organisation.objects.filter(kind=Organisation.Kind.COMPANY).order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Optional. Search a company by name or KvK number and tick it."),
    )
    partner_search = forms.CharField(
        label=_("Search partner companies"), required=False, max_length=200
    )
    agreement_signed_on = boundary.DateField(
        label=_("Cooperation agreement signed on"), required=False, widget=DATE_WIDGET
    )
    switch_arrangement = forms.CharField(
        label=_("Switch arrangement"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What happens to a student who leaves the route."),
    )
    financial_arrangements = forms.CharField(
        label=_("Financial arrangements"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    fallback_destinations = forms.MultipleChoiceField(
        label=_("Fallback destinations in the agreement"),
        choices=Route.Fallback.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    agreement_document = forms.FileField(
        label=_("Cooperation agreement (document)"),
        required=False,
        validators=[validate_document_upload],
    )
    combined_pta_oer = forms.BooleanField(label=_("There is a combined PTA/OER"), required=False)
    pta_oer_document = forms.FileField(
        label=_("Combined PTA/OER (document)"),
        required=False,
        validators=[validate_document_upload],
    )

    def __init__(self, *args, organisation: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        if organisation.kind == Organisation.Kind.PREVOCATIONAL_SCHOOL:
            partner_kind, label = Organisation.Kind.VET_INSTITUTION, _("mbo institution")
        else:
            partner_kind, label = Organisation.Kind.PREVOCATIONAL_SCHOOL, _("vmbo school")
        kinds = [partner_kind]
        self.fields["partner_school"] = SearchField(
            label=label,
            url=f"{reverse('regions:organisation_options')}?soort={partner_kind}",
            find=lambda code: find_organisation(code, kinds),
            search=lambda text: search_organisations(text, kinds),
            code_of=lambda organisation: organisation.code,
            describe=describe_organisation,
            noun=label,
            as_record=True,
            help_text=_("Type part of the name or the BRIN code and pick from the list."),
        )
        self._show_only_chosen_partners()
        help_text = _("PDF, DOCX or ODT, at most %(limit)s MB.") % {
            "limit": f"{max_upload_bytes() / (1024 * 1024):g}"
        }
        for name in ("agreement_document", "pta_oer_document"):
            self.fields[name].help_text = help_text
            self.fields[name].widget.attrs["accept"] = ".pdf,.docx,.odt"

    def _show_only_chosen_partners(self) -> None:
        """The partners list shows the companies chosen so far (all companies stay
        valid choices); more are found with the search beside it."""
        if self.is_bound:
            chosen = self.data.getlist("partners") if hasattr(self.data, "getlist") else []
        else:
            chosen = self.initial.get("partners") or []
        pks = [getattr(item, "pk", item) for item in chosen]
        pks = [pk for pk in pks if str(pk).isdigit()]
        companies = Organisation.objects.filter(
            kind=Organisation.Kind.COMPANY, pk__in=pks
        ).order_by("name")
        self.fields["partners"].widget.choices = [
            (company.pk, describe_organisation(company)) for company in companies
        ]

    @classmethod
    def initial_for(cls, route: Route, organisation: Organisation) -> dict:
        """The form's initial values from a saved route, seen from `organisation`."""
        partner = (
            route.mbo_institution if organisation.pk == route.vmbo_school_id else route.vmbo_school
        )
        return {
            "partner_school": partner.code,
            "region": route.region,
            "basis": route.basis,
            "route_type": route.route_type,
            "vmbo_track": route.vmbo_track,
            "target_qualification": route.target_qualification_id,
            "location": route.location,
            "start_date": route.start_date,
            "exam_responsible": route.exam_responsible,
            "partners": list(route.partners.all()),
            "agreement_signed_on": route.agreement_signed_on,
            "switch_arrangement": route.switch_arrangement,
            "financial_arrangements": route.financial_arrangements,
            "fallback_destinations": route.fallback_destinations,
            "combined_pta_oer": route.combined_pta_oer,
        }

    def route_data(self) -> dict:
        """The cleaned values as route fields for the services."""
        data = dict(self.cleaned_data)
        partner = data.pop("partner_school")
        data.pop("partners", None)
        data.pop("partner_search", None)
        data.pop("agreement_document", None)
        data.pop("pta_oer_document", None)
        if self.organisation.kind == Organisation.Kind.PREVOCATIONAL_SCHOOL:
            data["vmbo_school"], data["mbo_institution"] = self.organisation, partner
        else:
            data["vmbo_school"], data["mbo_institution"] = partner, self.organisation
        data["fallback_destinations"] = list(data.get("fallback_destinations") or [])
        return data

    def documents(self) -> dict:
        return {
            "agreement_document": self.cleaned_data.get("agreement_document"),
            "pta_oer_document": self.cleaned_data.get("pta_oer_document"),
        }


class ReturnForm(forms.Form):
    note = forms.CharField(
        label=_("Reason (optional)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class DuoRegistrationForm(forms.Form):
    status = forms.ChoiceField(label=_("DUO registration"), choices=Route.DuoStatus.choices)
    date = boundary.DateField(label=_("Date"), required=False, widget=DATE_WIDGET)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("status") not in (None, Route.DuoStatus.NONE) and not cleaned.get("date"):
            self.add_error("date", _("Give the date of the DUO registration."))
        return cleaned


class EndForm(forms.Form):
    ended_on = boundary.DateField(label=_("Ended on"), widget=DATE_WIDGET)


class RouteYearForm(forms.Form):
    school_year = forms.CharField(
        label=_("School year"),
        # Room for "2021-2022": what is typed is never cut off; clean_school_year shortens it.
        max_length=20,
        help_text=_('For example "2021/22".'),
    )
    started = forms.IntegerField(
        label=_("Students who started"), min_value=0, max_value=boundary.MAX_INTEGER, initial=0
    )
    left_to_vmbo_bb = forms.IntegerField(
        label=_("Left to vmbo basis (bb)"), min_value=0, max_value=boundary.MAX_INTEGER, initial=0
    )
    left_to_mbo_2 = forms.IntegerField(
        label=_("Left to mbo level 2"), min_value=0, max_value=boundary.MAX_INTEGER, initial=0
    )
    left_to_other_mbo = forms.IntegerField(
        label=_("Left to another mbo programme"),
        min_value=0,
        max_value=boundary.MAX_INTEGER,
        initial=0,
    )
    left_to_entree = forms.IntegerField(
        label=_("Left to Entree"), min_value=0, max_value=boundary.MAX_INTEGER, initial=0
    )
    left_without_place = forms.IntegerField(
        label=_("Left with no place yet"), min_value=0, max_value=boundary.MAX_INTEGER, initial=0
    )

    def clean_school_year(self) -> str:
        """Accept "2021/22", "2021-22", "2021/2022" or "2021-2022" and store "2021/22"."""
        value = self.cleaned_data["school_year"].strip().replace(" ", "")
        match = re.fullmatch(r"(\d{4})[/-](\d{2}|\d{4})", value)
        if match:
            first, second = int(match[1]), match[2]
            if int(second[-2:]) == (first + 1) % 100 and (
                len(second) == 2 or int(second) == first + 1
            ):
                value = f"{first}/{second[-2:]}"
            else:
                raise forms.ValidationError(
                    _("The second year of a school year follows the first, as in 2021/22.")
                )
        SCHOOL_YEAR_VALIDATOR(value)
        return value


class RouteFilterForm(forms.Form):
    """Search and filters of the route list (GET)."""

    q = forms.CharField(label=_("Search"), required=False)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("all"))] + Route.Status.choices
    )
    region = forms.ChoiceField(label=_("Region"), required=False)
    track = forms.ChoiceField(
        label=_("vmbo track"), required=False, choices=[("", _("all"))] + Route.Track.choices
    )
    level = forms.ChoiceField(
        label=_("Level"),
        required=False,
        choices=[("", _("all"))] + [(str(n), str(n)) for n in (1, 2, 3, 4)],
    )
    route_type = forms.ChoiceField(
        label=_("Type"), required=False, choices=[("", _("all"))] + Route.RouteType.choices
    )
    mine = forms.BooleanField(label=_("Only my school's routes"), required=False)
    to_confirm = forms.BooleanField(
        label=_("Only routes waiting for my school's confirmation"), required=False
    )

    def __init__(self, *args, show_mine: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not show_mine:
            # Only a school has routes of its own.
            del self.fields["mine"]
            del self.fields["to_confirm"]
        self.fields["region"].choices = [("", _("all"))] + [
            (region.code, str(region)) for region in Region.objects.all()
        ]
