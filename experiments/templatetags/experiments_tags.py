"""Experiment tasks on the home pages."""

from django import template

from accounts.models import Role
from accounts.permissions import MINISTRY_ROLES

from .. import selectors, services

register = template.Library()


@register.inclusion_tag("experiments/includes/home_links.html")
def experiment_home_links(user):
    """For ministry staff: each experiment with its open applications; for a
    school author: the experiments their school can apply to, with its status."""
    context = {"is_ministry": False, "is_school_author": False, "experiments": []}
    if not user.is_authenticated:
        return context
    if user.role in MINISTRY_ROLES:
        context["is_ministry"] = True
        context["experiments"] = list(selectors.experiment_list_with_open_applications())
        context["to_decide"] = sum(experiment.open_count for experiment in context["experiments"])
    elif user.role == Role.SCHOOL_AUTHOR:
        context["is_school_author"] = True
        statuses = selectors.statuses_of_school(user.organisation_id)
        context["experiments"] = [
            (experiment, statuses.get(experiment.pk))
            for experiment in selectors.experiment_list()
            if services.may_apply(user, experiment)
        ]
    return context


@register.inclusion_tag("experiments/includes/phase.html")
def experiment_phase(experiment, compact=False):
    """The experiment's phase (not yet open, open, running, ended) with its dates."""
    return {
        "experiment": experiment,
        "phase": experiment.phase,
        "label": experiment.phase_label,
        "sentence": services.phase_sentence(experiment),
        "badge": services.phase_badge(experiment),
        "compact": compact,
    }
