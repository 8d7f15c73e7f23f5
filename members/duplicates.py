"""Possible duplicates of a member file: the same folded full name and date of birth, in the writer's scope.

`person_create` refuses a new file that matches one (raising `PossibleDuplicate`, which names the files
found) unless the writer confirms (`confirm_duplicate=True`). Voided files are not counted. Only files the
writer may change are searched, so the answer reveals nothing outside the writer's scope.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from core.errors import DomainError
from core.scope import CHANGE, restrict
from core.text import fold
from members.models import Person, Status

#: At most this many possible duplicates are named.
LIMIT = 10


class PossibleDuplicate(DomainError):
    """A file with the same name and date of birth exists; `files` are those the writer may change."""

    def __init__(self, message: str, *, files: list[Person]) -> None:
        super().__init__(message, field="confirm_duplicate")
        self.files = files


def folded_name(full_name: str) -> str:
    return fold(" ".join((full_name or "").split()))


def possible_duplicates(actor: Any, *, full_name: str, birth_date: dt.date, exclude: Any = None) -> list[Person]:
    """Files in the actor's writable scope with the same folded full name and date of birth (not voided)."""
    name = folded_name(full_name)
    if not name or not isinstance(birth_date, dt.date):
        return []
    # search_name starts with the folded full name (then the other names): the prefix index narrows the rows.
    candidates = (
        restrict(Person.objects.select_related("organization"), actor, CHANGE)
        .filter(birth_date=birth_date, search_name__startswith=name)
        .exclude(status=Status.VOIDED)
        .order_by("pk")
    )
    if exclude is not None:
        candidates = candidates.exclude(pk=exclude)
    return [p for p in candidates[: LIMIT * 5] if folded_name(p.full_name) == name][:LIMIT]


def require_confirmed(actor: Any, *, full_name: str, birth_date: dt.date, confirmed: bool,
                      found: list[Person] | None = None) -> None:
    """Refuse a new file that duplicates another unless the writer confirmed it (`found`: the possible duplicates
    when the caller read them for many files at once, members.services.bulk)."""
    if confirmed:
        return
    files = found if found is not None else possible_duplicates(actor, full_name=full_name, birth_date=birth_date)
    if not files:
        return
    listed = "; ".join(f"{p.full_name} ({p.organization.name}, id {p.pk})" for p in files)
    raise PossibleDuplicate(
        _("A member file with the same name and date of birth (%(birth)s) already exists: %(files)s. If this is "
          "another person, confirm that the file is not a duplicate.")
        % {"birth": date_format(birth_date, "SHORT_DATE_FORMAT"), "files": listed},
        files=files,
    )
