from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from .middleware import note_second_factor_owed

        user_logged_in.connect(note_second_factor_owed, dispatch_uid="accounts.two_factor")
