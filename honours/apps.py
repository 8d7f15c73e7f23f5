from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core.permissions import READ, RECORDS


class HonoursConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "honours"
    verbose_name = _("Commendations")
    # Commendations, the honour book and contest results are day-to-day records (core.permissions families).
    permissions = {"view": READ, "change": RECORDS}

    def ready(self) -> None:
        from honours import panels

        panels.register()
