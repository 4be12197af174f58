from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    """Certificate programmes (certificaattrajecten, derde leerweg) of mbo schools."""

    name = "certificates"
    verbose_name = _("Certificate programmes")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Plug the certificate programmes into the regions map and region page.
        from regions.selectors import register_indicator, register_region_section

        from . import selectors

        register_indicator(
            "certificate_programmes",
            _("Certificate programmes with a start date to come"),
            selectors.upcoming_programme_counts,
        )
        register_region_section(
            "certificate_programmes",
            _("Certificate programmes (derde leerweg)"),
            "certificates/region_section.html",
            selectors.region_section_context,
        )
