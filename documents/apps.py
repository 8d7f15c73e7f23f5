from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core.permissions import READ, RECORDS


class DocumentsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "documents"
    verbose_name = _("Documents")
    # The register is kept by the committee's office (Văn phòng cấp ủy), which keeps records (core.permissions).
    permissions = {"view": READ, "change": RECORDS}
