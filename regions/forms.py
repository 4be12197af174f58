"""Forms of the regions app (thin: validation of typed input only)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Network, Organisation, Region


class NetworkProposalForm(forms.ModelForm):
    """A school author proposes a regional network."""

    region = forms.ModelChoiceField(
        label=_("Labour-market region"),
        queryset=Region.objects.defer("geometry").order_by("name"),
    )

    class Meta:
        model = Network
        fields = ["name", "kind", "sector", "region", "start_year", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}


class NetworkFilterForm(forms.Form):
    """Search and filters for the network list."""

    q = forms.CharField(label=_("Search"), required=False)
    region = forms.ModelChoiceField(
        label=_("Region"),
        queryset=Region.objects.defer("geometry").order_by("name"),
        required=False,
        to_field_name="code",
        empty_label=_("All regions"),
    )
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("All kinds")), *Network.Kind.choices], required=False
    )
    sector = forms.CharField(label=_("Sector"), required=False)


class RegionOrganisationFilterForm(forms.Form):
    """Filter of the organisations on a region page."""

    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[
            ("", _("Schools and companies")),
            (Organisation.Kind.VET_INSTITUTION, Organisation.Kind.VET_INSTITUTION.label),
            (Organisation.Kind.PREVOCATIONAL_SCHOOL, Organisation.Kind.PREVOCATIONAL_SCHOOL.label),
            (Organisation.Kind.COMPANY, Organisation.Kind.COMPANY.label),
        ],
        required=False,
    )


class DecisionForm(forms.Form):
    """An administrator's optional note when declining."""

    note = forms.CharField(label=_("Note (optional)"), required=False, widget=forms.Textarea)
