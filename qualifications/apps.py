from django.apps import AppConfig


class QualificationsConfig(AppConfig):
    name = "qualifications"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from core import aggregates

        from .models import CoreTask, Qualification, QualificationFile, WorkProcess
        from .selectors import CACHE_TOPIC

        # The cached "also in" lists are computed from these tables.
        aggregates.invalidate_on_change(
            CACHE_TOPIC, Qualification, QualificationFile, CoreTask, WorkProcess
        )
