"""Pre-aggregated member statistics: running totals per organization, figure key and dimension.

A `TallySeries` is one counter: an organization (the cell or committee a spell or an event belongs to), a key
(a stock status or a movement key of the figures registry) and the dimensions (sex, ethnicity, and for transfers
the counterpart organization). Its `TallyPoint` rows form a step function of the day: the value on a day is the
`total` of the latest point on or before it (0 before the first). For a stock the value is the number of people
with that status there on that day; for a movement it is the number of events up to and including that day, so
a period's count is value(end) - value(start - 1). Reading a subtree is then two index probes per series, not a
scan of members or events.
"""

from __future__ import annotations

from django.db import models

from organizations.models import Organization


class TallySeries(models.Model):
    """One counter: where, what and for whom (see the module docstring)."""

    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    key = models.CharField(max_length=40)
    sex = models.CharField(max_length=10, blank=True)
    ethnicity_id = models.IntegerField(default=0)  # 0: not recorded
    counterpart_id = models.IntegerField(default=0)  # transfers only; 0: outside this installation or none
    # False: a leaf series (what happened at the organization itself). True: a rollup series, what happened
    # anywhere under the organization on each day, under that day's tree (docs/statistics.md, "Rollups").
    rollup = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organization", "rollup", "key", "sex", "ethnicity_id", "counterpart_id"],
                                    name="tallyseries_unique"),
        ]

    def __str__(self) -> str:
        kind = "rollup" if self.rollup else "leaf"
        return f"{self.organization_id} {kind} {self.key} {self.sex} {self.ethnicity_id} {self.counterpart_id}"


class TallyPoint(models.Model):
    """The series' value from `day` until its next point."""

    series = models.ForeignKey(TallySeries, on_delete=models.CASCADE, related_name="points")
    day = models.DateField()
    total = models.IntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["series", "day"], name="tallypoint_unique")]

    def __str__(self) -> str:
        return f"{self.series_id} {self.day} {self.total}"


class TallyVersion(models.Model):
    """The tree the rollup series reflect: a copy of an organization's versions (valid_from, valid_to, path).

    It equals organizations' OrganizationVersion except inside the transaction of a restructuring, between the
    versions' change and the sync that moves the rollups from the old tree to the new one (tallies.tree.sync):
    the difference between the two tables is what the sync must apply."""

    organization_id = models.IntegerField(db_index=True)
    valid_from = models.DateField()
    valid_to = models.DateField(null=True, blank=True)
    path = models.CharField(max_length=255)

    def __str__(self) -> str:
        return f"{self.organization_id} {self.path} [{self.valid_from} – {self.valid_to or ''}]"
