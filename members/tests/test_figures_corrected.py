"""Figures corrected by issue 11: `died` counts members only; `recognised_decided` by the decision's date beside
`recognised` by the end of probation; separate keys for grassroots committees, grassroots cells and cells under
a grassroots committee."""

from __future__ import annotations

import datetime as dt

from core.figures import FigureRequest
from core.testing import establish
from members import services
from members.figures import member_figures
from members.tests import factories as f
from organizations.figures import organization_figures

D = dt.date
YEAR_2022 = {"date_from": D(2022, 1, 1), "date_to": D(2022, 12, 31), "as_of": D(2022, 12, 31)}


def test_died_counts_members_not_candidates(cast):
    actor = cast.district_officer
    member = f.member(actor, cast.cell_a1a, "Lò Văn Đảng Viên")
    candidate = f.candidate(actor, cast.cell_a1a, "Lò Văn Quần Chúng", registered_on=D(2021, 2, 1),
                            course_on=D(2021, 3, 1))
    services.death_record(actor=actor, person=member, died_on=D(2022, 4, 1))
    services.death_record(actor=actor, person=candidate, died_on=D(2022, 5, 1))
    assert member_figures(cast.district_a, **YEAR_2022)["died"] == 1


def test_recognised_by_end_of_probation_and_recognised_decided_by_decision_date(cast):
    """Probation from the ceremony of 20/12/2021 ends 20/12/2022; decided 10/01/2023: `recognised` counts it in
    2022, `recognised_decided` in 2023 ("làm thủ tục xét chuyển đảng chính thức": the decisions of the year)."""
    actor = cast.district_officer
    person = f.admit(actor, cast.cell_a1a, "Lò Văn Chính Thức", resolution_on=D(2021, 10, 4),
                     decided_on=D(2021, 11, 1), ceremony_on=D(2021, 12, 20))
    services.recognition_record(actor=actor, person=person, decision=f.decision(D(2023, 1, 10)))
    in_2022 = member_figures(cast.district_a, **YEAR_2022)
    in_2023 = member_figures(cast.district_a, date_from=D(2023, 1, 1), date_to=D(2023, 12, 31),
                             as_of=D(2023, 12, 31))
    assert (in_2022["recognised"], in_2022["recognised_decided"]) == (1, 0)
    assert (in_2023["recognised"], in_2023["recognised_decided"]) == (0, 1)


def test_grassroots_committees_grassroots_cells_and_subordinate_cells_have_their_keys(cast):
    establish(cast.province_officer, "T-A-3", "Chi bộ cơ sở Trường THPT An Bình", "grassroots-cell", cast.district_a)
    request = FigureRequest(cast.district_a, D(2024, 1, 1), D(2024, 12, 31), D(2024, 12, 31))
    figures = organization_figures(request)
    assert {k: figures[k] for k in ("grassroots_organizations", "grassroots_committees", "grassroots_cells",
                                     "subordinate_cells", "cells")} == {
        "grassroots_organizations": 3, "grassroots_committees": 2, "grassroots_cells": 1, "subordinate_cells": 2,
        "cells": 3,
    }
