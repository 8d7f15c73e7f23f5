from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Shared infrastructure: change log, scoping, Vietnamese text, decisions."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "core"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in
        from django.db.backends.signals import connection_created

        from core import lookups  # noqa: F401  (registers path__under)
        from core.middleware import session_signed_in
        from core.watermark import watch

        user_logged_in.connect(session_signed_in, dispatch_uid="core.session_signed_in")
        # Every connection's writes move the write watermark (core.watermark), which the figures cache keys by.
        connection_created.connect(watch, dispatch_uid="core.watermark.watch")
