from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RulesConfig(AppConfig):
    name = "rules"
    verbose_name = _("Validation rules")
    default_auto_field = "django.db.models.BigAutoField"
    # The kinds register from their apps' ready(); the rules load when first
    # read, once every app is ready (`rules.registry.load_rules`).
