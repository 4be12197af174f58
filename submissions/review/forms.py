"""Forms of the review pages: the queue's filters, a comment, a decision."""

from django import forms
from django.utils.translation import gettext_lazy as _

from rules.kinds import reviewed_kind_choices
from submissions.models import Decision
from submissions.workflow import COMMENT_MAX_LENGTH, REASON_MAX_LENGTH


class QueueFilterForm(forms.Form):
    """Filters of the reviewers' queue (all optional)."""

    kind = forms.ChoiceField(
        label=_("Kind"),
        required=False,
        choices=lambda: [("", _("All kinds")), *reviewed_kind_choices()],
    )
    experiment = forms.ChoiceField(label=_("Experiment"), required=False)
    region = forms.ChoiceField(label=_("Labour-market region"), required=False)
    waiting_days = forms.IntegerField(
        label=_("Waiting at least (days)"), required=False, min_value=0, max_value=3650
    )

    def __init__(self, *args, experiments=(), regions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["experiment"].choices = [("", _("All experiments")), *experiments]
        self.fields["region"].choices = [("", _("All regions")), *regions]


class CommentForm(forms.Form):
    """A comment on one section of the document."""

    section = forms.CharField(widget=forms.HiddenInput, required=False, max_length=100)
    text = forms.CharField(
        label=_("Comment"),
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class DecisionForm(forms.Form):
    """A reviewer's decision with its reason."""

    outcome = forms.ChoiceField(
        label=_("Decision"), choices=Decision.Outcome.choices, widget=forms.RadioSelect
    )
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 4}))


class CallInInspectorateForm(forms.Form):
    """An SBB reviewer asks the Inspectorate to decide too, with a reason."""

    reason = forms.CharField(
        label=_("Why must the Inspectorate also decide?"),
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
