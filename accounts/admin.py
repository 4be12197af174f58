"""Administrators manage users (with their role and organisation) here."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import User, admin_flags


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "email", "first_name", "last_name", "role", "organisation"]
    list_filter = ["role", "is_active", "is_staff", "organisation__kind"]
    search_fields = ["username", "email", "first_name", "last_name", "organisation__name"]
    list_select_related = ["organisation"]
    autocomplete_fields = ["organisation"]
    # Only administrators use this admin: staff and superuser status follow the role.
    readonly_fields = ["is_staff", "is_superuser"]
    fieldsets = (
        *BaseUserAdmin.fieldsets,
        (
            _("Role and organisation"),
            {
                "fields": ("role", "organisation"),
                "description": _(
                    "Users with the role administrator may use this admin; other roles may not."
                ),
            },
        ),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": (
                    "username",
                    "email",
                    "role",
                    "organisation",
                    "password1",
                    "password2",
                ),
            },
        ),
    )

    def save_model(self, request, obj, form, change):
        """Give the admin (staff and superuser status) to administrators, and only to them."""
        for name, value in admin_flags(obj.role).items():
            setattr(obj, name, value)
        super().save_model(request, obj, form, change)
