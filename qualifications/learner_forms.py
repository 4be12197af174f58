"""Forms of the learner pages: the choice space and Sandra's path (read with GET).

Whatever the query string holds, these forms never raise: codes that are not
codes or not known are left out with a message, and the rest of the plan stays.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from .learner_selectors import ELECTIVE_CODE, MAX_PICKS, region_choices
from .search_forms import LEVEL_CHOICES, qualification_field


class CodeListField(forms.Field):
    """Repeated query parameters (?elective=K0101&elective=K0102) as a list of strings."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value):
        if not value:
            return []
        if isinstance(value, str):
            value = [value]
        return [str(item).strip().upper() for item in value if str(item).strip()]


class ChoiceSpaceForm(forms.Form):
    """A qualification, optionally a region, the keuzedelen picked, and a keuzedelen search."""

    qualification = qualification_field(_("Qualification"), required=False)
    region = forms.ChoiceField(
        label=_("Region"),
        required=False,
        help_text=_("The regional keuzedelen of this labour-market region are offered too."),
    )
    elective = CodeListField(required=False)
    q = forms.CharField(
        label=_("Find keuzedelen"),
        required=False,
        max_length=200,
        help_text=_("Code or title; case and accents do not matter."),
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    level = forms.TypedChoiceField(
        label=_("Level of the keuzedeel"),
        choices=LEVEL_CHOICES,
        coerce=int,
        empty_value=None,
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = region_choices()
        self.offers_regions = bool(choices)
        self.fields["region"].choices = [("", _("No region"))] + choices
        self.dropped_codes: list[str] = []
        self.too_many = False

    def clean_elective(self):
        """Well-formed codes, each once, at most MAX_PICKS; the rest is dropped and told."""
        codes = list(dict.fromkeys(self.cleaned_data.get("elective") or []))
        self.dropped_codes = [code for code in codes if not ELECTIVE_CODE.match(code)]
        codes = [code for code in codes if ELECTIVE_CODE.match(code)]
        if len(codes) > MAX_PICKS:
            self.too_many = True
            codes = codes[:MAX_PICKS]
        return codes

    def valid_part(self, name, default=None):
        """A field's cleaned value, or `default` when that field is invalid."""
        if name in self.errors:
            return default
        return self.cleaned_data.get(name, default)


class PartPathForm(forms.Form):
    """The parts of the dossier the person can already do, by code."""

    can = CodeListField(required=False)
