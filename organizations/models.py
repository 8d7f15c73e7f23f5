"""The Party organization tree, its dated history (versions and lineage events) and the units it covers."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from core.decisions import DecisionFields


class OrganizationKind(models.Model):
    """A kind of organization (data): Đảng bộ tỉnh, Đảng bộ xã, Chi bộ trực thuộc, ..."""

    code = models.SlugField(_("code"), max_length=50, unique=True)
    name = models.CharField(_("name"), max_length=200)
    name_en = models.CharField(_("English name"), max_length=200, blank=True)
    rank = models.PositiveSmallIntegerField(_("rank"), help_text=_("Smaller ranks sit higher in the tree."))
    is_grassroots = models.BooleanField(_("grassroots organization"), default=False)
    holds_members = models.BooleanField(_("members are registered here"), default=False)

    class Meta:
        ordering = ["rank", "code"]
        verbose_name = _("organization kind")
        verbose_name_plural = _("organization kinds")

    def __str__(self) -> str:
        return self.name


class Decider(models.TextChoices):
    """Which committee decides an admission, a recognition or a transfer (organizations.kinds)."""

    DISTRICT_STANDING = "district-standing", _("the standing committee of the district Party committee (or equivalent)")
    COMMUNE_COMMITTEE = "commune-committee", _("the commune Party committee (powers of the former district standing "
                                               "committee)")
    PROVINCE_STANDING = "province-standing", _("the provincial Party committee directly above (its standing committee)")
    GRASSROOTS_COMMITTEE = "grassroots-committee", _("the grassroots Party committee (where so authorised)")


class KindPeriod(models.Model):
    """What an organization kind meant from `valid_from` (inclusive) to `valid_to` (exclusive; empty: still):
    grassroots or not, the level directly above a grassroots organization of the kind, who decides for the members
    of its cells. Data with its regulation; changed only through `organizations.services.kind_period_save`."""

    kind = models.ForeignKey(OrganizationKind, on_delete=models.PROTECT, related_name="periods",
                             verbose_name=_("kind"))
    valid_from = models.DateField(_("valid from"), null=True, blank=True, help_text=_("Empty: since ever."))
    valid_to = models.DateField(_("valid until (exclusive)"), null=True, blank=True, help_text=_("Empty: still."))
    is_grassroots = models.BooleanField(_("grassroots organization"), default=False)
    superior = models.ForeignKey(
        OrganizationKind, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("direct superior level"),
        help_text=_("The level directly above a grassroots organization of this kind (cấp trên trực tiếp)."),
    )
    admission_decider = models.CharField(_("decides admissions"), max_length=30, choices=Decider.choices, blank=True)
    recognition_decider = models.CharField(_("decides recognitions"), max_length=30, choices=Decider.choices,
                                           blank=True)
    transfer_decider = models.CharField(_("decides transfers"), max_length=30, choices=Decider.choices, blank=True)
    regulation = models.CharField(_("regulation"), max_length=255)
    confirmed = models.BooleanField(
        _("confirmed"), default=True, help_text=_("Unticked: not checked against the text of the regulation."))
    note = models.TextField(_("note"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["kind__rank", "kind__code", "valid_from"]
        verbose_name = _("dated attributes of an organization kind")
        verbose_name_plural = _("dated attributes of organization kinds")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_from__isnull=True) | Q(valid_to__gt=F("valid_from")),
                name="kind_period_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        start = self.valid_from.strftime("%d/%m/%Y") if self.valid_from else "…"
        end = self.valid_to.strftime("%d/%m/%Y") if self.valid_to else "…"
        return f"{self.kind.code} {start}–{end}"


class Organization(models.Model):
    """A Party organization. `parent` is the truth; `path` is derived from it for subtree queries."""

    scope_path_lookup = "path"

    code = models.CharField(_("code"), max_length=50, unique=True)
    name = models.CharField(_("name"), max_length=255)
    search_name = models.CharField(max_length=255, db_index=True, editable=False)
    sort_name = models.CharField(max_length=500, editable=False)
    kind = models.ForeignKey(OrganizationKind, on_delete=models.PROTECT, related_name="+", verbose_name=_("kind"))
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children", verbose_name=_("parent")
    )
    path = models.CharField(max_length=255, editable=False)
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    established_on = models.DateField(_("established on"))
    dissolved_on = models.DateField(_("dissolved on"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["sort_name"]
        indexes = [
            # varchar_pattern_ops lets PostgreSQL serve LIKE 'prefix%' from the index in any collation.
            models.Index(fields=["path"], name="organization_path", opclasses=["varchar_pattern_ops"]),
            models.Index(fields=["parent", "sort_name"], name="organization_children"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(dissolved_on__isnull=True) | Q(dissolved_on__gte=models.F("established_on")),
                name="organization_dissolved_after_established",
            )
        ]
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")

    def __str__(self) -> str:
        return self.name

    @property
    def is_active(self) -> bool:
        return self.dissolved_on is None

    def ancestor_paths(self) -> list[str]:
        """Paths of this organization and every ancestor, outermost first."""
        parts = self.path.strip(".").split(".")
        return [".".join(parts[: i + 1]) + "." for i in range(len(parts))]


class LineageKind(models.TextChoices):
    ESTABLISH = "establish", _("establishment")
    DISSOLVE = "dissolve", _("dissolution")
    MERGE = "merge", _("merger")
    SPLIT = "split", _("split")
    RENAME = "rename", _("renaming")
    MOVE = "move", _("move")


class LineageEvent(DecisionFields):
    """A dated restructuring with the decision that ordered it. Never edited or deleted."""

    scope_path_lookup = "links__organization__path"
    scope_needs_distinct = True

    kind = models.CharField(_("kind"), max_length=20, choices=LineageKind.choices)
    effective_on = models.DateField(_("effective on"), db_index=True)
    details = models.JSONField(_("details"), default=dict, blank=True)
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-effective_on", "-id"]
        verbose_name = _("restructuring event")
        verbose_name_plural = _("restructuring events")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.effective_on:%d/%m/%Y} ({self.decision_number})"


class LinkRole(models.TextChoices):
    SOURCE = "source", _("predecessor")
    TARGET = "target", _("successor")
    SUBJECT = "subject", _("subject")


class LineageLink(models.Model):
    """An organization's part in a lineage event: predecessor, successor or subject."""

    event = models.ForeignKey(LineageEvent, on_delete=models.PROTECT, related_name="links")
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="lineage_links")
    role = models.CharField(max_length=10, choices=LinkRole.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["event", "organization", "role"], name="lineagelink_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.event} · {self.get_role_display()} · {self.organization}"


class OrganizationVersion(models.Model):
    """The organization as it was between two dates: name, kind, parent and path. Gives the tree of any date."""

    scope_path_lookup = "organization__path"

    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="versions")
    valid_from = models.DateField()
    valid_to = models.DateField(null=True, blank=True, help_text="Exclusive end; empty while current.")
    name = models.CharField(max_length=255)
    kind = models.ForeignKey(OrganizationKind, on_delete=models.PROTECT, related_name="+")
    parent = models.ForeignKey(Organization, null=True, on_delete=models.PROTECT, related_name="+")
    path = models.CharField(max_length=255)
    event = models.ForeignKey(LineageEvent, null=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["organization_id", "valid_from", "id"]
        indexes = [
            models.Index(fields=["valid_from", "valid_to"], name="orgversion_period"),
            models.Index(fields=["path"], name="orgversion_path", opclasses=["varchar_pattern_ops"]),
            models.Index(fields=["organization", "valid_from"], name="orgversion_org"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="orgversion_period_ordered",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} [{self.valid_from:%d/%m/%Y} – {self.valid_to or ''}]"


class CoveredUnitKind(models.Model):
    """A kind of unit that reports count coverage over (data): village, residential group, school, ..."""

    code = models.SlugField(_("code"), max_length=50, unique=True)
    name = models.CharField(_("name"), max_length=200)
    name_en = models.CharField(_("English name"), max_length=200, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("covered unit kind")
        verbose_name_plural = _("covered unit kinds")

    def __str__(self) -> str:
        return self.name


class CoveredUnit(models.Model):
    """A village, school, clinic or agency on an organization's territory, and the cell that covers it (if any).

    `name`, `territory` and `covered_by` are today's values, kept by the services; their history is in
    `CoveredUnitVersion` (name and territory between two dates) and `Coverage` (which cell, from when to when).
    """

    scope_path_lookup = "territory__path"

    code = models.CharField(_("code"), max_length=50, unique=True)
    name = models.CharField(_("name"), max_length=255)
    search_name = models.CharField(max_length=255, db_index=True, editable=False)
    sort_name = models.CharField(max_length=500, editable=False)
    kind = models.ForeignKey(CoveredUnitKind, on_delete=models.PROTECT, related_name="+", verbose_name=_("kind"))
    territory = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="territory_units", verbose_name=_("territory of")
    )
    covered_by = models.ForeignKey(
        Organization,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="covered_units",
        verbose_name=_("covered by cell"),
    )
    established_on = models.DateField(
        _("established on"), null=True, blank=True, help_text=_("Empty: registered without its date (unknown).")
    )
    dissolved_on = models.DateField(_("dissolved on"), null=True, blank=True)

    class Meta:
        ordering = ["sort_name"]
        verbose_name = _("covered unit")
        verbose_name_plural = _("covered units")

    def __str__(self) -> str:
        return self.name


class UnitEventKind(models.TextChoices):
    ESTABLISH = "establish", _("establishment")
    DISSOLVE = "dissolve", _("dissolution")
    MERGE = "merge", _("merger")
    SPLIT = "split", _("split")
    RENAME = "rename", _("renaming")


class UnitEvent(DecisionFields):
    """A dated change of covered units (a village established, merged, split, dissolved or renamed) with the State
    decision that ordered it. Never edited or deleted."""

    scope_path_lookup = "links__unit__territory__path"
    scope_needs_distinct = True

    kind = models.CharField(_("kind"), max_length=20, choices=UnitEventKind.choices)
    effective_on = models.DateField(_("effective on"), db_index=True)
    details = models.JSONField(_("details"), default=dict, blank=True)
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-effective_on", "-id"]
        verbose_name = _("covered unit event")
        verbose_name_plural = _("covered unit events")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.effective_on:%d/%m/%Y} ({self.decision_number})"


class UnitEventLink(models.Model):
    """A unit's part in an event: predecessor, successor or subject."""

    event = models.ForeignKey(UnitEvent, on_delete=models.PROTECT, related_name="links")
    unit = models.ForeignKey(CoveredUnit, on_delete=models.PROTECT, related_name="event_links")
    role = models.CharField(max_length=10, choices=LinkRole.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["event", "unit", "role"], name="uniteventlink_unique")]

    def __str__(self) -> str:
        return f"{self.event} · {self.get_role_display()} · {self.unit}"


class CoveredUnitVersion(models.Model):
    """The unit as it was between two dates: its name and the organization on whose territory it lay.

    `valid_from` is empty when the start is unknown (units registered before dates were kept): such a version
    counts from the beginning. A unit's own event or a restructuring of its territory opens the next version."""

    scope_path_lookup = "unit__territory__path"

    unit = models.ForeignKey(CoveredUnit, on_delete=models.PROTECT, related_name="versions")
    valid_from = models.DateField(null=True, blank=True, help_text="Empty: since a date unknown.")
    valid_to = models.DateField(null=True, blank=True, help_text="Exclusive end; empty while current.")
    name = models.CharField(max_length=255)
    territory = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    event = models.ForeignKey(UnitEvent, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    lineage_event = models.ForeignKey(LineageEvent, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["unit_id", F("valid_from").asc(nulls_first=True), "id"]
        indexes = [
            models.Index(fields=["valid_from", "valid_to"], name="unitversion_period"),
            models.Index(fields=["territory", "valid_from"], name="unitversion_territory"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_from__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="unitversion_period_ordered",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} [{self.valid_from or '?'} – {self.valid_to or ''}]"


class Coverage(models.Model):
    """A cell covering a unit between two dates (a joint cell, "sinh hoạt ghép", covers several units at once).

    `valid_from` is empty when the start is unknown: assignments recorded before coverage was dated migrated so,
    and count from the unit's beginning."""

    scope_path_lookup = "unit__territory__path"

    unit = models.ForeignKey(CoveredUnit, on_delete=models.PROTECT, related_name="coverages", verbose_name=_("unit"))
    cell = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="coverages", verbose_name=_("cell"))
    valid_from = models.DateField(_("from"), null=True, blank=True, help_text=_("Empty: since a date unknown."))
    valid_to = models.DateField(_("until"), null=True, blank=True, help_text=_("Exclusive end; empty while current."))
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["unit_id", F("valid_from").asc(nulls_first=True), "id"]
        indexes = [
            models.Index(fields=["valid_from", "valid_to"], name="coverage_period"),
            models.Index(fields=["cell", "valid_from"], name="coverage_cell"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_from__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="coverage_period_ordered",
            )
        ]
        verbose_name = _("coverage")
        verbose_name_plural = _("coverages")

    def __str__(self) -> str:
        return f"{self.unit} · {self.cell} [{self.valid_from or '?'} – {self.valid_to or ''}]"
