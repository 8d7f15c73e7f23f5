"""Inspection, supervision and discipline: annual programmes, inspections and thematic supervisions with their
team, conclusion and follow-ups; discipline decisions under the forms the rule of the date allows, and appeals.

Rows are written only by inspection.services, which log every change; nothing is deleted. Scope: a record
belongs to the organization that keeps it (the programme's, the conducting or the deciding organization).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from committees.models import Seat
from members.models import MemberEvent, Person
from organizations.models import Organization


class Body(models.TextChoices):
    """Who conducts an inspection or decides a discipline (the competent level)."""

    CELL = "cell", _("cell (chi bộ)")
    COMMITTEE = "committee", _("party committee")
    STANDING = "standing", _("standing committee")
    INSPECTION_COMMITTEE = "inspection_committee", _("inspection committee")


class Programme(models.Model):
    """The annual programme of inspection and supervision of an organization's committee or inspection committee."""

    scope_path_lookup = "organization__path"

    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="inspection_programmes",
                                     verbose_name=_("organization"))
    body = models.CharField(_("conducted by"), max_length=24, choices=Body.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    title = models.CharField(_("title"), max_length=300)
    document_number = models.CharField(_("document number"), max_length=64, blank=True)
    document_date = models.DateField(_("document date"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year", "organization_id", "id"]
        constraints = [models.UniqueConstraint(fields=["organization", "body", "year"], name="programme_unique_year")]
        verbose_name = _("inspection programme")
        verbose_name_plural = _("inspection programmes")

    def __str__(self) -> str:
        return f"{self.title} ({self.year})"


class InspectionKind(models.TextChoices):
    INSPECTION = "inspection", _("inspection")
    VIOLATION_SIGNS = "violation_signs", _("inspection on signs of violation")
    SUPERVISION = "supervision", _("thematic supervision")


#: Kinds counted as inspections (kiểm tra); the rest are supervisions (giám sát).
INSPECTION_KINDS = (InspectionKind.INSPECTION, InspectionKind.VIOLATION_SIGNS)


class SubjectKind(models.TextChoices):
    ORGANIZATION = "organization", _("party organization")
    MEMBER = "member", _("party member")


class Inspection(models.Model):
    """One inspection or thematic supervision of an organization or a member, by an organization's body."""

    scope_path_lookup = "organization__path"

    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="inspections",
                                     verbose_name=_("conducted by (organization)"))
    body = models.CharField(_("conducted by"), max_length=24, choices=Body.choices)
    programme = models.ForeignKey(Programme, null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="inspections", verbose_name=_("programme"))
    kind = models.CharField(_("kind"), max_length=20, choices=InspectionKind.choices)
    subject_kind = models.CharField(_("subject"), max_length=20, choices=SubjectKind.choices)
    subject_organization = models.ForeignKey(Organization, null=True, blank=True, on_delete=models.PROTECT,
                                             related_name="inspected_in", verbose_name=_("organization inspected"))
    subject_person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.PROTECT,
                                       related_name="inspected_in", verbose_name=_("member inspected"))
    content = models.TextField(_("content"))
    # The resolution whose implementation is inspected: number and date (the document register's link is future).
    document_number = models.CharField(_("resolution inspected (number)"), max_length=64, blank=True)
    document_date = models.DateField(_("resolution date"), null=True, blank=True)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    conclusion = models.TextField(_("conclusion"), blank=True)
    concluded_on = models.DateField(_("concluded on"), null=True, blank=True)
    violations_found = models.BooleanField(_("violations found"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts_on", "-id"]
        indexes = [models.Index(fields=["starts_on"], name="inspection_start")]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                                   name="inspection_dates_ordered"),
            models.CheckConstraint(
                condition=(Q(subject_kind="organization", subject_organization__isnull=False,
                             subject_person__isnull=True)
                           | Q(subject_kind="member", subject_person__isnull=False,
                               subject_organization__isnull=True)),
                name="inspection_one_subject"),
        ]
        verbose_name = _("inspection or supervision")
        verbose_name_plural = _("inspections and supervisions")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.subject_label}"

    @property
    def subject_label(self) -> str:
        subject = self.subject_organization if self.subject_kind == SubjectKind.ORGANIZATION else self.subject_person
        return str(subject)


class TeamRole(models.TextChoices):
    HEAD = "head", _("head of the team")
    DEPUTY = "deputy", _("deputy head")
    MEMBER = "member", _("member of the team")


class TeamMember(models.Model):
    """One person of an inspection team; `seat` when they serve as a committee or inspection committee member."""

    scope_path_lookup = "inspection__organization__path"

    inspection = models.ForeignKey(Inspection, on_delete=models.PROTECT, related_name="team",
                                   verbose_name=_("inspection"))
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+", verbose_name=_("member"))
    role = models.CharField(_("role"), max_length=10, choices=TeamRole.choices)
    seat = models.ForeignKey(Seat, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                             verbose_name=_("committee seat"))

    class Meta:
        ordering = ["inspection_id", "role", "id"]
        constraints = [models.UniqueConstraint(fields=["inspection", "person"], name="team_member_once")]
        verbose_name = _("team member")
        verbose_name_plural = _("team members")

    def __str__(self) -> str:
        return f"{self.person} · {self.get_role_display()}"


class FollowUpStatus(models.TextChoices):
    OPEN = "open", _("open")
    DONE = "done", _("done")
    CANCELLED = "cancelled", _("cancelled")


class FollowUp(models.Model):
    """What the conclusion asks to be done, by whom, by when; its status is updated (logged), never deleted."""

    scope_path_lookup = "inspection__organization__path"

    inspection = models.ForeignKey(Inspection, on_delete=models.PROTECT, related_name="follow_ups",
                                   verbose_name=_("inspection"))
    text = models.TextField(_("what is to be done"))
    owner = models.CharField(_("owner"), max_length=300, blank=True)
    due_on = models.DateField(_("due on"))
    status = models.CharField(_("status"), max_length=10, choices=FollowUpStatus.choices,
                              default=FollowUpStatus.OPEN)
    done_on = models.DateField(_("done on"), null=True, blank=True)

    class Meta:
        ordering = ["inspection_id", "due_on", "id"]
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")

    def __str__(self) -> str:
        return self.text[:60]


class Form(models.TextChoices):
    """Forms of discipline (Điều lệ Đảng; Quy định 69-QĐ/TW, Điều 7)."""

    REPRIMAND = "reprimand", _("reprimand (khiển trách)")
    WARNING = "warning", _("warning (cảnh cáo)")
    DISMISSAL = "dismissal", _("removal from post (cách chức)")
    EXPULSION = "expulsion", _("expulsion (khai trừ)")
    DISSOLUTION = "dissolution", _("dissolution (giải tán)")


class DisciplineSubject(models.TextChoices):
    ORGANIZATION = "organization", _("party organization")
    OFFICIAL = "official", _("official member")
    PROBATIONARY = "probationary", _("probationary member")


class FormRule(models.Model):
    """Rule data: a form of discipline allowed for a kind of subject by a regulation, valid from..to (exclusive).

    `needs_post`: allowed only for a member holding a post on the decision date (cách chức).
    """

    subject = models.CharField(_("subject"), max_length=20, choices=DisciplineSubject.choices)
    form = models.CharField(_("form"), max_length=20, choices=Form.choices)
    needs_post = models.BooleanField(_("only for a member holding a post"), default=False)
    regulation = models.CharField(_("regulation"), max_length=120)
    article = models.CharField(_("article"), max_length=50, blank=True)
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid until (exclusive)"), null=True, blank=True)
    confirmed = models.BooleanField(_("confirmed"), default=False)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["subject", "valid_from", "form"]
        constraints = [
            models.UniqueConstraint(fields=["subject", "form", "valid_from"], name="formrule_unique_start"),
            models.CheckConstraint(condition=Q(valid_to__isnull=True) | Q(valid_to__gt=models.F("valid_from")),
                                   name="formrule_period_ordered"),
        ]
        verbose_name = _("discipline form rule")
        verbose_name_plural = _("discipline form rules")

    def __str__(self) -> str:
        return f"{self.get_subject_display()}: {self.get_form_display()} ({self.citation})"

    @property
    def citation(self) -> str:
        return f"{self.regulation}, {self.article}" if self.article else self.regulation


class Discipline(models.Model):
    """A discipline decision on an organization or a member: form, competent level, grounds, rule applied."""

    scope_path_lookup = "organization__path"

    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="discipline_decisions",
                                     verbose_name=_("decided by (organization)"))
    body = models.CharField(_("competent level"), max_length=24, choices=Body.choices)
    subject = models.CharField(_("subject"), max_length=20, choices=DisciplineSubject.choices)
    subject_organization = models.ForeignKey(Organization, null=True, blank=True, on_delete=models.PROTECT,
                                             related_name="disciplined_in", verbose_name=_("organization disciplined"))
    subject_person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.PROTECT,
                                       related_name="disciplined_in", verbose_name=_("member disciplined"))
    # Where the subject stood on the decision date (the organization itself, or the member's cell): for figures.
    unit = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+", verbose_name=_("unit"))
    form = models.CharField(_("form"), max_length=20, choices=Form.choices)
    rule = models.ForeignKey(FormRule, on_delete=models.PROTECT, related_name="+", verbose_name=_("rule applied"))
    post_seat = models.ForeignKey(Seat, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                                  verbose_name=_("post removed from"))
    inspection = models.ForeignKey(Inspection, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="disciplines", verbose_name=_("inspection"))
    grounds = models.TextField(_("grounds"))
    decision_number = models.CharField(_("decision number"), max_length=64)
    decision_date = models.DateField(_("decision date"))
    decision_issuer = models.CharField(_("issued by"), max_length=255, blank=True)
    expulsion_event = models.ForeignKey(MemberEvent, null=True, blank=True, on_delete=models.PROTECT,
                                        related_name="+", verbose_name=_("expulsion event"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-decision_date", "-id"]
        indexes = [models.Index(fields=["decision_date"], name="discipline_date")]
        constraints = [
            models.CheckConstraint(
                condition=(Q(subject="organization", subject_organization__isnull=False, subject_person__isnull=True)
                           | (Q(subject__in=["official", "probationary"], subject_person__isnull=False,
                                subject_organization__isnull=True))),
                name="discipline_one_subject"),
        ]
        verbose_name = _("discipline decision")
        verbose_name_plural = _("discipline decisions")

    def __str__(self) -> str:
        return f"{self.get_form_display()} · {self.subject_label} · {self.decision_number}"

    @property
    def subject_label(self) -> str:
        subject = self.subject_organization if self.subject == DisciplineSubject.ORGANIZATION else self.subject_person
        return str(subject)


class AppealOutcome(models.TextChoices):
    PENDING = "pending", _("pending")
    UPHELD = "upheld", _("decision upheld")
    CHANGED = "changed", _("form changed")
    ANNULLED = "annulled", _("decision annulled")


class Appeal(models.Model):
    """An appeal (khiếu nại kỷ luật) against a discipline decision, and its outcome."""

    scope_path_lookup = "discipline__organization__path"

    discipline = models.ForeignKey(Discipline, on_delete=models.PROTECT, related_name="appeals",
                                   verbose_name=_("discipline decision"))
    filed_on = models.DateField(_("filed on"))
    filed_with = models.CharField(_("filed with"), max_length=255)
    outcome = models.CharField(_("outcome"), max_length=10, choices=AppealOutcome.choices,
                               default=AppealOutcome.PENDING)
    new_form = models.CharField(_("form after the appeal"), max_length=20, choices=Form.choices, blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["discipline_id", "filed_on", "id"]
        verbose_name = _("appeal")
        verbose_name_plural = _("appeals")

    def __str__(self) -> str:
        return f"{self.discipline} · {self.get_outcome_display()}"
