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
        from core.events import subscribe
        from members.services.log import REBUILD_SUBSCRIBERS
        from tallies.maintain import person_changed
        from tallies.tree import organization_changed

        if person_changed not in REBUILD_SUBSCRIBERS:
            REBUILD_SUBSCRIBERS.append(person_changed)
        from members.services.log import BULK_REBUILD_SUBSCRIBERS
        from tallies.bulk import Accumulator  # many persons at once (a large import), set-based

        if Accumulator not in BULK_REBUILD_SUBSCRIBERS:
            BULK_REBUILD_SUBSCRIBERS.append(Accumulator)
        # In the transaction, right after each logged change of an organization (the versions already written,
        # before the restructure handlers move members): the rollups follow the new tree before anything else.
        subscribe(organization_changed, in_transaction=True)
