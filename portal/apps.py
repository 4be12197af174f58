from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The top layer: what spans every domain app (the home pages, the navigation,
    `load_demo` and the national data generator)."""

    name = "portal"
    verbose_name = _("portal")
