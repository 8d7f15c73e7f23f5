from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core.permissions import READ, STRUCTURE


class CommitteesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "committees"
    verbose_name = _("Committees")
    # What can be done with this app's data, by permission family (core.permissions): committees are recorded
    # by the organization board (Ban Tổ chức), which restructures organizations too.
    permissions = {"view": READ, "change": STRUCTURE}

    def ready(self) -> None:
        from committees import panels
        from committees.services import restructure_committees
        from organizations.hooks import register_restructure_handler

        panels.register()
        register_restructure_handler(restructure_committees)
