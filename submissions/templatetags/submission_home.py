"""Submission tasks on the home pages: a school author's drafts and requested
changes, a reviewer's waiting submissions with the oldest waiting time."""

from django import template
from django.utils import timezone

from accounts.models import Role
from submissions.intake import selectors
from submissions.review import selectors as review_selectors

register = template.Library()

REVIEWER_ROLES = (Role.SBB_REVIEWER, Role.INSPECTORATE_REVIEWER, Role.ADMINISTRATOR)


def review_task(user) -> dict:
    """How many submissions wait for the user's review, and for how many days
    the longest-waiting one has waited (None when nothing waits)."""
    queue = review_selectors.review_queue(user)
    count = queue.count()
    oldest = queue.exclude(submitted_at=None).values_list("submitted_at", flat=True).first()
    days = (timezone.now() - oldest).days if oldest else None
    return {"count": count, "oldest_days": days}


@register.inclusion_tag("submissions/includes/home_tasks.html")
def submission_home_tasks(user):
    context = {"is_school_author": False, "is_reviewer": False}
    if not user.is_authenticated:
        return context
    if user.role == Role.SCHOOL_AUTHOR and user.organisation.is_school:
        context["is_school_author"] = True
        context.update(selectors.author_task_counts(user))
    elif user.role in REVIEWER_ROLES:
        context["is_reviewer"] = True
        context["review"] = review_task(user)
    return context
