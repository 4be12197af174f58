"""Abstract model bases every app may use: common fields declared once.

`core` is no installed app: these bases have no tables of their own; each
concrete model that inherits them gets the fields (same names, types and
columns as when they were written out in each model).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CreatedAt(models.Model):
    """When the record was created."""

    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        abstract = True


class UpdatedAt(models.Model):
    """When the record was last saved."""

    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True


class Timestamped(CreatedAt, UpdatedAt):
    """When the record was created and last saved."""

    class Meta:
        abstract = True


class CreatedBy(models.Model):
    """Who created the record (a user who created records cannot be deleted)."""

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        abstract = True


class AuditEvent(models.Model):
    """One entry of a record's audit trail: who took which step, when, from which
    state to which, and a note.

    Each concrete event table inherits this, adds the foreign key to its record
    and declares its fixed set of actions:

        class RouteEvent(AuditEvent):
            class Action(models.TextChoices): ...
            action = AuditEvent.action_field(Action)
            route = models.ForeignKey(...)

    `from_state` and `to_state` are empty for a step that does not change the
    state; `actor` is empty for a step the application took by itself.
    """

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)
    action = models.CharField(_("action"), max_length=40)
    from_state = models.CharField(_("from state"), max_length=30, blank=True)
    to_state = models.CharField(_("to state"), max_length=30, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        abstract = True
        ordering = ["at", "pk"]

    @staticmethod
    def action_field(actions, max_length: int = 40) -> models.CharField:
        """The `action` field of a concrete event table: one of `actions` (a
        `TextChoices` class), the fixed set of steps of its record."""
        return models.CharField(_("action"), max_length=max_length, choices=actions.choices)
