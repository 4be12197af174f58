from django.apps import AppConfig


class OoapiConfig(AppConfig):
    """The public OOAPI v5 publication (read-only). Top of the import order:
    it reads the domain apps' selectors and nothing imports it."""

    name = "ooapi"
    verbose_name = "OOAPI v5"

    def ready(self):
        from core import aggregates
        from pathways.models import Route, RouteYear
        from qualifications.models import ImportRun
        from regions.models import Organisation
        from submissions.models import Submission

        from .selectors import CACHE_TOPIC

        # `last_modified` (the Last-Modified of every answer) is cached until these change.
        aggregates.invalidate_on_change(
            CACHE_TOPIC, ImportRun, Organisation, Route, RouteYear, Submission
        )
