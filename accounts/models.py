"""Users: every user belongs to one organisation and has one role."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    SCHOOL_AUTHOR = "school_author", _("school author")
    SBB_REVIEWER = "sbb_reviewer", _("SBB reviewer")
    INSPECTORATE_REVIEWER = "inspectorate_reviewer", _("inspectorate reviewer")
    MINISTRY_STAFF = "ministry_staff", _("ministry staff")
    ADMINISTRATOR = "administrator", _("administrator")


# Roles that may see every organisation's data (each within what its views allow).
NATIONAL_ROLES = frozenset(
    {Role.SBB_REVIEWER, Role.INSPECTORATE_REVIEWER, Role.MINISTRY_STAFF, Role.ADMINISTRATOR}
)


def admin_flags(role: str) -> dict[str, bool]:
    """Staff and superuser status for a role: the Django admin is for administrators only."""
    is_administrator = role == Role.ADMINISTRATOR
    return {"is_staff": is_administrator, "is_superuser": is_administrator}


class User(AbstractUser):
    """A person using the application on behalf of one organisation."""

    email = models.EmailField(_("email address"), unique=True)
    organisation = models.ForeignKey(
        "regions.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="users",
    )
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)

    REQUIRED_FIELDS = ["email", "organisation", "role"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(role__in=Role.values), name="user_role_is_known"
            ),
        ]

    @property
    def is_school_author(self) -> bool:
        return self.role == Role.SCHOOL_AUTHOR

    @property
    def has_national_view(self) -> bool:
        """True for roles that see data of every organisation."""
        return self.role in NATIONAL_ROLES
