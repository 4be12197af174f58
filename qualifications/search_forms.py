"""Forms of the public browse, search and transparency pages (all read with GET)."""

from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from core.forms import SearchField

from .models import Domain
from .selectors import (
    attach_parts,
    dossier_statuses,
    find_qualification,
    qualifications_by_crebo,
    search_qualifications,
)

LEVEL_CHOICES = [("", _("All levels"))] + [(str(level), str(level)) for level in range(1, 5)]


class DossierSearchForm(forms.Form):
    """Search words and filters of the dossier list."""

    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=200,
        help_text=_("Crebo, title, core task or work process; case and accents do not matter."),
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    domain = forms.ModelChoiceField(
        label=_("Domain"),
        queryset=Domain.objects.order_by("title"),
        required=False,
        empty_label=_("All domains"),
    )
    level = forms.TypedChoiceField(
        label=_("Level"), choices=LEVEL_CHOICES, coerce=int, empty_value=None, required=False
    )
    status = forms.ChoiceField(label=_("Status"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", _("All statuses"))] + [
            (status, status) for status in dossier_statuses()
        ]


class ElectiveSearchForm(forms.Form):
    """Search words and filters of the keuzedelen list."""

    CERTIFICATE_CHOICES = [
        ("", _("With or without")),
        ("yes", _("With an mbo-certificate")),
        ("no", _("Without an mbo-certificate")),
    ]

    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=200,
        help_text=_("Code or title; case and accents do not matter."),
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    level = forms.TypedChoiceField(
        label=_("Level"), choices=LEVEL_CHOICES, coerce=int, empty_value=None, required=False
    )
    certificate = forms.ChoiceField(
        label=_("Certificate"), choices=CERTIFICATE_CHOICES, required=False
    )
    kind = forms.ChoiceField(
        label=_("National or regional"),
        choices=[
            ("", _("National and regional")),
            ("national", _("National keuzedelen")),
            ("regional", _("Regional (RK codes)")),
        ],
        required=False,
    )

    def has_certificate(self) -> bool | None:
        """The certificate filter as True, False or None (no filter)."""
        return {"yes": True, "no": False}.get(self.cleaned_data.get("certificate"))

    def is_regional(self) -> bool | None:
        """The national/regional filter as True (regional), False or None (both)."""
        return {"regional": True, "national": False}.get(self.cleaned_data.get("kind"))


def describe_qualification(qualification) -> str:
    """A qualification's title with its crebo and level, as people read it."""
    return _("%(title)s (crebo %(crebo)s, level %(level)s)") % {
        "title": qualification.title,
        "crebo": qualification.crebo,
        "level": qualification.level,
    }


def qualification_field(label, required=True, **kwargs):
    """A qualification named by title or crebo, with suggestions while typing."""
    return SearchField(
        label=label,
        required=required,
        url=reverse_lazy("qualifications:qualification-options"),
        find=find_qualification,
        search=search_qualifications,
        code_of=lambda qualification: qualification.crebo,
        describe=describe_qualification,
        noun=_("qualification"),
        help_text=_("Type part of the title or the crebo code and pick from the list."),
        **kwargs,
    )


def _crebo_field(label, required=True):
    return qualification_field(label, required)


def resolve_crebo(text: str) -> str:
    """The crebo a typed code or name stands for, when it names one qualification."""
    text = text.strip()
    if not text or find_qualification(text):
        return text
    matches = search_qualifications(text, limit=2)
    return matches[0].crebo if len(matches) == 1 else text


def _unknown_crebo(crebo: str) -> forms.ValidationError:
    return forms.ValidationError(
        _("No qualification has crebo %(crebo)s."), code="unknown", params={"crebo": crebo}
    )


class CompareForm(forms.Form):
    """Two or three qualifications, picked by crebo."""

    crebo_1 = _crebo_field(_("First qualification"))
    crebo_2 = _crebo_field(_("Second qualification"))
    crebo_3 = _crebo_field(_("Third qualification (optional)"), required=False)

    def clean(self):
        cleaned = super().clean()
        names = ["crebo_1", "crebo_2", "crebo_3"]
        crebos = {name: cleaned.get(name) for name in names if cleaned.get(name)}
        found = qualifications_by_crebo(list(crebos.values()))
        for name, crebo in crebos.items():
            if crebo not in found:
                self.add_error(name, _unknown_crebo(crebo))
        if len(set(crebos.values())) < len(crebos):
            raise forms.ValidationError(_("Pick different qualifications to compare."))
        cleaned["qualifications"] = [found[crebo] for crebo in crebos.values() if crebo in found]
        return cleaned


class StillNeededForm(forms.Form):
    """A target qualification, and what is done already: ticked parts or a held qualification."""

    target = _crebo_field(_("Qualification you want"))
    held = _crebo_field(_("Qualification you already have (optional)"), required=False)
    done_core_tasks = forms.TypedMultipleChoiceField(
        label=_("Core tasks done"), coerce=int, required=False
    )
    done_work_processes = forms.TypedMultipleChoiceField(
        label=_("Work processes done"), coerce=int, required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.target_qualification = None
        crebos = [resolve_crebo(self.data.get(name, "")) for name in ("target", "held")]
        self.found = qualifications_by_crebo([crebo for crebo in crebos if crebo])
        target = self.found.get(crebos[0])
        if target is not None:
            attach_parts([target])
            self.target_qualification = target
            self.fields["done_core_tasks"].choices = [
                (core_task.pk, core_task.code) for core_task in target.parts
            ]
            self.fields["done_work_processes"].choices = [
                (wp.pk, wp.code)
                for core_task in target.parts
                for wp in core_task.work_processes.all()
            ]

    def clean_target(self):
        crebo = self.cleaned_data["target"]
        if crebo not in self.found:
            raise _unknown_crebo(crebo)
        return self.found[crebo]

    def clean_held(self):
        crebo = self.cleaned_data.get("held")
        if not crebo:
            return None
        if crebo not in self.found:
            raise _unknown_crebo(crebo)
        return self.found[crebo]
