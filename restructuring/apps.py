from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RestructuringConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "restructuring"
    verbose_name = _("Restructuring plans")
