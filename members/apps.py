from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core.permissions import READ, RECORDS


class MembersConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "members"
    # What can be done with this app's data, by permission family (core.permissions).
    permissions = {"view": READ, "change": RECORDS}
    verbose_name = _("Members")

    def ready(self) -> None:
        from members.services import restructure_members
        from organizations.hooks import register_restructure_handler

        register_restructure_handler(restructure_members)
        from core.preview import register_event_describer
        from members.changelog_words import describe_events
        from members.models import Person

        register_event_describer(Person, describe_events)  # the change log says what was recorded, in words
        from members.kinds import member_event_kinds

        member_event_kinds()  # members' own event kinds, declared before any app adds its own and before the API
        from core.panels import register_panel
        from members.places import person_places_panel

        register_panel("person", template="members/_places_panel.html", context=person_places_panel, order=40)
