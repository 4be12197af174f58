from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PathwaysConfig(AppConfig):
    name = "pathways"
    verbose_name = _("Continuous pathways vmbo–mbo")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Register the continuous pathway as a kind of document with the rule engine.
        from .kinds import register_kinds

        register_kinds()

        # Plug the pathway counts into the regions map and region page.
        from core import aggregates
        from regions.models import Organisation, Region
        from regions.selectors import register_indicator, register_region_section

        from . import selectors
        from .models import Route, RouteEvent, RouteYear

        register_indicator(
            "pathways",
            _("Active continuous pathways vmbo–mbo"),
            selectors.active_route_counts,
            changes_with=(Route, Region),
        )
        # The monitor's figures and the ministry's XLSX download are cached (CACHE_TOPIC).
        aggregates.invalidate_on_change(
            selectors.CACHE_TOPIC, Route, RouteYear, RouteEvent, Organisation, Region
        )
        register_region_section(
            "pathways",
            _("Continuous pathways vmbo–mbo"),
            "pathways/region_section.html",
            selectors.region_section_context,
        )
