"""Forms for issuing, uploading and withdrawing practice statements. They only
check input; the rules and the services do the rest."""

from django import forms
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core import boundary
from core.forms import SearchField
from qualifications.search_forms import qualification_field
from regions.models import Organisation
from regions.selectors import describe_organisation, find_organisation, search_organisations

from .kind import PRACTICE_STATEMENT
from .selectors import work_process_groups
from .services import FORMAT

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
COMPANY_KINDS = [Organisation.Kind.COMPANY]
MAX_DOCUMENT_BYTES = 2 * 1024 * 1024


class WorkProcessField(forms.MultipleChoiceField):
    """Ticked work processes. A code that is no longer offered (the qualification
    changed) is kept for the rules to report (PV-01), not refused here."""

    widget = forms.CheckboxSelectMultiple

    def valid_value(self, value):
        return isinstance(value, str) and 0 < len(value) <= 25


class StatementForm(forms.Form):
    qualification = qualification_field(_("Qualification"), as_record=True)
    learner_name = forms.CharField(
        label=_("Learner's name"),
        max_length=200,
        help_text=_("As on the learner's identity document; the only personal data kept."),
    )
    company = SearchField(
        label=_("Company (leerbedrijf)"),
        url=reverse_lazy("regions:organisation_options"),  # with ?soort= in __init__
        find=lambda code: find_organisation(code, COMPANY_KINDS),
        search=lambda text: search_organisations(text, COMPANY_KINDS),
        code_of=lambda organisation: organisation.code,
        describe=describe_organisation,
        noun=_("company"),
        help_text=_("Type part of the name or the KvK number and pick from the list."),
    )
    trainer = forms.CharField(label=_("Trainer (praktijkopleider)"), max_length=200)
    period_start = boundary.DateField(label=_("Start of the learning period"), widget=DATE_WIDGET)
    period_end = boundary.DateField(label=_("End of the learning period"), widget=DATE_WIDGET)
    issued_on = boundary.DateField(label=_("Date of issue"), widget=DATE_WIDGET)
    work_processes = WorkProcessField(
        label=_("Work processes the learner learned to perform"),
        required=False,
        help_text=_("From the qualification's basis and profile, by core task."),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("issued_on", timezone.localdate())
        super().__init__(*args, **kwargs)
        self.fields["company"].widget.attrs["hx-get"] = (
            f"{reverse('regions:organisation_options')}?soort={Organisation.Kind.COMPANY}"
        )
        self.qualification_record = self._chosen_qualification()
        self.groups = work_process_groups(self.qualification_record)
        self.fields["work_processes"].choices = [
            (
                f"{task.code} {task.title}",
                [(process.code, f"{process.code} {process.title}") for process in processes],
            )
            for task, processes in self.groups
        ]

    def _chosen_qualification(self):
        """The qualification named so far (also before the form is valid), or None."""
        field = self.fields["qualification"]
        text = self.data.get("qualification") if self.is_bound else None
        if text is None:
            value = self.initial.get("qualification")
            if hasattr(value, "crebo"):
                return value
            text = value if isinstance(value, str) else ""
        try:
            return field.clean(text)
        except forms.ValidationError:
            return None

    @classmethod
    def shown_again(cls, data) -> "StatementForm":
        """The form as typed, unchecked: without JavaScript, "show the work processes"
        lists them for the chosen qualification without reporting empty fields."""
        initial = {name: data.get(name, "") for name in cls.base_fields}
        initial["work_processes"] = data.getlist("work_processes")
        return cls(initial=initial)

    def document(self, school_code: str) -> dict:
        """The form's values as a `practice_statement` document (docs/interchange.md)."""
        data = self.cleaned_data
        return {
            "format": FORMAT,
            "kind": PRACTICE_STATEMENT,
            "school": school_code,
            "learner": {"name": data["learner_name"].strip()},
            "qualification": data["qualification"].crebo,
            "company": data["company"],
            "trainer": data["trainer"].strip(),
            "period": {
                "start": data["period_start"].isoformat(),
                "end": data["period_end"].isoformat(),
            },
            "issued_on": data["issued_on"].isoformat(),
            "work_processes": list(data["work_processes"]),
        }


class UploadForm(forms.Form):
    document = forms.FileField(
        label=_("Practice statement (JSON document)"),
        validators=[boundary.validate_file_name],
        help_text=_("A document of kind practice_statement, at most 2 MB."),
    )

    def clean_document(self):
        upload = self.cleaned_data["document"]
        if upload.size > MAX_DOCUMENT_BYTES:
            raise forms.ValidationError(_("The file is larger than 2 MB."))
        return upload.read()


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for withdrawal"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Shown to your school only; the verification page says only that the statement "
            "was withdrawn."
        ),
    )


class StatementSearchForm(forms.Form):
    STATE_CHOICES = [
        ("", _("Issued and withdrawn")),
        ("issued", _("Issued (valid)")),
        ("withdrawn", _("Withdrawn")),
    ]
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=200,
        help_text=_("Learner, qualification, company or verification code."),
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    state = forms.ChoiceField(label=_("State"), choices=STATE_CHOICES, required=False)


class VerifyForm(forms.Form):
    code = forms.CharField(
        label=_("Verification code"),
        max_length=40,
        help_text=_("The code printed on the practice statement, e.g. K7QM-2XPA-9TRC-HW4B."),
    )
