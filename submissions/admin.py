"""Read-only admin views: submissions change through the services, never by hand."""

from django.contrib import admin

from submissions.models import (
    Submission,
    SubmissionVersion,
    ValidationChange,
    ValidationJob,
    ValidationReport,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Submission)
class SubmissionAdmin(ReadOnlyAdmin):
    list_display = ["title", "kind", "school", "state", "updated_at"]
    list_filter = ["kind", "state"]
    search_fields = ["title", "school__name", "school__code"]
    list_select_related = ["school"]


@admin.register(SubmissionVersion)
class SubmissionVersionAdmin(ReadOnlyAdmin):
    list_display = ["submission", "number", "created_by", "created_at"]
    list_select_related = ["submission", "created_by"]


@admin.register(ValidationReport)
class ValidationReportAdmin(ReadOnlyAdmin):
    list_display = ["version", "valid", "checked_at", "recheck_on"]
    list_filter = ["valid"]
    list_select_related = ["version__submission"]


@admin.register(ValidationChange)
class ValidationChangeAdmin(ReadOnlyAdmin):
    list_display = ["version", "checked_at", "reason", "was_valid", "is_valid"]
    list_select_related = ["version__submission"]


@admin.register(ValidationJob)
class ValidationJobAdmin(ReadOnlyAdmin):
    """Checks queued without a report yet: the sweep queues them again."""

    list_display = ["version", "queued_at", "attempts"]
    list_select_related = ["version__submission"]
