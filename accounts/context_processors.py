"""Role names for templates, so that no template spells a role as a string."""

from .models import Role
from .permissions import MINISTRY_ROLES, REVIEWER_ROLES, SBB_ROLES, SCHOOL_ROLES, user_has_role


def role_groups(request) -> dict:
    """`Role` (the enum) and `roles`, the groups the current user belongs to:
    `{% if roles.reviewer %}` instead of comparing `user.role` with strings."""
    user = request.user
    return {
        "Role": Role,
        "roles": {
            "school": user_has_role(user, SCHOOL_ROLES),
            "reviewer": user_has_role(user, REVIEWER_ROLES),
            "sbb": user_has_role(user, SBB_ROLES),
            "ministry": user_has_role(user, MINISTRY_ROLES),
            "administrator": user_has_role(user, [Role.ADMINISTRATOR]),
        },
    }
