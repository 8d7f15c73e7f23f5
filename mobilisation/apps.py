from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core.permissions import READ, RECORDS


class MobilisationConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "mobilisation"
    verbose_name = _("Mass mobilisation")
    # Dialogues and models are recorded by the committee's office and mass mobilisation board (records).
    permissions = {"view": READ, "change": RECORDS}
