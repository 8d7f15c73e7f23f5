from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TalliesConfig(AppConfig):
    """Member statistics kept current as pre-aggregated rows (docs/statistics.md).

    The package is not called `statistics`: that name would shadow Python's standard `statistics` module for
    every import made from the project root.
    """

    default_auto_field = "django.db.models.BigAutoField"
    name = "tallies"
    verbose_name = _("Statistics")

    def ready(self) -> None:
        from members.services.log import REBUILD_SUBSCRIBERS
        from tallies.maintain import person_changed

        if person_changed not in REBUILD_SUBSCRIBERS:
            REBUILD_SUBSCRIBERS.append(person_changed)
