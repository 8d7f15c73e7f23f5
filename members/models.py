"""The member file (Phiếu đảng viên 2-HSĐV), its append-only event log and the states derived from it.

The truth is the event log (`MemberEvent`). `Person.status` / `Person.organization` and the
`MembershipSpell` rows are caches that every service recomputes from the log in the same transaction.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from core.decisions import Decision, DecisionFields
from organizations.models import Organization

# ----------------------------------------------------------------------------- reference data


class Ethnicity(models.Model):
    """One of Vietnam's 54 ethnic groups, or "Khác" (data, loaded by a migration)."""

    code = models.CharField(_("code"), max_length=10, unique=True)
    name = models.CharField(_("name"), max_length=100)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("ethnicity")
        verbose_name_plural = _("ethnicities")

    def __str__(self) -> str:
        return self.name


class Religion(models.Model):
    """A religion recognised in Vietnam, or "Khác" (data). A person without religion has none."""

    code = models.CharField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=150)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("religion")
        verbose_name_plural = _("religions")

    def __str__(self) -> str:
        return self.name


# ----------------------------------------------------------------------------- vocabularies


class Gender(models.TextChoices):
    MALE = "male", _("male")
    FEMALE = "female", _("female")


class PoliticalTheory(models.TextChoices):
    NONE = "none", _("none")
    ELEMENTARY = "elementary", _("elementary (sơ cấp)")
    INTERMEDIATE = "intermediate", _("intermediate (trung cấp)")
    ADVANCED = "advanced", _("advanced (cao cấp)")
    BACHELOR = "bachelor", _("bachelor (cử nhân)")


class Status(models.TextChoices):
    """A person's status on a date, derived from the event log (members/status.py)."""

    NONE = "none", _("file only")
    CANDIDATE = "candidate", _("outstanding candidate")
    PROBATIONARY = "probationary", _("probationary member")
    OFFICIAL = "official", _("official member")
    EXEMPTED = "exempted", _("official member, exempted from activities")
    TRANSFERRED_OUT = "transferred_out", _("transferred out")
    STRUCK_OFF = "struck_off", _("struck off")
    EXPELLED = "expelled", _("expelled")
    LEFT = "left", _("left at own request")
    DEAD = "dead", _("deceased")
    VOIDED = "voided", _("file voided (entered by mistake)")


MEMBER_STATUSES = frozenset({Status.PROBATIONARY, Status.OFFICIAL, Status.EXEMPTED})
FORMER_STATUSES = frozenset({Status.STRUCK_OFF, Status.EXPELLED, Status.LEFT})
ACTIVE_STATUSES = frozenset({Status.CANDIDATE, *MEMBER_STATUSES})


class EventKind(models.TextChoices):
    CANDIDATE_REGISTERED = "candidate_registered", _("registered as outstanding candidate")
    AWARENESS_COURSE = "awareness_course", _("Party-awareness course certificate")
    DOSSIER_STEP = "dossier_step", _("admission dossier step")
    ADMISSION_DECISION = "admission_decision", _("admission decision")
    ADMISSION_CEREMONY = "admission_ceremony", _("admission ceremony")
    RECOGNITION = "recognition", _("recognised as official member")
    NOT_RECOGNISED = "not_recognised", _("not recognised (struck off)")
    TRANSFER_OUT_OFFICIAL = "transfer_out_official", _("official transfer out")
    TRANSFER_IN_OFFICIAL = "transfer_in_official", _("official transfer in")
    TRANSFER_OUT_TEMPORARY = "transfer_out_temporary", _("temporary transfer out")
    TRANSFER_IN_TEMPORARY = "transfer_in_temporary", _("temporary attachment at the host")
    TEMPORARY_RETURN = "temporary_return", _("return from temporary transfer")
    EXEMPTION_START = "exemption_start", _("exempted from activities")
    EXEMPTION_END = "exemption_end", _("exemption ended")
    STRIKE_OFF = "strike_off", _("struck off")
    EXPULSION = "expulsion", _("expelled")
    LEFT_VOLUNTARILY = "left_voluntarily", _("left at own request")
    DEATH = "death", _("death")
    READMISSION_DECISION = "readmission_decision", _("re-admission decision")
    RESTRUCTURE_MOVE = "restructure_move", _("moved by restructuring")
    CORRECTION = "correction", _("withdrawal of an event recorded in error")
    FILE_VOIDED = "file_voided", _("file voided (entered by mistake)")


class DossierForm(models.TextChoices):
    """Forms of the admission dossier (hồ sơ kết nạp)."""

    F1 = "1-KNĐ", "1-KNĐ"
    F2 = "2-KNĐ", "2-KNĐ"
    F3 = "3-KNĐ", "3-KNĐ"
    F3A = "3A-KNĐ", "3A-KNĐ"
    F4 = "4-KNĐ", "4-KNĐ"
    F5 = "5-KNĐ", "5-KNĐ"
    F5B = "5B-KNĐ", "5B-KNĐ"
    F5C = "5C-KNĐ", "5C-KNĐ"
    F6 = "6-KNĐ", "6-KNĐ"
    F8 = "8-KNĐ", "8-KNĐ"
    F9 = "9-KNĐ", "9-KNĐ"


#: The cell's resolution proposing admission: starts the committee's decision deadline.
CELL_RESOLUTION_FORM = DossierForm.F6
#: The grassroots committee's resolution: the dossier is complete and goes to the deciding committee.
DOSSIER_COMPLETED_FORM = DossierForm.F8


class StrikeOffGround(models.TextChoices):
    """Grounds for striking a member off (xóa tên)."""

    ABANDONED_ACTIVITIES = "abandoned_activities", _("abandoned Party activities")
    UNPAID_DUES = "unpaid_dues", _("dues unpaid for months in a year without good reason")
    CARD_DISCARDED = "card_discarded", _("handed in or destroyed the Party card")
    NO_PROGRESS = "no_progress", _("no progress after a year of education")
    STANDARDS_TWO_YEARS = "standards_two_years", _("did not meet member standards two years running")
    POLITICAL_STANDARDS = "political_standards", _("no longer meets political standards")
    NOT_RECOGNISED = "not_recognised", _("probationary member not recognised")
    OTHER = "other", _("other ground")


class TemporaryPurpose(models.TextChoices):
    WORK = "work", _("work or residence")
    STUDY = "study", _("full-time study")


# ----------------------------------------------------------------------------- the member file


class Person(models.Model):
    """A member file: exists before admission (candidate) and after leaving. Status and cell are cached."""

    scope_path_lookup = "organization__path"
    scope_person_lookup = "pk"  # a role over one person reaches this row (core.scope)

    code = models.UUIDField(_("code"), default=uuid.uuid4, unique=True, editable=False)
    full_name = models.CharField(_("full name"), max_length=150)
    other_names = models.CharField(_("other names"), max_length=150, blank=True)
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices)
    birth_date = models.DateField(_("date of birth"))
    birth_place = models.CharField(_("place of birth"), max_length=255, blank=True)
    hometown = models.CharField(_("home town"), max_length=255, blank=True)
    ethnicity = models.ForeignKey(
        Ethnicity, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("ethnicity")
    )
    religion = models.ForeignKey(
        Religion, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("religion")
    )
    citizen_id = models.CharField(_("citizen ID"), max_length=12, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    general_education = models.CharField(_("general education"), max_length=20, blank=True)
    professional_qualification = models.CharField(_("professional qualification"), max_length=255, blank=True)
    political_theory = models.CharField(
        _("political theory"), max_length=20, choices=PoliticalTheory.choices, default=PoliticalTheory.NONE
    )
    occupation = models.CharField(_("occupation or post"), max_length=255, blank=True)
    party_card_number = models.CharField(_("Party card number"), max_length=20, blank=True)
    history_number = models.CharField(_("personal-history number"), max_length=30, blank=True)
    seriously_ill = models.BooleanField(
        _("seriously ill"), default=False, help_text=_("Badges may be presented early to seriously ill members.")
    )
    note = models.TextField(_("note"), blank=True)

    search_name = models.CharField(max_length=300, editable=False)
    sort_name = models.CharField(max_length=500, editable=False)

    # Derived from the event log by members/status.py; rewritten by every service, never edited directly.
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="people", verbose_name=_("organization")
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.NONE)
    status_since = models.DateField(_("status since"), null=True, blank=True)
    temporary_organization = models.ForeignKey(
        Organization,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="temporary_people",
        verbose_name=_("temporarily attached to"),
    )

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["sort_name", "id"]
        indexes = [
            models.Index(fields=["search_name"], name="person_search_name"),
            # Prefix search on PostgreSQL in any collation (LIKE 'nguyen van%').
            models.Index(fields=["search_name"], name="person_search_prefix", opclasses=["varchar_pattern_ops"]),
            # Keyset pages in Vietnamese name order (members.keyset): ORDER BY sort_name, id served as is.
            models.Index(fields=["sort_name", "id"], name="person_sort_key"),
            models.Index(fields=["party_card_number"], name="person_card"),
            models.Index(fields=["citizen_id"], name="person_citizen_id"),
            models.Index(fields=["organization", "status"], name="person_org_status"),
            models.Index(fields=["temporary_organization"], name="person_temporary_org"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["citizen_id"], condition=~Q(citizen_id=""), name="person_citizen_id_unique"
            ),
            models.UniqueConstraint(
                fields=["party_card_number"], condition=~Q(party_card_number=""), name="person_card_unique"
            ),
        ]
        verbose_name = _("member file")
        verbose_name_plural = _("member files")

    def __str__(self) -> str:
        return self.full_name


class MemberEventQuerySet(models.QuerySet["MemberEvent"]):
    def current(self) -> MemberEventQuerySet:
        """The events no later event supersedes (corrects or withdraws): the live log. One NOT EXISTS, usable
        inside a subquery. A withdrawal (kind `correction`) is itself current; exclude that kind where it matters."""
        return self.filter(~Exists(MemberEvent.objects.filter(supersedes=OuterRef("pk"))))


class MemberEvent(DecisionFields):
    """One dated event in a person's life in the Party. Append-only: a correction supersedes, never edits."""

    scope_path_lookup = "person__organization__path"
    scope_person_lookup = "person"  # a role over one person reaches this row (core.scope)

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="events", verbose_name=_("person"))
    kind = models.CharField(_("kind"), max_length=30, choices=EventKind.choices)
    occurred_on = models.DateField(_("date"))
    organization = models.ForeignKey(
        Organization,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="member_events",
        verbose_name=_("organization"),
        help_text=_("Where it happened; empty when it happened outside this installation."),
    )
    counterpart = models.ForeignKey(
        Organization,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="counterpart_member_events",
        verbose_name=_("counterpart organization"),
        help_text=_("Destination or origin of a transfer; predecessor of a restructuring move."),
    )
    # Overrides DecisionFields: many kinds of event have no decision.
    decision_number = models.CharField(_("decision number"), max_length=64, blank=True)
    decision_date = models.DateField(_("decision date"), null=True, blank=True)  # type: ignore[assignment]
    details = models.JSONField(_("details"), default=dict, blank=True)
    supersedes = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="superseded_by",
        verbose_name=_("supersedes"),
    )
    reason = models.TextField(_("reason"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = MemberEventQuerySet.as_manager()

    class Meta:
        ordering = ["occurred_on", "id"]
        indexes = [
            models.Index(fields=["person", "occurred_on"], name="memberevent_person"),
            models.Index(fields=["kind", "occurred_on"], name="memberevent_kind"),
            models.Index(fields=["organization", "kind", "occurred_on"], name="memberevent_org_kind"),
        ]
        verbose_name = _("member event")
        verbose_name_plural = _("member events")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.occurred_on:%d/%m/%Y}"

    @property
    def has_decision(self) -> bool:
        return bool(self.decision_number)

    @property
    def decision(self) -> Decision:
        assert self.decision_date is not None  # only called when has_decision
        return Decision(self.decision_number, self.decision_date, self.decision_issuer)


class MembershipSpell(models.Model):
    """Derived: the person had `status` in `organization` from valid_from (inclusive) to valid_to (exclusive).

    Rebuilt from the event log by every service; history lives in the log, this table is for counting.
    """

    scope_path_lookup = "organization__path"
    scope_person_lookup = "person"  # a role over one person reaches this row (core.scope)

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="spells")
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=20, choices=Status.choices)
    valid_from = models.DateField()
    valid_to = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["person_id", "valid_from"]
        indexes = [
            models.Index(fields=["organization", "valid_from", "valid_to", "status"], name="spell_org_period"),
            models.Index(fields=["person", "valid_from"], name="spell_person"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gt=models.F("valid_from")),
                name="spell_period_ordered",
            )
        ]
        verbose_name = _("membership spell")
        verbose_name_plural = _("membership spells")

    def __str__(self) -> str:
        return f"{self.person_id} {self.status} {self.valid_from}–{self.valid_to or ''}"


# ----------------------------------------------------------------------------- stored derived state (members/standing)


class Standing(models.Model):
    """Derived: where the person stands in the admission pipeline, rewritten with the caches by every write.

    `stage` is empty outside the pipeline; "recognised" is kept with its date and shown in that year only.
    """

    scope_path_lookup = "person__organization__path"
    scope_person_lookup = "person"

    person = models.OneToOneField(Person, on_delete=models.CASCADE, primary_key=True, related_name="standing")
    stage = models.CharField(max_length=20, blank=True)
    stage_since = models.DateField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["stage", "stage_since"], name="standing_stage")]
        verbose_name = _("pipeline standing")
        verbose_name_plural = _("pipeline standings")

    def __str__(self) -> str:
        return f"{self.person_id} {self.stage}"


class PendingStep(models.Model):
    """Derived: a step the person awaits, due on `due_on`, listed from `shown_from` until `shown_until`
    (inclusive; open when empty). Days left are counted at read time, in working days."""

    scope_path_lookup = "person__organization__path"
    scope_person_lookup = "person"

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="pending_steps")
    kind = models.CharField(max_length=30)
    started_on = models.DateField()
    due_on = models.DateField()
    shown_from = models.DateField()
    shown_until = models.DateField(null=True, blank=True)
    rule_key = models.CharField(max_length=100)

    class Meta:
        ordering = ["due_on", "person_id"]
        indexes = [
            models.Index(fields=["shown_from", "due_on"], name="pendingstep_shown"),
            models.Index(fields=["person"], name="pendingstep_person"),
        ]
        verbose_name = _("pending step")
        verbose_name_plural = _("pending steps")

    def __str__(self) -> str:
        return f"{self.person_id} {self.kind} {self.due_on}"


class LateStep(models.Model):
    """Derived: a step recorded after its deadline — accepted (history is what happened), late by `late_days`
    working days."""

    scope_path_lookup = "person__organization__path"
    scope_person_lookup = "person"

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="late_steps")
    event = models.ForeignKey(MemberEvent, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=30)
    due_on = models.DateField()
    done_on = models.DateField()
    late_days = models.PositiveIntegerField()
    rule_key = models.CharField(max_length=100)

    class Meta:
        ordering = ["-done_on", "person_id"]
        indexes = [models.Index(fields=["done_on"], name="latestep_done")]
        verbose_name = _("step recorded late")
        verbose_name_plural = _("steps recorded late")

    def __str__(self) -> str:
        return f"{self.person_id} {self.kind} +{self.late_days}"


class BadgeDay(models.Model):
    """Derived: a Party badge the person is due at a presentation day (from the day of the last write on)."""

    scope_path_lookup = "person__organization__path"
    scope_person_lookup = "person"

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="badge_days")
    presentation_on = models.DateField()
    years = models.PositiveSmallIntegerField()
    early = models.BooleanField(default=False)
    posthumous = models.BooleanField(default=False)
    age_years = models.PositiveSmallIntegerField()
    age_months = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["presentation_on", "person_id"]
        indexes = [models.Index(fields=["presentation_on"], name="badgeday_on")]
        verbose_name = _("badge due")
        verbose_name_plural = _("badges due")

    def __str__(self) -> str:
        return f"{self.person_id} {self.years} {self.presentation_on}"


class BadgePresentation(DecisionFields):
    """A Party badge presented (issue 8 §10): the person leaves the badge list for those years (members.services
    .badges.badge_presentation_record); recorded, never edited."""

    scope_path_lookup = "person__organization__path"
    scope_person_lookup = "person"

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="badges_presented")
    years = models.PositiveSmallIntegerField(_("badge (years)"))
    presented_on = models.DateField(_("presented on"))
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["presented_on", "person_id"]
        constraints = [models.UniqueConstraint(fields=["person", "years"], name="badge_presented_once")]
        verbose_name = _("badge presented")
        verbose_name_plural = _("badges presented")

    def __str__(self) -> str:
        return f"{self.person_id} {self.years} {self.presented_on}"


# Dated places of residence and work (issue 7 §5), in their own module to keep this one short.
from members.places_models import PersonPlace, PlaceKind  # noqa: E402, F401
from members.words_models import PersonWord  # noqa: E402, F401
