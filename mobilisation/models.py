"""Mass mobilisation (dân vận): dialogues between the head of a committee or government and the people or members
(Quy định 11-QĐi/TW, 18/02/2019), their issues, answers and follow-ups; and the models organizations register
("Dân vận khéo" models by year and field, other economic or social models of mass organizations).

Rows are written only by mobilisation.services, which log every change; nothing is deleted.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from organizations.models import Organization

DIALOGUE_BASIS = "Quy định 11-QĐi/TW ngày 18/02/2019 của Bộ Chính trị"


class DialogueKind(models.TextChoices):
    PERIODIC = "periodic", _("periodic")
    AD_HOC = "ad_hoc", _("ad hoc")


class Audience(models.TextChoices):
    PEOPLE = "people", _("the people")
    MEMBERS = "members", _("Party members")
    MASS_ORGANIZATIONS = "mass_organizations", _("members of mass organizations")


class Dialogue(models.Model):
    """A dialogue led by the head of a committee or government with the people or members."""

    scope_path_lookup = "organization__path"

    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="dialogues",
                                     verbose_name=_("organization"))
    kind = models.CharField(_("kind"), max_length=10, choices=DialogueKind.choices)
    held_on = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=255)
    chair = models.CharField(_("chaired by"), max_length=200)
    chair_title = models.CharField(_("chair's post"), max_length=200, blank=True)
    audience = models.CharField(_("with"), max_length=20, choices=Audience.choices, default=Audience.PEOPLE)
    participants = models.PositiveIntegerField(_("participants"), null=True, blank=True)
    participants_note = models.TextField(_("who took part"), blank=True)
    subject = models.CharField(_("main subject"), max_length=500, blank=True)
    basis = models.CharField(_("held under"), max_length=255, blank=True, default=DIALOGUE_BASIS)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["organization", "held_on"], name="dialogue_org_date")]
        verbose_name = _("dialogue")
        verbose_name_plural = _("dialogues")

    def __str__(self) -> str:
        return f"{self.held_on:%d/%m/%Y} · {self.place}"


class DialogueIssue(models.Model):
    """An issue raised at a dialogue, and the answer given there."""

    scope_path_lookup = "dialogue__organization__path"

    dialogue = models.ForeignKey(Dialogue, on_delete=models.PROTECT, related_name="issues",
                                 verbose_name=_("dialogue"))
    raised_by = models.CharField(_("raised by"), max_length=200, blank=True)
    content = models.TextField(_("issue raised"))
    answer = models.TextField(_("answer"), blank=True)
    answered_by = models.CharField(_("answered by"), max_length=200, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("issue raised")
        verbose_name_plural = _("issues raised")

    def __str__(self) -> str:
        return self.content[:80]


class FollowUpStatus(models.TextChoices):
    OPEN = "open", _("open")
    IN_PROGRESS = "in_progress", _("in progress")
    DONE = "done", _("done")


class FollowUp(models.Model):
    """Something the dialogue decided to do: by whom, by when, and how far it is."""

    scope_path_lookup = "dialogue__organization__path"

    dialogue = models.ForeignKey(Dialogue, on_delete=models.PROTECT, related_name="follow_ups",
                                 verbose_name=_("dialogue"))
    issue = models.ForeignKey(DialogueIssue, null=True, blank=True, on_delete=models.PROTECT,
                              related_name="follow_ups", verbose_name=_("issue"))
    action = models.TextField(_("to do"))
    owner = models.CharField(_("owner"), max_length=200)
    due_on = models.DateField(_("due date"))
    status = models.CharField(_("status"), max_length=12, choices=FollowUpStatus.choices,
                              default=FollowUpStatus.OPEN)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["due_on", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(done_on__isnull=True) | Q(status="done"), name="follow_up_done_date"),
        ]
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")

    def __str__(self) -> str:
        return self.action[:80]


class ModelKind(models.TextChoices):
    DAN_VAN_KHEO = "dan_van_kheo", _("“Dân vận khéo” model")
    ECONOMIC = "economic", _("economic model")
    SOCIAL = "social", _("social model")
    OTHER = "other", _("other model")


class ModelField(models.TextChoices):
    ECONOMY = "economy", _("economy")
    CULTURE_SOCIETY = "culture_society", _("culture and society")
    DEFENCE_SECURITY = "defence_security", _("defence and security")
    POLITICAL_SYSTEM = "political_system", _("building the political system")
    OTHER = "other", _("other")


class MobilisationModel(models.Model):
    """A model registered by an organization for a year: its kind, field, launch year and result."""

    scope_path_lookup = "organization__path"

    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="mobilisation_models",
                                     verbose_name=_("organization"))
    kind = models.CharField(_("kind"), max_length=20, choices=ModelKind.choices)
    field = models.CharField(_("field"), max_length=20, choices=ModelField.choices)
    name = models.CharField(_("name"), max_length=300)
    year = models.PositiveSmallIntegerField(_("year"))
    launched_year = models.PositiveSmallIntegerField(_("launched in"))
    led_by = models.CharField(_("led by"), max_length=200, blank=True,
                              help_text=_("The mass organization or unit that runs it."))
    result = models.TextField(_("result"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year", "name"]
        constraints = [
            models.CheckConstraint(condition=Q(launched_year__lte=models.F("year")), name="model_launched_first"),
            models.UniqueConstraint(fields=["organization", "year", "name"], name="model_unique_name"),
        ]
        verbose_name = _("mass mobilisation model")
        verbose_name_plural = _("mass mobilisation models")

    def __str__(self) -> str:
        return f"{self.name} ({self.year})"
