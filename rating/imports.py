"""All-or-nothing import of a campaign's results from XLSX (the layout of rating/exports.py): every row is one
subject's step; a fault in any row refuses the whole file, naming each line, and nothing is written."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.utils.translation import gettext as _

from core.decisions import Decision
from core.errors import DomainError, Faults
from members.models import Person
from rating import subjects as subj
from rating.exports import read_results
from rating.models import Campaign, RatingStep, Subject
from rating.services import RatingEntry, rating_record_many

_ENTRY = re.compile(r"^entries\.(\d+)\.")


def rating_import(*, actor: Any, campaign: Campaign, content: bytes, step: str, on: dt.date,
                  decision: Decision | None = None, reason: str = "") -> list[RatingStep]:
    rows = read_results(content, campaign)
    if not rows:
        raise DomainError(_("The file holds no result."), field="file")
    organizations = {r.organization.code: r.organization for r in subj.organization_subjects(campaign)}
    codes = [r.person_code for r in rows if r.subject != Subject.ORGANIZATION]
    people = {str(p.code): p for p in Person.objects.filter(code__in=[c for c in codes if _uuid(c)])}
    entries, faults = [], []
    for row in rows:
        if row.subject == Subject.ORGANIZATION:
            organization = organizations.get(row.organization_code)
            if organization is None:
                faults.append(_("Line %(line)d: organization “%(code)s” is not rated in this campaign.")
                              % {"line": row.line, "code": row.organization_code})
                continue
            entries.append(RatingEntry(row.level, organization=organization, score=row.score, text=row.text))
        else:
            person = people.get(row.person_code)
            if person is None:
                faults.append(_("Line %(line)d: no member file has the code “%(code)s”.")
                              % {"line": row.line, "code": row.person_code})
                continue
            entries.append(RatingEntry(row.level, person=person, score=row.score, text=row.text,
                                       leader=row.subject == Subject.LEADER))
    if faults:
        raise DomainError(" ".join(faults[:50]), field="file")
    try:
        return rating_record_many(actor=actor, campaign=campaign, step=step, entries=entries, on=on,
                                  decision=decision, reason=reason)
    except Faults as error:
        raise DomainError(" ".join(_line(rows, e) for e in error.errors), field="file") from error
    except DomainError as error:
        if error.field and _ENTRY.match(error.field):
            raise DomainError(_line(rows, error), field="file") from error
        raise


def _line(rows: list[Any], error: DomainError) -> str:
    match = _ENTRY.match(error.field or "")
    if match is None:
        return str(error.message)
    return _("Line %(line)d: %(message)s") % {"line": rows[int(match.group(1))].line, "message": error.message}


def _uuid(text: str) -> bool:
    return bool(re.fullmatch(r"[0-9a-fA-F-]{32,36}", text or ""))
