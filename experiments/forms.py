"""Forms of the experiments pages: they check input; services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core import boundary

from .models import COHORT_VALIDATOR, Participation


class ApplicationForm(forms.Form):
    """A school's application to an experiment."""

    cohort = forms.CharField(
        label=_("Cohort"),
        max_length=7,
        validators=[COHORT_VALIDATOR],
        help_text=_("The school year in which your first students start, written as 2021/22."),
        widget=forms.TextInput(attrs={"placeholder": "2021/22", "autocomplete": "off"}),
    )
    motivation = forms.CharField(
        label=_("Motivation"),
        help_text=_("Why your school wants to take part, with which partners and programmes."),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=5000,
    )


class DecisionForm(forms.Form):
    """Ministry staff's decision on an application."""

    outcome = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (Participation.Status.ADMITTED, _("Admit")),
            (Participation.Status.WAIT_LISTED, _("Put on the waiting list")),
            (Participation.Status.DECLINED, _("Decline")),
        ],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        help_text=_("Required when you wait-list or decline the school; the school reads it."),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
    )

    def clean(self):
        cleaned = super().clean()
        outcome = cleaned.get("outcome")
        if outcome and outcome != Participation.Status.ADMITTED and not cleaned.get("reason"):
            self.add_error("reason", _("Give a reason when you wait-list or decline a school."))
        return cleaned


class ParticipantFilterForm(forms.Form):
    """Filters of the participants page."""

    q = forms.CharField(label=_("School name or BRIN code"), required=False, max_length=100)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All statuses")), *Participation.Status.choices],
    )
    cohort = forms.ChoiceField(label=_("Cohort"), required=False)
    region = forms.ChoiceField(label=_("Region"), required=False)

    def __init__(self, *args, cohorts=(), regions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cohort"].choices = [("", _("All cohorts"))] + [(c, c) for c in cohorts]
        self.fields["region"].choices = [("", _("All regions"))] + [
            (region.code, region.name) for region in regions
        ]


class ParticipationUploadForm(forms.Form):
    """Step 1 of the participants import: the CSV file, read for a preview."""

    file = forms.FileField(
        label=_("Participants file (CSV)"),
        validators=[boundary.validate_file_name],
        help_text=_(
            "UTF-8 with the header row experiment,school,cohort,status,decided_on; status is "
            "applied, admitted, waitlisted or declined, decided_on a date such as 2020-12-15 "
            "(empty for applied)."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )


class ParticipationApplyForm(forms.Form):
    """Step 2: apply the previewed file (its text and the fingerprint of the preview)."""

    content = forms.CharField(widget=forms.HiddenInput, strip=False)
    file_name = forms.CharField(widget=forms.HiddenInput, max_length=255)
    digest = forms.CharField(widget=forms.HiddenInput, max_length=64)
