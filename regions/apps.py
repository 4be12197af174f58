from django.apps import AppConfig


class RegionsConfig(AppConfig):
    name = "regions"
    verbose_name = "Regions and organisations"
    default_auto_field = "django.db.models.BigAutoField"
