"""Member lists exported as reports (issue 8 §10, core.spreadsheets.report): the member list under its filters,
the due list and the badges due, with readable Vietnamese column titles, status and Party age. The export in the
import template's columns ("để nhập lại") stays ingest.exports.export_members_xlsx."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from django.core.paginator import Paginator
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from core.spreadsheets.report import Column, Report, report_xlsx
from members import pages, queries
from members.forms import MemberFilterForm
from members.pages import grouped_due
from members.party_age import next_presentation_day
from organizations.models import Organization

CHUNK = 500


def _column(title: str, width: int) -> Column:
    return Column(capfirst(title), width)


def _party_age(age: Any) -> str:
    return _("%(years)d years %(months)d months") % {"years": age.years, "months": age.months} if age else ""


def _applied(form: MemberFilterForm) -> list[tuple[str, str]]:
    """The filters a valid form applies, as (label, shown value)."""
    shown: list[tuple[str, str]] = []
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    for name, field in form.fields.items():
        value = data.get(name)
        if not value:
            continue
        if isinstance(value, Organization):
            text = value.name
        else:
            text = str(dict(getattr(field, "choices", ())).get(value, value))
        shown.append((str(field.label), text))
    return shown


def member_list_xlsx(user: Any, form: MemberFilterForm, *, on: dt.date, organization_name: str) -> bytes:
    """Every file the list page shows under the same filters, as a report."""
    people = queries.filter_members(user, form.spec(), on=on)
    columns = [_column(_("No."), 6), _column(_("Full name"), 28), _column(_("Date of birth"), 13),
               _column(_("Gender"), 9),
               _column(_("Age"), 7), _column(_("Cell"), 30), _column(_("Status"), 22), _column(_("Party age"), 18),
               _column(_("Party card number"), 16)]
    report = Report(_("List of Party member files"), organization_name, on, _applied(form), columns)

    def rows() -> Iterator[list[Any]]:
        number = 0
        pages_ = Paginator(people.select_related("organization"), CHUNK)
        for index in pages_.page_range:
            chunk = list(pages_.page(index).object_list)
            ages = queries.party_ages(chunk, on=on)
            for person in chunk:
                number += 1
                yield [number, person.full_name, person.birth_date, person.get_gender_display(),
                       pages.age_years(person.birth_date, on), person.organization.name,
                       str(person.get_status_display()), _party_age(ages.get(person.pk)),
                       person.party_card_number or ""]

    return report_xlsx(report, rows())


def pipeline_xlsx(user: Any, organization: Organization | None, *, on: dt.date, organization_name: str) -> bytes:
    """The admission pipeline board as a list: one row per person, stage by stage as the board's columns."""
    board = pages.pipeline(user, organization=organization, on=on)
    cards = [(column, card) for column in board.columns for card in column.cards]
    ids = [card.person_id for _column, card in cards]
    people = list(queries.person_list(user, organization=organization).filter(pk__in=ids))
    ages = queries.party_ages(people, on=on)
    statuses = {p.pk: capfirst(str(p.get_status_display())) for p in people}
    names = pages.organization_names(card.organization_id for _column, card in cards)
    columns = [_column(_("No."), 6), _column(_("Stage"), 30), _column(_("Full name"), 28), _column(_("Cell"), 30),
               _column(_("Status"), 22), _column(_("In this stage since"), 13), _column(_("Days waiting"), 10),
               _column(_("Deadline"), 12), _column(_("Overdue"), 10), _column(_("Party age"), 18)]
    filters = [(_("Organization"), organization_name if organization is not None else _("All my organizations"))]
    report = Report(_("Admission pipeline"), organization_name, on, filters, columns)
    rows = [[i, str(column.label), card.name, names.get(card.organization_id or 0, ""),
             statuses.get(card.person_id, ""), card.since, card.days_waiting, card.deadline,
             str(_("yes")) if card.overdue else "", _party_age(ages.get(card.person_id))]
            for i, (column, card) in enumerate(cards, 1)]
    return report_xlsx(report, rows)


def due_xlsx(user: Any, organization: Organization, *, on: dt.date) -> bytes:
    """The steps waiting under the organization, grouped by kind, earliest deadline first."""
    items = queries.due_list(user, organization, on=on)
    names = pages.organization_names(i.organization_id for i in items)
    columns = [_column(_("No."), 6), _column(_("Step"), 30), _column(_("Full name"), 28), _column(_("Cell"), 30),
               _column(_("Since"), 12), _column(_("Deadline"), 12), _column(_("Working days left"), 12),
               _column(_("Regulation"), 40)]
    report = Report(_("Due lists"), organization.name, on, [(_("Organization"), organization.name)], columns)
    rows: list[list[Any]] = []
    for _kind, label, entries in grouped_due(items, today=on):
        for item, _deadline in entries:
            rows.append([len(rows) + 1, str(label), item.person_name, names.get(item.organization_id or 0, ""),
                         item.started_on, item.deadline, item.days_left, item.citation])
    return report_xlsx(report, rows)


def badges_xlsx(user: Any, organization: Organization, *, on: dt.date) -> bytes:
    """Members under the organization due a Party badge at the next presentation day."""
    presentation_on = next_presentation_day(on)
    badges = queries.badges_due(user, organization, presentation_on=presentation_on)
    names = pages.organization_names(b.organization_id for b in badges)
    columns = [_column(_("No."), 6), _column(_("Full name"), 28), _column(_("Cell"), 30), _column(_("Badge"), 12),
               _column(_("Party age"), 18), _column(_("Badge presentation day"), 14), _column(_("Note"), 24),
               _column(_("Regulation"), 40)]
    filters = [(_("Organization"), organization.name),
               (_("Badge presentation day"), presentation_on.strftime("%d/%m/%Y"))]
    report = Report(_("Party badges due"), organization.name, on, filters, columns)
    rows = [[i, b.full_name, names.get(b.organization_id, ""), _("%(years)d years") % {"years": b.badge_years},
             _("%(years)d years %(months)d months") % {"years": b.age_years, "months": b.age_months},
             b.presentation_on, ", ".join(filter(None, [str(_("early (seriously ill)")) if b.early else "",
                                                        str(_("posthumous")) if b.posthumous else ""])),
             b.citation] for i, b in enumerate(badges, 1)]
    return report_xlsx(report, rows)
