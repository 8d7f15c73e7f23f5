"""Messages shown after a form was saved."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

FILE_OPENED = _("The file of %(name)s was opened.")
FILE_SAVED = _("The member file was saved.")
EVENT_RECORDED = _("Recorded for %(name)s: %(event)s.")
FILE_VOIDED = _("The file of %(name)s was voided; it no longer appears in lists and counts.")
