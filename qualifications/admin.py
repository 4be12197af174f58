"""The national qualification structure in the Django admin (read mostly: imports write it)."""

from django.contrib import admin

from .models import (
    CoreTask,
    Domain,
    ElectiveModule,
    ImportRun,
    KnowledgeSkill,
    Qualification,
    QualificationFile,
    RegionalElectiveUse,
    SectorChamber,
    VetCertificate,
    WorkProcess,
)


@admin.register(Domain)
class DomainAdmin(admin.ModelAdmin):
    list_display = ["number", "title", "crebo"]
    search_fields = ["number", "title"]


@admin.register(SectorChamber)
class SectorChamberAdmin(admin.ModelAdmin):
    list_display = ["number", "title"]
    search_fields = ["number", "title"]


class QualificationInline(admin.TabularInline):
    model = Qualification
    fields = ["chapter", "crebo", "title", "level", "study_load_hours"]
    extra = 0
    show_change_link = True


@admin.register(QualificationFile)
class QualificationFileAdmin(admin.ModelAdmin):
    list_display = ["crebo", "number", "title", "status", "valid_from", "end_of_intake", "domain"]
    list_filter = ["status", "domain"]
    search_fields = ["crebo", "number", "title"]
    list_select_related = ["domain"]
    inlines = [QualificationInline]


@admin.register(Qualification)
class QualificationAdmin(admin.ModelAdmin):
    list_display = ["crebo", "title", "level", "study_load_hours", "file"]
    list_filter = ["level"]
    search_fields = ["crebo", "title", "file__title"]
    list_select_related = ["file"]


class WorkProcessInline(admin.TabularInline):
    model = WorkProcess
    fields = ["code", "sbb_id", "title", "position"]
    extra = 0


@admin.register(CoreTask)
class CoreTaskAdmin(admin.ModelAdmin):
    list_display = ["code", "title", "file", "qualification"]
    search_fields = ["code", "title", "file__crebo"]
    list_select_related = ["file", "qualification"]
    inlines = [WorkProcessInline]


@admin.register(WorkProcess)
class WorkProcessAdmin(admin.ModelAdmin):
    list_display = ["code", "title", "core_task"]
    search_fields = ["code", "title"]
    list_select_related = ["core_task"]


@admin.register(KnowledgeSkill)
class KnowledgeSkillAdmin(admin.ModelAdmin):
    list_display = ["sbb_id", "text", "core_task"]
    search_fields = ["text"]
    list_select_related = ["core_task"]


@admin.register(ElectiveModule)
class ElectiveModuleAdmin(admin.ModelAdmin):
    list_display = ["code", "title", "level", "study_load_hours", "has_certificate", "is_regional"]
    list_filter = ["is_regional", "level", "has_certificate"]
    search_fields = ["code", "title"]
    list_select_related = ["school", "region"]


@admin.register(RegionalElectiveUse)
class RegionalElectiveUseAdmin(admin.ModelAdmin):
    list_display = ["elective", "title", "school", "approved_on"]
    search_fields = ["elective__code", "title"]
    list_select_related = ["elective", "school"]


@admin.register(VetCertificate)
class VetCertificateAdmin(admin.ModelAdmin):
    list_display = ["title", "qualification", "core_task", "elective"]
    search_fields = ["title"]
    list_select_related = ["qualification", "core_task", "elective"]


@admin.register(ImportRun)
class ImportRunAdmin(admin.ModelAdmin):
    list_display = ["created_at", "file_name", "kind", "status", "added", "changed", "unchanged"]
    list_filter = ["kind", "status"]
    search_fields = ["file_name"]
    readonly_fields = [field.name for field in ImportRun._meta.fields]
