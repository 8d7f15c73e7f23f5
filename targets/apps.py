from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core.permissions import READ, RECORDS


class TargetsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "targets"
    verbose_name = _("Targets")
    # Resolutions, their targets and results, new-rural criteria and OCOP products: read by every role that sees
    # data, kept by the committee offices that keep the day-to-day records (core.permissions).
    permissions = {"view": READ, "change": RECORDS}

    def ready(self) -> None:
        from targets import panels

        panels.register()
