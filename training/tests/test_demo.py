"""The demo's Na Rì 2020 classes, commendations, honour book and contest, and Na Tông's oversight, as counted by
the figures API; loading again changes nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from accounts.models import User
from honours import demo as honours_demo
from honours.models import Commendation, HonourEntry
from organizations.models import Organization
from oversight import demo as oversight_demo
from oversight.figures import oversight_figures
from oversight.models import Assignment
from training import demo as training_demo
from training.models import Learner, TrainingClass

pytestmark = pytest.mark.django_db


def test_demo_na_ri_2020_figures_and_na_tong_oversight(demo_loaded: None) -> None:
    admin = User.objects.get(username="admin")
    counts = (TrainingClass.objects.count(), Learner.objects.count(), Commendation.objects.count(),
              HonourEntry.objects.count(), Assignment.objects.count())
    training_demo.load(admin)
    honours_demo.load(admin)
    oversight_demo.load(admin)
    assert counts == (TrainingClass.objects.count(), Learner.objects.count(), Commendation.objects.count(),
                      HonourEntry.objects.count(), Assignment.objects.count())

    na_ri = Organization.objects.get(code="BK-NR")
    client = Client()
    client.force_login(admin)
    response = client.get(f"/api/v1/organizations/{na_ri.pk}/figures?from=2020-01-01&to=2020-12-31")
    assert response.status_code == 200
    figures = response.json()["figures"]
    training, honours = figures["training"], figures["honours"]
    assert training["learners_professional"] == 40  # 01 lớp cán bộ Mặt trận, 40 học viên
    assert (training["classes_awareness"], training["learners_awareness"]) == (3, 158)
    assert training["learners_tagged_tan_binh_nhap_ngu_2020"] == 39
    assert (training["classes_new_member"], training["learners_new_member"]) == (3, 140)
    assert training["classes_civil_servant"] == 1  # K63, opened in 2020
    assert training["classes_closed"] == 9  # K56 (opened 2019) closed in 2020 with the eight others
    assert honours["commendations_hcm_study_collective"] == 18
    assert honours["commendations_hcm_study_individual"] == 37
    assert (honours["honour_book_collective"], honours["honour_book_individual"]) == (4, 17)
    assert honours["contest_prizes_first"] == 1

    page = client.get(f"/figures/{na_ri.pk}/", {"from": "01/01/2020", "to": "31/12/2020", "as_of": "31/12/2020"},
                      HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    assert "Học viên: bồi dưỡng nhận thức về Đảng" in page and ">158<" in page.replace(" ", "")

    na_tong = Organization.objects.get(code="DB-DBH-NT")
    coverage = oversight_figures(na_tong, as_of=dt.date(2016, 12, 31))
    assert coverage["cells"] == 16
    assert coverage["cells_overseen"] == 16 and coverage["cells_without_overseer"] == 0
    page = client.get(f"/oversight/organizations/{na_tong.pk}/", {"on": "31/12/2016"}).content.decode()
    assert page.count('href="/organizations/') >= 17 and 'id="uncovered"' in page
    overseer = Assignment.objects.filter(committee_of=na_tong).first()
    assert overseer is not None
    assert overseer.organization.name in client.get(f"/members/{overseer.person_id}/").content.decode()
