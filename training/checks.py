"""Checks shared by the training and honours services: faults gathered and raised at once, text, dates, the tree."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Exists, OuterRef, Q
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from core.errors import FaultList
from core.validators import has_control_characters
from organizations.models import Organization, OrganizationVersion

MAX_TEXT = 500






def day_text(day: dt.date) -> str:
    return date_format(day, "SHORT_DATE_FORMAT")


def text(value: Any, *, field_name: str, faults: FaultList, max_length: int = 255, required: bool = False,
         multiline: bool = False, label: str = "") -> str:
    """The text stripped; a fault when missing (if required), too long or holding a control character."""
    value = "" if value is None else str(value).strip()
    if required and not value:
        faults.add(_("%(field)s: this field is required.") % {"field": label or field_name}, field_name)
    elif len(value) > max_length:
        faults.add(_("%(field)s: at most %(count)d characters.") % {"field": label or field_name,
                                                                     "count": max_length}, field_name)
        return ""
    elif has_control_characters(value, multiline=multiline):
        faults.add(_("%(field)s: the text contains an invisible control character; retype it without it.")
                   % {"field": label or field_name}, field_name)
        return ""
    return value


def first_day(organization: Organization) -> dt.date | None:
    """The first day the organization stood in the tree (its earliest version)."""
    return (OrganizationVersion.objects.filter(organization=organization).order_by("valid_from")
            .values_list("valid_from", flat=True).first())


def stood_on(organization: Organization, on: dt.date) -> bool:
    return OrganizationVersion.objects.filter(organization=organization, valid_from__lte=on).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gt=on)).exists()


def require_existed(organization: Organization, on: dt.date, *, field_name: str, faults: FaultList) -> None:
    """A fault when the organization did not exist yet on `on` (dated before it was established)."""
    first = first_day(organization)
    if first is None or on < first:
        faults.add(_("%(name)s did not exist yet on %(date)s (established on %(first)s).")
                   % {"name": organization.name, "date": day_text(on),
                      "first": day_text(first) if first else "—"}, field_name)


def date_value(value: Any, *, field_name: str, label: str, faults: FaultList, required: bool = True) -> dt.date | None:
    if value is None or value == "":
        if required:
            faults.add(_("%(field)s: this field is required.") % {"field": label}, field_name)
        return None
    if not isinstance(value, dt.date) or not dt.date(1900, 1, 1) <= value <= dt.date(2200, 12, 31):
        faults.add(_("%(field)s: enter a valid date.") % {"field": label}, field_name)
        return None
    return value


def paths_in_period(organization: Organization, date_from: dt.date, date_to: dt.date) -> list[str]:
    """The paths the organization had during [date_from, date_to] (one unless it moved)."""
    return list(
        OrganizationVersion.objects.filter(organization=organization, valid_from__lte=date_to)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gt=date_from))
        .values_list("path", flat=True).distinct()
    )


def stood_under(paths: list[str], *, organization_field: str, date_field: str) -> Exists:
    """Rows whose organization stood, on the row's own date, under one of `paths` (the tree of that date)."""
    condition = Q(pk__in=[])
    for path in paths:
        condition |= Q(path__under=path)
    return Exists(
        OrganizationVersion.objects.filter(organization=OuterRef(organization_field),
                                           valid_from__lte=OuterRef(date_field))
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gt=OuterRef(date_field)))
        .filter(condition)
    )


def key_part(code: str) -> str:
    """A data code as part of a figure key: "hcm-study" -> "hcm_study"."""
    return code.replace("-", "_")
