"""Terms (nhiệm kỳ), the congresses that open them, and committee seats held by members from a date to a date.

A term belongs to one organization and is opened either by a congress (đại hội) or by appointment (chỉ định)
when an organization is established or merged mid-term. Opening the next term ends the previous one on that
day. A seat is one person in one position (executive committee, standing committee, secretary, deputy
secretary, inspection committee, its chair) from `starts_on` to `ended_on` (exclusive, empty while held).
Rows are written only by committees.services, which log every change; nothing is deleted: a seat that ends
gets its end date and reason, a correction is logged with its reason.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from members.models import Person
from organizations.models import Organization

ROMAN = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
         (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]


def roman(number: int) -> str:
    """1 -> I, 3 -> III, 14 -> XIV: congresses are numbered in Roman numerals ("lần thứ III")."""
    text = ""
    for value, letters in ROMAN:
        while number >= value:
            text += letters
            number -= value
    return text


class TermOpening(models.TextChoices):
    CONGRESS = "congress", _("congress")
    APPOINTMENT = "appointment", _("appointment")


class Term(models.Model):
    """A term of an organization's committee: from `starts_on` to `ended_on` (exclusive; empty while current)."""

    scope_path_lookup = "organization__path"

    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="terms", verbose_name=_("organization")
    )
    opened_by = models.CharField(_("opened by"), max_length=20, choices=TermOpening.choices)
    starts_on = models.DateField(_("starts on"))
    planned_end_on = models.DateField(_("planned end"))
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    term_rule = models.CharField(_("term length set by"), max_length=200, blank=True)
    executive_seats = models.PositiveSmallIntegerField(_("executive committee seats"), null=True, blank=True)
    standing_seats = models.PositiveSmallIntegerField(_("standing committee seats"), null=True, blank=True)
    deputy_secretary_seats = models.PositiveSmallIntegerField(_("deputy secretary seats"), null=True, blank=True)
    inspection_seats = models.PositiveSmallIntegerField(_("inspection committee seats"), null=True, blank=True)
    appointed_by = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("appointed by"),
    )
    decision_number = models.CharField(_("decision number"), max_length=64, blank=True)
    decision_date = models.DateField(_("decision date"), null=True, blank=True)
    decision_issuer = models.CharField(_("issued by"), max_length=255, blank=True)
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["organization_id", "-starts_on"]
        indexes = [models.Index(fields=["organization", "starts_on"], name="term_org_start")]
        constraints = [
            models.UniqueConstraint(fields=["organization", "starts_on"], name="term_unique_start"),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("starts_on")),
                name="term_period_ordered",
            ),
        ]
        verbose_name = _("term")
        verbose_name_plural = _("terms")

    def __str__(self) -> str:
        return f"{self.organization} · {self.label}"

    @property
    def label(self) -> str:
        """"2020–2025": the years the term runs, as congress documents write them."""
        return f"{self.starts_on.year}–{self.planned_end_on.year}"

    def in_force_on(self, day: object) -> bool:
        return self.starts_on <= day and (self.ended_on is None or day < self.ended_on)  # type: ignore[operator]


class Congress(models.Model):
    """The congress (đại hội) that opened a term: ordinal, dates, delegates, its resolution."""

    scope_path_lookup = "organization__path"

    term = models.OneToOneField(Term, on_delete=models.PROTECT, related_name="congress", verbose_name=_("term"))
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="congresses", verbose_name=_("organization")
    )
    ordinal = models.PositiveSmallIntegerField(_("ordinal"), help_text=_("3 for “lần thứ III”."))
    opened_on = models.DateField(_("opened on"))
    closed_on = models.DateField(_("closed on"))
    delegates = models.PositiveIntegerField(_("delegates summoned"), null=True, blank=True)
    delegates_present = models.PositiveIntegerField(_("delegates present"), null=True, blank=True)
    resolution_number = models.CharField(_("resolution number"), max_length=64, blank=True)
    resolution_date = models.DateField(_("resolution date"), null=True, blank=True)

    class Meta:
        ordering = ["organization_id", "-opened_on"]
        indexes = [models.Index(fields=["closed_on"], name="congress_closed_on")]
        constraints = [
            models.CheckConstraint(condition=Q(closed_on__gte=models.F("opened_on")), name="congress_dates_ordered"),
        ]
        verbose_name = _("congress")
        verbose_name_plural = _("congresses")

    def __str__(self) -> str:
        return f"{self.organization} · {self.ordinal_label}"

    @property
    def ordinal_roman(self) -> str:
        return roman(self.ordinal)

    @property
    def ordinal_label(self) -> str:
        return str(_("Congress no. %(ordinal)s") % {"ordinal": self.ordinal_roman})


class SeatKind(models.TextChoices):
    EXECUTIVE = "executive", _("executive committee member")
    STANDING = "standing", _("standing committee member")
    SECRETARY = "secretary", _("secretary")
    DEPUTY_SECRETARY = "deputy_secretary", _("deputy secretary")
    INSPECTION = "inspection", _("inspection committee member")
    INSPECTION_CHAIR = "inspection_chair", _("inspection committee chair")


#: Seats that make a person a member of the committee (cấp ủy viên); the inspection committee is apart.
COMMITTEE_KINDS = (SeatKind.EXECUTIVE, SeatKind.STANDING, SeatKind.SECRETARY, SeatKind.DEPUTY_SECRETARY)
#: Seats that need the person to hold an executive committee seat at the same time.
NEEDS_EXECUTIVE = (SeatKind.STANDING, SeatKind.SECRETARY, SeatKind.DEPUTY_SECRETARY)
#: Seats held by one person at a time in an organization.
SINGLE_KINDS = (SeatKind.SECRETARY, SeatKind.INSPECTION_CHAIR)


class SeatBasis(models.TextChoices):
    ELECTED = "elected", _("elected")
    APPOINTED = "appointed", _("appointed")
    ADDED = "added", _("added during the term")


class SeatEnd(models.TextChoices):
    TERM_ENDED = "term_ended", _("the term ended")
    ORGANIZATION_ENDED = "organization_ended", _("the organization was dissolved or merged")
    RESIGNED = "resigned", _("resigned")
    TRANSFERRED = "transferred", _("transferred to other work")
    DISMISSED = "dismissed", _("dismissed")
    DIED = "died", _("died")
    OTHER = "other", _("other reason")


class ConcurrentPost(models.TextChoices):
    NONE = "", _("none recorded")
    GOVERNMENT_CHAIR = "government_chair", _("chair of the People's Committee")
    COUNCIL_CHAIR = "council_chair", _("chair of the People's Council")
    VILLAGE_HEAD = "village_head", _("head of the village or residential group")


class Seat(models.Model):
    """One person in one position of one organization's committee, from a date to a date."""

    scope_path_lookup = "organization__path"
    scope_person_lookup = "person"  # a role over one person (their own file) reaches their seats (core.scope)

    term = models.ForeignKey(Term, on_delete=models.PROTECT, related_name="seats", verbose_name=_("term"))
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="committee_seats", verbose_name=_("organization")
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="committee_seats", verbose_name=_("member")
    )
    kind = models.CharField(_("position"), max_length=20, choices=SeatKind.choices)
    basis = models.CharField(_("basis"), max_length=20, choices=SeatBasis.choices)
    starts_on = models.DateField(_("from"))
    ended_on = models.DateField(_("until"), null=True, blank=True, help_text=_("First day no longer held."))
    end_reason = models.CharField(_("end reason"), max_length=20, choices=SeatEnd.choices, blank=True)
    concurrent_post = models.CharField(
        _("also holds"), max_length=20, choices=ConcurrentPost.choices, blank=True, default=ConcurrentPost.NONE
    )
    appointed_by = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("appointed by"),
    )
    decision_number = models.CharField(_("decision number"), max_length=64, blank=True)
    decision_date = models.DateField(_("decision date"), null=True, blank=True)
    decision_issuer = models.CharField(_("issued by"), max_length=255, blank=True)
    end_decision_number = models.CharField(_("decision ending it"), max_length=64, blank=True)
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["organization_id", "starts_on", "id"]
        indexes = [
            models.Index(fields=["organization", "kind", "starts_on"], name="seat_org_kind"),
            models.Index(fields=["person", "starts_on"], name="seat_person"),
            models.Index(fields=["starts_on", "ended_on"], name="seat_period"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gt=models.F("starts_on")),
                name="seat_period_ordered",
            ),
        ]
        verbose_name = _("committee seat")
        verbose_name_plural = _("committee seats")

    def __str__(self) -> str:
        return f"{self.person} · {self.get_kind_display()} · {self.organization}"

    def held_on(self, day: object) -> bool:
        return self.starts_on <= day and (self.ended_on is None or day < self.ended_on)  # type: ignore[operator]


class SeatCorrection(models.Model):
    """A correction of a seat entered wrongly (wrong member, position or dates), dated and kept: the seat shows
    the corrected values, this row what was recorded before and why it changed. History is never overwritten."""

    scope_path_lookup = "organization__path"

    seat = models.ForeignKey(Seat, on_delete=models.PROTECT, related_name="corrections", verbose_name=_("seat"))
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("organization"))
    corrected_on = models.DateField(_("corrected on"))
    before = models.JSONField(_("as recorded before"))
    after = models.JSONField(_("as corrected"))
    reason = models.CharField(_("reason"), max_length=500)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["seat", "corrected_on", "pk"]
        verbose_name = _("seat correction")
        verbose_name_plural = _("seat corrections")

    def __str__(self) -> str:
        return f"{self.seat} · {self.corrected_on}"
