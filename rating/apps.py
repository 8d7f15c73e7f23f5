from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core.permissions import READ, RECORDS


class RatingConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "rating"
    verbose_name = _("Quality rating")
    # Cells and committees keep the rating records of their members and organizations (RECORDS), like member files.
    permissions = {"view": READ, "change": RECORDS}

    def ready(self) -> None:
        from rating import panels

        panels.register()
