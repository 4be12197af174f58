from django.apps import AppConfig


class OoapiConfig(AppConfig):
    """The public OOAPI v5 publication (read-only). Top of the import order:
    it reads the domain apps' selectors and nothing imports it."""

    name = "ooapi"
    verbose_name = "OOAPI v5"
