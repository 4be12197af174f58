from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SubmissionsConfig(AppConfig):
    name = "submissions"
    verbose_name = _("Submissions")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Plug approved regionalised programmes into the regions map and region page.
        from experiments.selectors import register_tracking
        from regions.models import Organisation
        from regions.selectors import register_indicator, register_region_section
        from rules.kinds import register_lookup
        from submissions import tracking
        from submissions.intake import selectors
        from submissions.models import Submission

        register_indicator(
            "approved_programmes",
            _("Approved regional programmes"),
            selectors.approved_programme_counts,
            changes_with=(Submission, Organisation),
        )
        register_region_section(
            "programmes",
            _("Approved regionalised programmes"),
            "submissions/region_section.html",
            selectors.region_section_context,
        )
        # The experiment pages show the schools' submissions and turnaround times.
        register_tracking(tracking.tracking_rows)
        # Rules that count a school's submissions (PP-05) ask the workflow.
        register_lookup("other_live_submissions", selectors.other_live_submissions)
