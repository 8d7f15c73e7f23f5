"""The contest page (issue 9): a result entered with a contest named on the same form (both in one transaction),
every fault of both at once with nothing written, a result for a recorded contest, an organization outside
scope refused, 404 for a user who keeps no honours records."""

from __future__ import annotations

from django.test import Client

from core.models import ChangeRecord
from core.testing import Cast
from honours.models import Contest, ContestResult, Prize


def test_a_contest_and_its_result_entered_on_one_page(cast: Cast) -> None:
    client = Client(HTTP_ACCEPT_LANGUAGE="vi")
    client.force_login(cast.district_officer)
    assert "/honours/contests/new/" in client.get("/honours/book/").content.decode()
    url = "/honours/contests/new/"
    response = client.post(url, {"name": "Bắc Kạn học tập và làm theo Bác", "organizer_name": "", "year": "2020",
                                 "organization": cast.district_a.pk, "prize": Prize.FIRST,
                                 "awarded_on": "01/06/2019"})
    text = response.content.decode()
    assert response.status_code == 200 and text.count('class="errorlist') >= 2, text
    assert not Contest.objects.exists() and not ContestResult.objects.exists()
    response = client.post(url, {"name": "Bắc Kạn học tập và làm theo Bác", "organizer_name": "Tỉnh ủy Bắc Kạn",
                                 "year": "2020", "organization": cast.district_a.pk, "prize": Prize.FIRST,
                                 "awarded_on": "01/06/2020"})
    assert response.status_code == 302
    contest = Contest.objects.get()
    result = ContestResult.objects.get()
    assert (result.contest, result.organization, result.prize) == (contest, cast.district_a, Prize.FIRST)
    assert ChangeRecord.objects.filter(content_type__model__in=["contest", "contestresult"]).count() == 2
    response = client.post(url, {"contest": contest.pk, "organization": cast.commune_a1.pk,
                                 "participant": "Nông Thị Hoa", "prize": Prize.THIRD, "awarded_on": "01/06/2020"})
    assert response.status_code == 302 and ContestResult.objects.count() == 2
    assert "Nông Thị Hoa" in client.get("/honours/book/").content.decode()
    response = client.post(url, {"contest": contest.pk, "organization": cast.commune_b1.pk, "prize": Prize.THIRD,
                                 "awarded_on": "01/06/2020"})
    assert response.status_code == 200 and ContestResult.objects.count() == 2
    member = Client()
    member.force_login(cast.member)  # keeps no honours records anywhere
    assert member.get(url).status_code == 404
