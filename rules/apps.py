from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RulesConfig(AppConfig):
    name = "rules"
    verbose_name = _("Validation rules")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Register every rule: each kind's rules live in the app that owns the kind.
        from rules.engine import load_rule_modules

        load_rule_modules()
