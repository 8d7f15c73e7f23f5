from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from core.testing import Cast
from members.models import Person
from members.tests.factories import member
from organizations.models import Organization
from rating import services
from rating.models import Campaign, StepKind
from rating.services import RatingEntry

D = dt.date
ADMITTED = D(2010, 3, 1)


@pytest.fixture
def make_members(cast: Cast) -> Callable[..., list[Person]]:
    def make(cell: Organization, count: int, *, prefix: str = "Đảng viên", admitted_on: dt.date = ADMITTED,
             start: int = 0) -> list[Person]:
        return [member(cast.root_admin, cell, f"{prefix} {chr(65 + (start + i) % 26)}{start + i}",
                       admitted_on=admitted_on, birth_date=D(1980, 1, 1 + (start + i) % 27))
                for i in range(count)]
    return make


def self_assess(actor: Any, campaign: Campaign, entries: list[RatingEntry], on: dt.date) -> None:
    services.rating_record_many(actor=actor, campaign=campaign, step=StepKind.SELF, entries=entries, on=on)
