"""Correcting a seat entered wrongly (issue 17): a dated correction keeping what was recorded before (never an
overwrite without a trace), checked by the rules of a new seat, every fault at once with nothing written, logged;
the page and the API; 404 outside scope."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.test import Client

from committees.corrections import seat_correct
from committees.models import Seat, SeatCorrection, SeatKind
from committees.queries import committee_as_of
from committees.services import CongressInput, SeatInput, term_open_by_congress
from core.errors import DomainError, Faults, NotInScope
from core.models import ChangeRecord
from core.testing import Cast
from members.tests.factories import member

D = dt.date


def _committee(cast: Cast) -> tuple[Seat, Seat, object]:
    actor = cast.root_admin
    an = member(actor, cast.cell_a1a, "Nguyễn Văn An", birth_date=D(1975, 1, 1))
    binh = member(actor, cast.cell_a1b, "Trần Thị Bình", gender="female", birth_date=D(1980, 6, 1))
    cuong = member(actor, cast.cell_a1b, "Lê Văn Cường", birth_date=D(1982, 3, 3))
    term_open_by_congress(actor=actor, organization=cast.commune_a1,
                          congress=CongressInput(ordinal=3, opened_on=D(2020, 8, 19), closed_on=D(2020, 8, 20)),
                          seats=[SeatInput(an, SeatKind.EXECUTIVE), SeatInput(an, SeatKind.SECRETARY),
                                 SeatInput(binh, SeatKind.EXECUTIVE)])
    return (Seat.objects.get(person=an, kind=SeatKind.SECRETARY), Seat.objects.get(person=binh), cuong)


def test_a_wrong_member_is_corrected_and_the_history_kept(cast: Cast) -> None:
    _secretary, binh_seat, cuong = _committee(cast)
    correction = seat_correct(actor=cast.district_officer, seat=binh_seat, person=cuong, corrected_on=D(2020, 9, 1),
                              reason="Nhập nhầm người")
    seat = Seat.objects.get(pk=binh_seat.pk)
    assert seat.person == cuong and seat.starts_on == D(2020, 8, 20)
    assert correction.before["person_name"] == "Trần Thị Bình" and correction.after["person_name"] == "Lê Văn Cường"
    names = {s.person.full_name for s in committee_as_of(cast.district_officer, organization=cast.commune_a1,
                                                         on=D(2020, 10, 1)).seats}
    assert "Lê Văn Cường" in names and "Trần Thị Bình" not in names
    logged = ChangeRecord.objects.filter(content_type__model__in=["seat", "seatcorrection"], action__in=["update",
                                                                                                          "create"])
    assert {r.content_type.model for r in logged.filter(reason="Nhập nhầm người")} == {"seat", "seatcorrection"}


def test_a_correction_is_checked_like_a_new_seat_with_every_fault(cast: Cast) -> None:
    secretary, binh_seat, _cuong = _committee(cast)
    with pytest.raises(Faults) as refused:
        seat_correct(actor=cast.district_officer, seat=binh_seat, kind=SeatKind.SECRETARY, starts_on=D(2019, 1, 1),
                     corrected_on=D(2020, 9, 1), reason="")
    fields = {e.field for e in refused.value.errors}
    assert {"reason", "starts_on"} <= fields
    with pytest.raises(DomainError) as refused:  # a second secretary at once
        seat_correct(actor=cast.district_officer, seat=binh_seat, kind=SeatKind.SECRETARY,
                     corrected_on=D(2020, 9, 1), reason="Nhập nhầm chức danh")
    assert "Nguyễn Văn An" in str(refused.value) or "bí thư" in str(refused.value).lower()
    assert not SeatCorrection.objects.exists() and Seat.objects.get(pk=binh_seat.pk).kind == SeatKind.EXECUTIVE
    with pytest.raises(DomainError):
        seat_correct(actor=cast.district_officer, seat=secretary, kind=SeatKind.SECRETARY,
                     corrected_on=D(2020, 9, 1), reason="không đổi gì")
    with pytest.raises(NotInScope):
        seat_correct(actor=cast.outsider, seat=binh_seat, starts_on=D(2020, 9, 1), corrected_on=D(2020, 9, 1),
                     reason="x")


def test_the_page_and_the_api(cast: Cast) -> None:
    _secretary, binh_seat, cuong = _committee(cast)
    client = Client(HTTP_ACCEPT_LANGUAGE="vi")
    client.force_login(cast.district_officer)
    url = f"/committees/seats/{binh_seat.pk}/correct/"
    assert url in client.get(f"/committees/organizations/{cast.commune_a1.pk}/").content.decode()
    response = client.post(url, {"starts_on": "01/01/2019", "corrected_on": "01/09/2020", "reason": ""})
    assert response.status_code == 400 and response.content.decode().count('class="errorlist') >= 2
    response = client.post(url, {"starts_on": "25/08/2020", "corrected_on": "01/09/2020", "reason": "Sai ngày"})
    assert response.status_code == 302 and Seat.objects.get(pk=binh_seat.pk).starts_on == D(2020, 8, 25)
    assert "Sai ngày" in client.get(url).content.decode()
    api = f"/api/v1/committees/seats/{binh_seat.pk}/corrections"
    answer = client.post(api, json.dumps({"person": str(cuong.pk), "corrected_on": "2020-09-02",
                                          "reason": "Nhập nhầm người"}), content_type="application/json")
    assert answer.status_code == 201, answer.content
    assert answer.json()["before"]["person_name"] == "Trần Thị Bình"
    assert SeatCorrection.objects.count() == 2
    outsider = Client()
    outsider.force_login(cast.outsider)
    assert outsider.get(url).status_code == 404
    assert outsider.post(api, json.dumps({"starts_on": "2020-08-26", "corrected_on": "2020-09-02", "reason": "x"}),
                         content_type="application/json").status_code == 404
