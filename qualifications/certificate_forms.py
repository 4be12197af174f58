"""The search form of the public certificates list (read with GET)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .certificate_selectors import sectors_with_certificates
from .search_forms import LEVEL_CHOICES


class CertificateSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=200,
        help_text=_(
            "Title or code of the certificate, or of its qualification, core task or keuzedeel."
        ),
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    sector = forms.ModelChoiceField(
        label=_("Sector"),
        queryset=None,
        required=False,
        empty_label=_("All sectors"),
    )
    level = forms.TypedChoiceField(
        label=_("Level"), choices=LEVEL_CHOICES, coerce=int, empty_value=None, required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sector"].queryset = sectors_with_certificates()
