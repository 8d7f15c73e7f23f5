from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RulesConfig(AppConfig):
    """Regulations as versioned data and the working-day calendar."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "rules"
    verbose_name = _("Rules and calendar")
