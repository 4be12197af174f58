from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StatementsConfig(AppConfig):
    name = "statements"
    verbose_name = _("Practice statements")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # The kind `practice_statement` is declared in this app (kind.py) and its
        # rules PV-01…PV-04 in rules.py, found by the engine.
        from .kind import register_kinds

        register_kinds()
