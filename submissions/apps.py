from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SubmissionsConfig(AppConfig):
    name = "submissions"
    verbose_name = _("Submissions")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Plug approved regionalised programmes into the regions map and region page.
        from experiments.register import register_approved_programme
        from experiments.selectors import register_tracking
        from regions.selectors import register_indicator, register_region_section
        from rules.registry import Kind
        from submissions import approval_hooks, tracking
        from submissions.intake import selectors

        # An approved regionalised programme's regional keuzedelen enter the register.
        approval_hooks.register(Kind.REGIONAL_PROGRAMME, register_approved_programme)

        register_indicator(
            "approved_programmes",
            _("Approved regional programmes"),
            selectors.approved_programme_counts,
        )
        register_region_section(
            "programmes",
            _("Approved regionalised programmes"),
            "submissions/region_section.html",
            selectors.region_section_context,
        )
        # The experiment pages show the schools' submissions and turnaround times.
        register_tracking(tracking.tracking_rows)
