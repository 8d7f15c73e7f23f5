from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core.permissions import READ, RECORDS


class TrainingConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "training"
    verbose_name = _("Training")
    # Classes and learners are day-to-day records (core.permissions families).
    permissions = {"view": READ, "change": RECORDS}

    def ready(self) -> None:
        from training import panels

        panels.register()
