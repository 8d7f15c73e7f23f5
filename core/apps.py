from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Shared infrastructure: change log, scoping, Vietnamese text, decisions."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "core"

    def ready(self) -> None:
        from core import lookups  # noqa: F401  (registers path__under)
