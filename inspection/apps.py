from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core.permissions import INSPECTION, READ


class InspectionConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "inspection"
    verbose_name = _("Inspection and discipline")
    # The inspection committee's own work (core.permissions family INSPECTION), seen by every reader.
    permissions = {"view": READ, "change": INSPECTION}

    def ready(self) -> None:
        from core.discipline import register_discipline_source
        from inspection.queries import organizations_disciplined_in, people_disciplined_in

        register_discipline_source(name="inspection", people=people_disciplined_in,
                                   organizations=organizations_disciplined_in)
