from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core.permissions import READ, STRUCTURE


class OversightConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "oversight"
    verbose_name = _("Oversight assignments")
    # Assigning committee members to cells is the committee's organization work, like its seats (committees).
    permissions = {"view": READ, "change": STRUCTURE}

    def ready(self) -> None:
        from oversight import panels

        panels.register()
