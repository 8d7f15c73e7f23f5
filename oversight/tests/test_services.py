"""Oversight assignments: only a committee member of the organization above the cell; all or none; scope."""

from __future__ import annotations

import datetime as dt

import pytest

from committees.models import SeatKind
from committees.services import CongressInput, SeatInput, term_open_by_congress
from core.errors import DomainError, NotInScope
from core.testing import Cast
from members.tests.factories import member
from oversight import services
from oversight.figures import oversight_figures
from oversight.models import Assignment

D = dt.date


@pytest.fixture
def committee(cast: Cast) -> dict[str, object]:
    actor = cast.root_admin
    an = member(actor, cast.cell_a1a, "Nguyễn Văn An", birth_date=D(1975, 1, 1))
    binh = member(actor, cast.cell_a1b, "Trần Thị Bình", gender="female", birth_date=D(1980, 6, 1))
    outsider = member(actor, cast.cell_a1b, "Lê Văn Cường", birth_date=D(1982, 3, 3))
    congress = CongressInput(ordinal=3, opened_on=D(2020, 8, 19), closed_on=D(2020, 8, 20))
    term_open_by_congress(actor=actor, organization=cast.commune_a1, congress=congress, seats=[
        SeatInput(an, SeatKind.EXECUTIVE), SeatInput(an, SeatKind.SECRETARY), SeatInput(binh, SeatKind.EXECUTIVE)])
    return {"an": an, "binh": binh, "outsider": outsider}


def test_committee_members_oversee_cells_and_figures_count_coverage(cast: Cast, committee: dict) -> None:
    services.assignments_create(actor=cast.district_officer, person=committee["an"],
                                organizations=[cast.cell_a1a], starts_on=D(2020, 9, 1))
    figures = oversight_figures(cast.commune_a1, as_of=D(2020, 12, 31))
    assert figures == {"cells": 2, "cells_overseen": 1, "cells_without_overseer": 1, "overseers": 1,
                       "assignments": 1}
    assert oversight_figures(cast.commune_a1, as_of=D(2020, 8, 31))["cells_overseen"] == 0


def test_someone_not_on_the_committee_above_the_cell_is_refused(cast: Cast, committee: dict) -> None:
    with pytest.raises(DomainError) as caught:
        services.assignments_create(actor=cast.district_officer, person=committee["outsider"],
                                    organizations=[cast.cell_a1a, cast.cell_a1b], starts_on=D(2020, 9, 1))
    assert caught.value.field == "person"
    assert "Lê Văn Cường" in str(caught.value.message)
    with pytest.raises(DomainError) as caught:  # before the committee was elected
        services.assignments_create(actor=cast.district_officer, person=committee["an"],
                                    organizations=[cast.cell_a1a], starts_on=D(2020, 8, 1))
    assert caught.value.field == "person"
    assert not Assignment.objects.exists()


def test_assignments_are_all_or_none_and_out_of_scope_is_not_found(cast: Cast, committee: dict) -> None:
    services.assignments_create(actor=cast.root_admin, person=committee["binh"], organizations=[cast.cell_a1b],
                                starts_on=D(2020, 9, 1))
    with pytest.raises(DomainError):
        services.assignments_create(actor=cast.root_admin, person=committee["binh"],
                                    organizations=[cast.cell_a1a, cast.cell_a1b], starts_on=D(2020, 10, 1))
    assert Assignment.objects.count() == 1
    with pytest.raises(NotInScope):
        services.assignments_create(actor=cast.outsider, person=committee["an"], organizations=[cast.cell_a1a],
                                    starts_on=D(2020, 9, 1))
    assignment = Assignment.objects.get()
    with pytest.raises(DomainError) as caught:
        services.assignment_end(actor=cast.root_admin, assignment=assignment, ended_on=D(2020, 9, 1))
    assert caught.value.field == "ended_on"
    services.assignment_end(actor=cast.root_admin, assignment=assignment, ended_on=D(2021, 1, 1))
    assert oversight_figures(cast.commune_a1, as_of=D(2021, 1, 1))["cells_overseen"] == 0
