from django.contrib import admin

from .models import CertificateProgramme, ProgrammeEvent, ProgrammeStart


class ProgrammeStartInline(admin.TabularInline):
    model = ProgrammeStart
    extra = 0


class ProgrammeEventInline(admin.TabularInline):
    model = ProgrammeEvent
    extra = 0
    readonly_fields = ["action", "user", "at", "fields"]
    can_delete = False


@admin.register(CertificateProgramme)
class CertificateProgrammeAdmin(admin.ModelAdmin):
    list_display = ["name", "school", "certificate", "region"]
    list_filter = ["region"]
    search_fields = ["name", "school__name", "school__code", "certificate__title"]
    raw_id_fields = ["school", "certificate", "created_by"]
    filter_horizontal = ["partners"]
    inlines = [ProgrammeStartInline, ProgrammeEventInline]
