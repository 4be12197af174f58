from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StatementsConfig(AppConfig):
    name = "statements"
    verbose_name = _("Practice statements")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Everything of the kind `practice_statement` is declared in this app and
        # registered here: its document shape (FMT-01), its rules PV-01…PV-04 and
        # the qualification it references for QS-02.
        from . import kind

        kind.register()
