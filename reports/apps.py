from django.apps import AppConfig


class ReportsConfig(AppConfig):
    """Figures and reports computed from the other apps' records."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "reports"

    def ready(self) -> None:
        from core.figures import autodiscover

        autodiscover()
