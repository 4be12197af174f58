from django.contrib import admin

from .models import Route, RouteEvent, RouteYear


class RouteYearInline(admin.TabularInline):
    model = RouteYear
    extra = 0


class RouteEventInline(admin.TabularInline):
    model = RouteEvent
    extra = 0
    can_delete = False
    readonly_fields = ["action", "actor", "at", "from_state", "to_state", "note"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Route)
class RouteAdmin(admin.ModelAdmin):
    list_display = [
        "target_qualification",
        "vmbo_school",
        "mbo_institution",
        "region",
        "route_type",
        "vmbo_track",
        "start_date",
        "status",
    ]
    list_filter = ["status", "route_type", "vmbo_track", "region"]
    search_fields = ["vmbo_school__name", "mbo_institution__name", "target_qualification__crebo"]
    list_select_related = ["target_qualification", "vmbo_school", "mbo_institution", "region"]
    raw_id_fields = ["vmbo_school", "mbo_institution", "target_qualification", "partners"]
    inlines = [RouteYearInline, RouteEventInline]
