"""The form for a new draft. Each kind's editor lives with the kind, in the
app that owns it (`KindSpec.editor`, e.g. `experiments/draft_forms.py`); what
an editor is made of is in `rules.editing`."""

from django import forms
from django.utils.translation import gettext_lazy as _

from rules.kinds import kinds


def draft_kinds() -> list[tuple[str, object]]:
    """(value, label) of the kinds drafted in the browser: those with an editor."""
    return [(spec.value, spec.label) for spec in kinds() if spec.editor is not None]


class NewDraftForm(forms.Form):
    """Kind, experiment and title of a new draft."""

    kind = forms.ChoiceField(
        label=_("Kind of submission"), choices=draft_kinds, widget=forms.RadioSelect
    )
    experiment = forms.ModelChoiceField(
        label=_("Experiment"),
        queryset=None,
        required=False,
        help_text=_("Leave empty to take the experiment of the chosen kind."),
    )
    title = forms.CharField(label=_("Title"), max_length=300)

    def __init__(self, *args, **kwargs):
        from experiments.models import Experiment

        super().__init__(*args, **kwargs)
        self.fields["experiment"].queryset = Experiment.objects.filter(
            kind__in=[kind for kind, _label in draft_kinds()]
        ).order_by("name")

    def clean(self):
        data = super().clean()
        kind, experiment = data.get("kind"), data.get("experiment")
        if not kind:
            return data
        if experiment is None:
            matching = [e for e in self.fields["experiment"].queryset if e.kind == kind]
            if len(matching) == 1:
                data["experiment"] = matching[0]
            else:
                self.add_error("experiment", _("Choose the experiment."))
        elif experiment.kind != kind:
            self.add_error(
                "experiment",
                _("%(experiment)s is not an experiment for this kind of submission.")
                % {"experiment": experiment.name},
            )
        return data
