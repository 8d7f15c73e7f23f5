"""Annual quality rating (đánh giá, xếp loại chất lượng hằng năm): schemes by year, campaigns, ratings and their steps.

A `Scheme` is the rating of some years under one regulation: its levels (`SchemeLevel`, with the scheme's own
Vietnamese labels and order, per subject: organizations or members), its quota and its bars, each citing its
article. Schemes are reference data (rating/reference.py, loaded by a migration); the numbers the rules app
already keeps (exclusions, score scale and bands: `assessment.*`) are read from it by date.

A `Campaign` is one committee's rating of one year over its subtree. A `Rating` is one subject (an organization,
or a member with the cell they belonged to on the campaign's reference date) in one campaign; its history is the
append-only list of `RatingStep`s (self-assessment, review, advisory proposal, decision). A decision is changed
only by a new dated decision that supersedes it; `Rating.level` caches the level of the decision in force.
Rows are written only by rating.services, which log every change.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from members.models import Person
from organizations.models import Organization


class Subject(models.TextChoices):
    ORGANIZATION = "organization", _("organization rated")
    MEMBER = "member", _("member rated")
    LEADER = "leader", _("leader or manager rated")


class Level(models.TextChoices):
    """Level codes shared by every scheme (each scheme gives them its own words: SchemeLevel.label)."""

    EXCELLENT = "excellent", _("completed excellently")
    GOOD = "good", _("completed well")
    COMPLETED = "completed", _("completed")
    NOT_COMPLETED = "not_completed", _("not completed")


LEVEL_ORDER = [Level.EXCELLENT, Level.GOOD, Level.COMPLETED, Level.NOT_COMPLETED]
GOOD_OR_BETTER = (Level.EXCELLENT, Level.GOOD)


class Scheme(models.Model):
    """The rating of some years under one regulation (reference data, rating/reference.py)."""

    code = models.SlugField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("regulation"), max_length=200)
    guidance = models.CharField(_("guidance"), max_length=200, blank=True)
    first_year = models.PositiveSmallIntegerField(_("first year rated"))
    last_year = models.PositiveSmallIntegerField(_("last year rated"), null=True, blank=True)
    quota_percent = models.PositiveSmallIntegerField(
        _("quota (per cent of those rated “completed well”)"), null=True, blank=True,
        help_text=_("Those rated “completed excellently” may not exceed this share of those rated “completed "
                    "well” within a group of like subjects. Empty: no quota."),
    )
    quota_article = models.CharField(_("quota article"), max_length=300, blank=True)
    quota_exception_article = models.CharField(_("exception to the quota"), max_length=300, blank=True)
    bar_disciplined_article = models.CharField(
        _("bar: disciplined in the year"), max_length=300, blank=True,
        help_text=_("Empty: the scheme does not bar disciplined subjects from the top level."),
    )
    bar_failed_member_article = models.CharField(
        _("bar: a member not completed"), max_length=300, blank=True,
        help_text=_("Empty: a cell with a member rated “not completed” is not barred from the top level."),
    )
    exclusions_article = models.CharField(_("exclusions article"), max_length=300, blank=True)
    excluded_statuses = models.JSONField(_("excluded members (when no rule is recorded)"), default=list, blank=True)
    exclude_admitted_months = models.PositiveSmallIntegerField(
        _("recently admitted excluded, months (when no rule is recorded)"), default=0
    )
    score_scale = models.PositiveSmallIntegerField(_("score scale (when no rule is recorded)"), default=0)
    steps_article = models.CharField(_("steps article"), max_length=300, blank=True)
    leader_seats = models.JSONField(
        _("committee seats rated as leaders"), default=list, blank=True,
        help_text=_("Seat kinds (secretary, deputy_secretary, standing, executive …) whose holders on the reference "
                    "date are rated as leaders or managers, after their collective. Empty: leaders are not a "
                    "separate subject."),
    )
    leaders_article = models.CharField(_("leaders article"), max_length=300, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["first_year"]
        verbose_name = _("rating scheme")
        verbose_name_plural = _("rating schemes")

    def __str__(self) -> str:
        return self.name

    def covers_year(self, year: int) -> bool:
        return self.first_year <= year and (self.last_year is None or year <= self.last_year)


class SchemeLevel(models.Model):
    scheme = models.ForeignKey(Scheme, on_delete=models.CASCADE, related_name="levels", verbose_name=_("scheme"))
    subject = models.CharField(_("subject rated"), max_length=20, choices=Subject.choices)
    code = models.CharField(_("level"), max_length=20, choices=Level.choices)
    label = models.CharField(_("label"), max_length=200)
    order = models.PositiveSmallIntegerField(_("order"))
    min_score = models.PositiveSmallIntegerField(_("lowest score"), null=True, blank=True)

    class Meta:
        ordering = ["scheme", "subject", "order"]
        constraints = [models.UniqueConstraint(fields=["scheme", "subject", "code"], name="schemelevel_unique")]
        verbose_name = _("scheme level")
        verbose_name_plural = _("scheme levels")

    def __str__(self) -> str:
        return self.label


class Campaign(models.Model):
    """One committee's rating of one year over its subtree, under the scheme of that year."""

    scope_path_lookup = "organization__path"

    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="rating_campaigns", verbose_name=_("organization")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    scheme = models.ForeignKey(Scheme, on_delete=models.PROTECT, related_name="+", verbose_name=_("scheme"))
    reference_date = models.DateField(_("reference date of the rating"))
    self_assessment_due = models.DateField(_("self-assessment due"), null=True, blank=True)
    decision_due = models.DateField(_("decision due"), null=True, blank=True)
    historic = models.BooleanField(
        _("results of the past"), default=False,
        help_text=_("Results entered as they were decided: a rule they break is recorded as an exception."),
    )
    decision_number = models.CharField(_("deciding document"), max_length=64, blank=True)
    decision_date = models.DateField(_("decision date"), null=True, blank=True)
    decision_issuer = models.CharField(_("issued by"), max_length=255, blank=True)
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year", "organization_id"]
        constraints = [models.UniqueConstraint(fields=["organization", "year"], name="campaign_unique_year")]
        verbose_name = _("rating campaign")
        verbose_name_plural = _("rating campaigns")

    def __str__(self) -> str:
        return f"{self.organization} · {self.year}"


class Rating(models.Model):
    """One subject in one campaign. `level` caches the decision in force (empty until decided). A person is rated
    once as a member and, where the scheme rates leaders, once as a leader (`organization`: the seat's)."""

    scope_path_lookup = "organization__path"
    scope_person_lookup = "person"  # a member's own-file role reaches their ratings (core.scope)

    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="ratings",
                                 verbose_name=_("campaign"))
    subject = models.CharField(_("subject rated"), max_length=20, choices=Subject.choices)
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="+", verbose_name=_("organization"),
        help_text=_("The organization rated, or the cell of the member on the reference date."),
    )
    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.PROTECT, related_name="ratings",
                               verbose_name=_("member rated"))
    quota_group = models.CharField(_("quota group"), max_length=100)
    level = models.CharField(_("level"), max_length=20, choices=Level.choices, blank=True)
    score = models.PositiveSmallIntegerField(_("score"), null=True, blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    exception = models.TextField(
        _("exception to the rules"), blank=True, help_text=_("The rule a past result breaks, kept as decided."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["campaign_id", "subject", "organization_id", "person_id"]
        indexes = [models.Index(fields=["campaign", "subject", "level"], name="rating_campaign_level")]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "organization"], condition=Q(person__isnull=True),
                                    name="rating_unique_organization"),
            models.UniqueConstraint(fields=["campaign", "subject", "person"], condition=Q(person__isnull=False),
                                    name="rating_unique_person_subject"),
        ]
        verbose_name = _("rating")
        verbose_name_plural = _("ratings")

    def __str__(self) -> str:
        return f"{self.person or self.organization} · {self.campaign.year}"


class StepKind(models.TextChoices):
    SELF = "self", _("self-assessment")
    REVIEW = "review", _("review by the cell or committee")
    PROPOSAL = "proposal", _("proposal of the advisory body")
    DECISION = "decision", _("decision")


STEP_ORDER = [StepKind.SELF, StepKind.REVIEW, StepKind.PROPOSAL, StepKind.DECISION]


class RatingStep(models.Model):
    """A dated step of a rating. Append-only: a later decision supersedes an earlier one."""

    scope_path_lookup = "rating__organization__path"
    scope_person_lookup = "rating__person"

    rating = models.ForeignKey(Rating, on_delete=models.PROTECT, related_name="steps", verbose_name=_("rating"))
    kind = models.CharField(_("step"), max_length=20, choices=StepKind.choices)
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    score = models.PositiveSmallIntegerField(_("score"), null=True, blank=True)
    occurred_on = models.DateField(_("date"))
    text = models.TextField(_("text"), blank=True)
    decision_number = models.CharField(_("decision number"), max_length=64, blank=True)
    decision_date = models.DateField(_("decision date"), null=True, blank=True)
    decision_issuer = models.CharField(_("issued by"), max_length=255, blank=True)
    supersedes = models.OneToOneField("self", null=True, blank=True, on_delete=models.PROTECT,
                                      related_name="superseded_by", verbose_name=_("supersedes the decision"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["rating_id", "occurred_on", "id"]
        indexes = [models.Index(fields=["rating", "kind"], name="ratingstep_kind")]
        verbose_name = _("rating step")
        verbose_name_plural = _("rating steps")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.occurred_on:%d/%m/%Y}"
