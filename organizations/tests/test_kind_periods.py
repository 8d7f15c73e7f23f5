"""The dated attributes of the kinds are data (issue 11 §2): seeded by migration 0005, edited only through
`kind_period_save` (the admin too), logged, read through an in-process copy dropped on every write.

Who decides for a cell follows the date: Điều lệ Đảng Điều 4 and Quy định 24-QĐ/TW §4.3 (the standing committee
of the district committee, before 01/07/2025), Quy định 294-QĐ/TW (the commune committee from 01/07/2025, marked
unconfirmed in its detail).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from core.errors import DomainError, Faults
from core.models import ChangeRecord
from core.testing import Cast, kind
from organizations import kinds
from organizations.kinds import COMMUNE_COMMITTEE, DISTRICT_STANDING, competence_for, period_of
from organizations.models import Decider, KindPeriod
from organizations.services.kinds import kind_period_save

pytestmark = pytest.mark.django_db
BEFORE, AFTER = dt.date(2025, 6, 30), dt.date(2025, 7, 1)


def _after(code: str) -> KindPeriod:
    return KindPeriod.objects.get(kind__code=code, valid_from=AFTER)


def test_who_decides_for_a_commune_cell_follows_the_date(cast: Cast) -> None:
    before, after = competence_for(cast.cell_a1a.pk, BEFORE), competence_for(cast.cell_a1a.pk, AFTER)
    assert str(before.text) == str(DISTRICT_STANDING) and before.confirmed and "24-QĐ/TW" in before.source
    assert before.organization_id == cast.commune_a1.pk  # said by the grassroots organization above the cell
    assert str(after.text) == str(COMMUNE_COMMITTEE) and not after.confirmed and "294-QĐ/TW" in after.source
    assert not competence_for(cast.district_a.pk, AFTER)  # nothing says who decides for a district's members
    assert not competence_for(None, AFTER)


def test_an_edit_is_logged_and_read_at_once(cast: Cast) -> None:
    assert str(competence_for(cast.cell_a1a.pk, AFTER).text) == str(COMMUNE_COMMITTEE)  # the copy is built
    row = _after("commune")
    row.admission_decider = Decider.PROVINCE_STANDING
    row.confirmed = True
    kind_period_save(actor=cast.root_admin, instance=row, reason="checked against the text")
    assert str(competence_for(cast.cell_a1a.pk, AFTER).text) == str(Decider.PROVINCE_STANDING.label)
    record = ChangeRecord.objects.for_object(row).get()
    assert record.before["admission_decider"] == Decider.COMMUNE_COMMITTEE
    assert record.reason == "checked against the text"
    # The copy notices a change made behind its back too (another process): the table's stamp differs.
    KindPeriod.objects.filter(pk=row.pk).update(admission_decider=Decider.COMMUNE_COMMITTEE,
                                                updated_at=dt.datetime(2030, 1, 1, tzinfo=dt.UTC))
    assert str(competence_for(cast.cell_a1a.pk, AFTER).text) == str(COMMUNE_COMMITTEE)


def test_refusals_all_at_once_nothing_written(cast: Cast) -> None:
    count = KindPeriod.objects.count()
    bad = KindPeriod(kind=kind("commune"), valid_from=dt.date(2026, 1, 1), valid_to=dt.date(2025, 12, 1),
                     is_grassroots=True, regulation=" ")
    with pytest.raises(Faults) as refused:
        kind_period_save(actor=cast.root_admin, instance=bad)
    assert {e.field for e in refused.value.errors} == {"valid_to", "regulation", "valid_from"}  # overlap too
    with pytest.raises(DomainError):  # only an installation administrator changes reference data
        kind_period_save(actor=cast.province_officer, instance=KindPeriod(
            kind=kind("province"), valid_from=AFTER, regulation="294-QĐ/TW"))
    assert KindPeriod.objects.count() == count and not ChangeRecord.objects.filter(
        content_type__model="kindperiod").exists()


def test_reads_cost_one_small_query(cast: Cast, django_assert_num_queries: Callable[..., Any]) -> None:
    kinds.periods()
    with django_assert_num_queries(1):  # the table's stamp; the rows come from the copy
        assert period_of("commune", BEFORE).superior == "district"  # type: ignore[union-attr]
    with django_assert_num_queries(3):  # the stamp, the cell's version of the date, the versions above it
        assert competence_for(cast.cell_a1a.pk, AFTER)


def test_the_admin_saves_through_the_service(cast: Cast, client: Client) -> None:
    row = _after("grassroots-cell")
    client.force_login(cast.root_admin)
    url = reverse("admin:organizations_kindperiod_change", args=[row.pk])
    assert client.get(url).status_code == 200
    form = {"kind": row.kind_id, "valid_from": "2025-07-01", "valid_to": "", "is_grassroots": "on",
            "superior": kind("commune").pk, "admission_decider": Decider.COMMUNE_COMMITTEE,
            "recognition_decider": Decider.COMMUNE_COMMITTEE, "transfer_decider": "", "regulation": row.regulation,
            "confirmed": "", "note": "grassroots cells of a commune"}
    response = client.post(url, form)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert period_of("grassroots-cell", AFTER).superior == "commune"  # type: ignore[union-attr]
    assert ChangeRecord.objects.for_object(row).get().reason == "admin"
    overlapping = {**form, "valid_from": "2025-01-01"}  # reaches into the period before: refused beside the field
    response = client.post(reverse("admin:organizations_kindperiod_add"), overlapping)
    assert response.status_code == 200 and "valid_from" in response.context["adminform"].form.errors
    assert KindPeriod.objects.filter(kind=row.kind).count() == 2
