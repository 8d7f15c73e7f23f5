"""Training classes (lớp bồi dưỡng, đào tạo) and their learners.

A class kind is data (`ClassKind`): its category says what a completion means — the Party-awareness course
(a candidate's certificate, written in members through its service), a political-theory programme (the
member's political-theory level, updated through the member file's service), or nothing more. A class is held
by a host organization (the scope) from `starts_on` to `ends_on`, organized by an organization or a named body.
A learner is a member, a candidate or a person not in dangvu (name, birth date, unit), with attendance, result
and certificate, and tags that reports count ("tân binh nhập ngũ 2020"). Rows are written only by
training.services, which log every change.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from members.models import Person
from organizations.models import Organization


class Category(models.TextChoices):
    """What a kind of class is, for counting and for what a completion writes elsewhere."""

    AWARENESS = "awareness", _("Party-awareness course")
    NEW_MEMBER = "new_member", _("new-member course")
    THEORY_ELEMENTARY = "theory_elementary", _("elementary political theory")
    THEORY_INTERMEDIATE = "theory_intermediate", _("intermediate political theory")
    THEORY_ADVANCED = "theory_advanced", _("advanced political theory")
    PROFESSIONAL = "professional", _("professional training for a group")
    CIVIL_SERVANT = "civil_servant", _("civil-servant grade course")
    UPDATE = "update", _("knowledge update")
    OTHER = "other", _("other")


#: A completed course of these categories raises the member's political-theory level (members.PoliticalTheory).
THEORY_LEVEL = {
    Category.THEORY_ELEMENTARY: "elementary",
    Category.THEORY_INTERMEDIATE: "intermediate",
    Category.THEORY_ADVANCED: "advanced",
}


class ClassKind(models.Model):
    """A kind of class, with the regulation or programme that governs it where one exists (reference data)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    category = models.CharField(_("category"), max_length=30, choices=Category.choices)
    regulation = models.CharField(_("regulation or programme"), max_length=255, blank=True)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["category", "name"]
        verbose_name = _("class kind")
        verbose_name_plural = _("class kinds")

    def __str__(self) -> str:
        return self.name


class TrainingClass(models.Model):
    """One class: kind, organizer, host organization, place, dates, planned learners."""

    scope_path_lookup = "host__path"

    code = models.CharField(_("class code"), max_length=40, blank=True, help_text=_("K56, K63 …"))
    title = models.CharField(_("title"), max_length=255)
    kind = models.ForeignKey(ClassKind, on_delete=models.PROTECT, related_name="classes", verbose_name=_("kind"))
    host = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="training_classes",
                             verbose_name=_("host organization"))
    organizer = models.ForeignKey(Organization, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                                  verbose_name=_("organizing organization"))
    organizer_name = models.CharField(_("organized by"), max_length=255, blank=True,
                                      help_text=_("A named body, e.g. Trung tâm Chính trị huyện."))
    co_organizers = models.CharField(_("co-organizers"), max_length=500, blank=True)
    target_group = models.CharField(_("for"), max_length=255, blank=True,
                                    help_text=_("The group trained, e.g. cán bộ Mặt trận Tổ quốc."))
    place = models.CharField(_("place"), max_length=255, blank=True)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    planned_learners = models.PositiveIntegerField(_("planned learners"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts_on", "id"]
        indexes = [models.Index(fields=["host", "starts_on"], name="trainingclass_host_start")]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=models.F("starts_on")), name="trainingclass_dates"),
        ]
        verbose_name = _("class")
        verbose_name_plural = _("classes")

    def __str__(self) -> str:
        return f"{self.code} {self.title}".strip()

    @property
    def organizer_label(self) -> str:
        return self.organizer.name if self.organizer is not None else self.organizer_name


class LearnerTag(models.Model):
    """A label reports count among learners ("tân binh nhập ngũ 2020"); reference data, added as needed."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        ordering = ["name"]
        verbose_name = _("learner tag")
        verbose_name_plural = _("learner tags")

    def __str__(self) -> str:
        return self.name


class Result(models.TextChoices):
    PENDING = "pending", _("not yet known")
    COMPLETED = "completed", _("completed")
    NOT_COMPLETED = "not_completed", _("did not complete")


class Learner(models.Model):
    """A person in a class: a file in dangvu (member, candidate) or a name, birth date and unit."""

    scope_path_lookup = "training_class__host__path"
    scope_person_lookup = "person"

    training_class = models.ForeignKey(TrainingClass, on_delete=models.PROTECT, related_name="learners",
                                       verbose_name=_("class"))
    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.PROTECT, related_name="trainings",
                               verbose_name=_("member file"))
    full_name = models.CharField(_("full name"), max_length=200)
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    unit = models.CharField(_("unit"), max_length=255, blank=True)
    attended = models.BooleanField(_("attended"), default=True)
    result = models.CharField(_("result"), max_length=20, choices=Result.choices, default=Result.PENDING)
    certificate_number = models.CharField(_("certificate number"), max_length=64, blank=True)
    certificate_date = models.DateField(_("certificate date"), null=True, blank=True)
    tags = models.ManyToManyField(LearnerTag, blank=True, related_name="learners", verbose_name=_("tags"))
    note = models.CharField(_("note"), max_length=500, blank=True)
    folded_name = models.CharField(max_length=200, editable=False, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["training_class_id", "id"]
        indexes = [models.Index(fields=["training_class", "folded_name"], name="learner_class_name")]
        constraints = [
            models.UniqueConstraint(fields=["training_class", "person"], condition=Q(person__isnull=False),
                                    name="learner_person_once"),
        ]
        verbose_name = _("learner")
        verbose_name_plural = _("learners")

    def __str__(self) -> str:
        return self.full_name
