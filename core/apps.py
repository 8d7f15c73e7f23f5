from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Shared infrastructure: change log, scoping, Vietnamese text, decisions."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "core"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from core import lookups  # noqa: F401  (registers path__under)
        from core.middleware import session_signed_in

        user_logged_in.connect(session_signed_in, dispatch_uid="core.session_signed_in")
