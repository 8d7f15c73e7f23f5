"""The oversight page and form: assigning through the page (a refusal shown beside the field, nothing written),
the cell's page and the member's page showing the assignment, cells nobody oversees, 404 outside scope."""

from __future__ import annotations

import datetime as dt

from django.test import Client

from committees.models import SeatKind
from committees.services import CongressInput, SeatInput, term_open_by_congress
from core.models import ChangeRecord
from core.testing import Cast
from members.tests.factories import member
from oversight.models import Assignment
from oversight.services import assignments_create

D = dt.date


def test_assigning_through_the_page(cast: Cast) -> None:
    actor = cast.root_admin
    an = member(actor, cast.cell_a1a, "Nguyễn Văn An", birth_date=D(1975, 1, 1))
    other = member(actor, cast.cell_a1b, "Lê Văn Cường", birth_date=D(1982, 3, 3))
    term_open_by_congress(actor=actor, organization=cast.commune_a1,
                          congress=CongressInput(ordinal=3, opened_on=D(2020, 8, 19), closed_on=D(2020, 8, 20)),
                          seats=[SeatInput(an, SeatKind.EXECUTIVE), SeatInput(an, SeatKind.SECRETARY)])
    client = Client(HTTP_ACCEPT_LANGUAGE="vi")
    client.force_login(cast.district_officer)
    url = f"/oversight/organizations/{cast.commune_a1.pk}/assign/"
    form = client.get(url).content.decode()
    assert "Nguyễn Văn An" in form
    response = client.post(url, {"person": an.pk, "organizations": [cast.cell_a1a.pk], "starts_on": "01/08/2020"})
    assert response.status_code == 200 and "không phải là cấp ủy viên" in response.content.decode()
    assert not Assignment.objects.exists()
    response = client.post(url, {"person": an.pk, "organizations": [cast.cell_a1a.pk], "starts_on": "01/09/2020"})
    assert response.status_code == 302
    coverage = client.get(f"/oversight/organizations/{cast.commune_a1.pk}/").content.decode()
    assert "Nguyễn Văn An" in coverage and cast.cell_a1b.name in coverage.split('id="uncovered"')[1]
    assert "Nguyễn Văn An" in client.get(f"/organizations/{cast.cell_a1a.pk}/").content.decode()
    assert cast.cell_a1a.name in client.get(f"/members/{an.pk}/").content.decode()
    assert other.pk
    outsider = Client()
    outsider.force_login(cast.outsider)
    assert outsider.get(f"/oversight/organizations/{cast.commune_a1.pk}/").status_code == 404
    assert outsider.get(url).status_code == 404


def test_ending_an_assignment_through_the_page(cast: Cast) -> None:
    actor = cast.root_admin
    an = member(actor, cast.cell_a1a, "Nguyễn Văn An", birth_date=D(1975, 1, 1))
    term_open_by_congress(actor=actor, organization=cast.commune_a1,
                          congress=CongressInput(ordinal=3, opened_on=D(2020, 8, 19), closed_on=D(2020, 8, 20)),
                          seats=[SeatInput(an, SeatKind.EXECUTIVE)])
    (assignment,) = assignments_create(actor=actor, person=an, organizations=[cast.cell_a1a],
                                       starts_on=D(2020, 9, 1))
    client = Client(HTTP_ACCEPT_LANGUAGE="vi")
    client.force_login(cast.district_officer)
    url = f"/oversight/assignments/{assignment.pk}/end/"
    assert url in client.get(f"/oversight/organizations/{cast.commune_a1.pk}/").content.decode()
    response = client.post(url, {"ended_on": "01/09/2020"})
    assert response.status_code == 200 and "errorlist" in response.content.decode()
    assert Assignment.objects.get().ended_on is None
    response = client.post(url, {"ended_on": "01/01/2021", "reason": "Chuyển công tác"})
    assert response.status_code == 302
    assert Assignment.objects.get().ended_on == D(2021, 1, 1)
    assert ChangeRecord.objects.filter(content_type__model="assignment", action="update").get().reason
    coverage = client.get(f"/oversight/organizations/{cast.commune_a1.pk}/?on=02/01/2021").content.decode()
    assert cast.cell_a1a.name in coverage.split('id="uncovered"')[1]
    outsider = Client()
    outsider.force_login(cast.outsider)
    assert outsider.get(url).status_code == 404
