from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExperimentsConfig(AppConfig):
    name = "experiments"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Register the kinds of document this app owns with the rule engine.
        from .kinds import register_kinds

        register_kinds()

        # Plug the number of participating schools into the regions map.
        from regions.models import Organisation
        from regions.selectors import register_indicator

        from . import selectors
        from .models import Participation

        register_indicator(
            "participating_schools",
            _("Schools in an experiment"),
            selectors.participating_school_counts,
            changes_with=(Participation, Organisation),
        )
