"""Who decides follows the date (issue 11 §2): an admission in a commune cell is decided by the standing committee
of the district Party committee up to 30/06/2025 (Điều lệ Đảng Điều 4 khoản 3; Quy định 24-QĐ/TW §4.3) and by
the commune Party committee from 01/07/2025 (Quy định 294-QĐ/TW: the district level gone, commune committees
directly under the province; the wording of the delegation is marked unconfirmed in the data)."""

from __future__ import annotations

import datetime as dt

from django.test import Client
from django.urls import reverse
from django.utils import translation

from core.testing_api import call
from members import due as due_module
from members import pages
from members.due import DueKind
from members.forms.admission import DossierStepForm
from members.models import EventKind
from members.ruling import Snapshot
from members.status import derive
from members.tests import factories as f
from organizations.kinds import COMMUNE_COMMITTEE, DISTRICT_STANDING

D = dt.date
BEFORE, AFTER = D(2025, 6, 30), D(2025, 7, 1)


def test_the_admission_deadline_names_the_committee_competent_on_the_day(cast):
    person = f.candidate(cast.district_officer, cast.cell_a1a, "Vi Văn Đợi", registered_on=D(2024, 9, 2),
                         course_on=D(2024, 10, 1), resolution_on=D(2025, 6, 2))
    events = list(person.events.all())
    for today, committee, regulation, confirmed in ((BEFORE, DISTRICT_STANDING, "24-QĐ/TW", True),
                                                    (AFTER, COMMUNE_COMMITTEE, "294-QĐ/TW", False)):
        items = due_module.due_items_of(person, events, on=today, rules=Snapshot())
        item = next(i for i in items if i.kind == DueKind.ADMISSION_DECISION)
        shown = pages.describe_due(item, today=today)
        assert str(shown.decided_by) == str(committee) and regulation in shown.decided_by_source
        assert shown.decided_by_confirmed is confirmed
        # The due lists read the same answer for many items at once.
        grouped = {kind: entries for kind, _label, entries in pages.grouped_due(items, today=today)}
        assert str(grouped[DueKind.ADMISSION_DECISION][0][1].decided_by) == str(committee)
    # The API says the same (the day asked).
    for day, regulation, confirmed in (("2025-06-30", "24-QĐ/TW", True), ("2025-07-01", "294-QĐ/TW", False)):
        answer = call("GET", f"/members/{person.pk}/due?on={day}", user=cast.district_officer, language="en")
        item = next(i for i in answer.json()["items"] if i["kind"] == DueKind.ADMISSION_DECISION)
        assert regulation in item["decided_by_source"] and item["decided_by_confirmed"] is confirmed
        with translation.override("en"):
            assert item["decided_by"] == str(DISTRICT_STANDING if confirmed else COMMUNE_COMMITTEE)
    # The form entering the cell's resolution names who will decide.
    form = DossierStepForm({"form": "6-KNĐ", "occurred_on": "01/07/2025"}, actor=cast.district_officer,
                           person=person, timeline=derive(events), today=AFTER)
    coming = form.coming()
    assert coming and str(coming[0].decided_by) == str(COMMUNE_COMMITTEE)


def test_a_recorded_admission_names_the_committee_of_its_date(cast, client: Client):
    actor = cast.district_officer
    introducers = f.introducers(actor, cast.cell_a1a)
    june = f.admit(actor, cast.cell_a1a, "Nông Văn Sáu", resolution_on=D(2025, 6, 2), decided_on=BEFORE,
                   ceremony_on=None, introduced_by=introducers)
    july = f.admit(actor, cast.cell_a1a, "Nông Văn Bảy", resolution_on=D(2025, 6, 2), decided_on=AFTER,
                   ceremony_on=None, introduced_by=introducers)
    for person, committee in ((june, DISTRICT_STANDING), (july, COMMUNE_COMMITTEE)):
        rows = pages.timeline_rows(list(person.events.select_related("counterpart")))
        decision = next(r for r in rows if r.event.kind == EventKind.ADMISSION_DECISION)
        assert any(value.startswith(str(committee)) for _label, value in decision.details), decision.details
    client.force_login(actor)
    html = client.get(reverse("members:detail", args=[july.pk])).content.decode()
    with translation.override("vi"):  # the page's language
        assert str(COMMUNE_COMMITTEE) in html and str(DISTRICT_STANDING) not in html
