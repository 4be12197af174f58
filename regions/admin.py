"""Administrators manage regions, organisations and networks here."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from . import services
from .models import Network, NetworkEvent, NetworkMembership, Organisation, Region


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["code", "name"]
    search_fields = ["code", "name"]
    readonly_fields = ["geometry"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "kind", "municipality", "region", "is_demo"]
    list_filter = ["kind", "is_demo", "region"]
    search_fields = ["name", "code", "municipality"]
    list_select_related = ["region"]
    autocomplete_fields = ["region"]


class NetworkMembershipInline(admin.TabularInline):
    model = NetworkMembership
    extra = 0
    autocomplete_fields = ["organisation"]


class NetworkEventInline(admin.TabularInline):
    model = NetworkEvent
    extra = 0
    can_delete = False
    readonly_fields = ["at", "actor", "action", "membership", "from_state", "to_state", "note"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Network)
class NetworkAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "sector", "region", "start_year", "status", "is_demo"]
    list_filter = ["status", "kind", "region", "is_demo"]
    search_fields = ["name", "sector", "description"]
    list_select_related = ["region"]
    autocomplete_fields = ["region"]
    inlines = [NetworkMembershipInline, NetworkEventInline]
    actions = ["confirm_selected", "decline_selected"]

    def _decide(self, request, queryset, action, done_message):
        done = 0
        for network in queryset:
            try:
                action(user=request.user, network=network)
                done += 1
            except ValidationError as error:
                self.message_user(
                    request, f"{network}: {' '.join(error.messages)}", level=messages.WARNING
                )
        if done:
            self.message_user(request, done_message % {"count": done}, level=messages.SUCCESS)

    @admin.action(description=_("Confirm the selected proposed networks"))
    def confirm_selected(self, request, queryset):
        self._decide(request, queryset, services.confirm_network, _("%(count)d confirmed."))

    @admin.action(description=_("Decline the selected proposed networks"))
    def decline_selected(self, request, queryset):
        self._decide(request, queryset, services.decline_network, _("%(count)d declined."))


@admin.register(NetworkEvent)
class NetworkEventAdmin(admin.ModelAdmin):
    list_display = ["at", "network", "action", "actor", "membership"]
    list_filter = ["action"]
    list_select_related = ["network", "actor", "membership__organisation"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
