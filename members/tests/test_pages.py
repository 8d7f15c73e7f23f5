"""Member pages: who may open what, filters and search, pinned query counts, and every event form's happy path
and refusal (shown beside its field, nothing written)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from core.models import ChangeRecord
from core.testing import Cast, establish
from members import services
from members.consequences import GRAVE_SLUGS
from members.models import Ethnicity, EventKind, MemberEvent, Person, Status
from members.party_age import next_presentation_day
from members.tests import factories as f
from rules.calendar import add_working_days

pytestmark = pytest.mark.django_db

D = dt.date


def client_for(user: Any) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="vi")
    if user is not None:
        client.force_login(user)
    return client


def counts() -> tuple[int, int, int]:
    return Person.objects.count(), MemberEvent.objects.count(), ChangeRecord.objects.count()


def html_of(response: Any) -> str:
    return response.content.decode()


def vi(message: Any) -> str:
    """A message as a Vietnamese user reads it."""
    with translation.override("vi"):
        return gettext(str(message)) if isinstance(message, str) else str(message)


def fmt(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


# ----------------------------------------------------------------------------- people in each state


def actor_of(cast: Cast) -> Any:
    return cast.district_officer


def fresh(cast: Cast) -> Person:
    return f.person(actor_of(cast), cast.cell_a1a, "Nguyễn Văn Đức", birth_date=D(1995, 4, 2))


def candidate(cast: Cast, *, course: bool = True) -> Person:
    return f.candidate(actor_of(cast), cast.cell_a1a, "Nguyễn Văn Đức", birth_date=D(1995, 4, 2),
                       registered_on=D(2022, 1, 10), course_on=D(2022, 3, 1) if course else None)


def candidate_without_course(cast: Cast) -> Person:
    return candidate(cast, course=False)


def resolved(cast: Cast) -> Person:
    person = candidate(cast)
    services.dossier_step_record(actor=actor_of(cast), person=person, form="6-KNĐ", occurred_on=D(2023, 3, 1))
    return person


def decided(cast: Cast) -> Person:
    return f.admit(actor_of(cast), cast.cell_a1a, "Nguyễn Văn Đức", resolution_on=D(2023, 3, 1),
                   decided_on=D(2023, 4, 3), ceremony_on=None, birth_date=D(1995, 4, 2))


def probationary(cast: Cast) -> Person:
    return f.admit(actor_of(cast), cast.cell_a1a, "Nguyễn Văn Đức", resolution_on=D(2023, 3, 1),
                   decided_on=D(2023, 4, 3), ceremony_on=D(2023, 4, 20), birth_date=D(1995, 4, 2))


def official(cast: Cast) -> Person:
    return f.member(actor_of(cast), cast.cell_a1a, "Lý Thị Mai", admitted_on=D(2010, 3, 1))


def away(cast: Cast) -> Person:
    person = official(cast)
    services.member_transfer_out(actor=actor_of(cast), person=person, temporary=True, occurred_on=D(2024, 1, 8),
                                 letter=f.letter(), destination=cast.cell_a1b, purpose="study", until=D(2025, 1, 8))
    return person


def transferred(cast: Cast) -> Person:
    person = official(cast)
    services.member_transfer_out(actor=actor_of(cast), person=person, temporary=False, occurred_on=D(2024, 5, 2),
                                 letter=f.letter(), destination=cast.cell_a1b)
    return person


def exempted(cast: Cast) -> Person:
    person = official(cast)
    services.exemption_start(actor=actor_of(cast), person=person, occurred_on=D(2024, 6, 3), reason="Tuổi cao")
    return person


def struck(cast: Cast) -> Person:
    person = official(cast)
    services.member_strike_off(actor=actor_of(cast), person=person, decision=f.decision(D(2019, 6, 3)),
                               ground="standards_two_years")
    return person


def introducers(cast: Cast) -> list[Person]:
    return [f.member(actor_of(cast), cast.cell_a1a, name, admitted_on=D(2005, 3, 1))
            for name in ("Hoàng Văn Giới", "Lục Thị Thiệu")]


DECISION = {"decision_number": "125-QĐ/HU", "decision_date": "06/05/2024", "decision_issuer": "Huyện ủy An Bình"}
FUTURE = "01/01/2099"


# ----------------------------------------------------------------------------- scope matrix


@dataclass
class World:
    person: Person
    other: Person  # in cell A1b: outside the cell secretary's scope


@pytest.fixture
def world(cast: Cast) -> World:
    person = probationary(cast)
    other = f.member(actor_of(cast), cast.cell_a1b, "Đinh Văn Khác", admitted_on=D(2012, 3, 1))
    return World(person, other)


def person_urls(person: Person) -> list[str]:
    urls = [reverse("members:detail", args=[person.pk]), reverse("members:edit", args=[person.pk])]
    urls += [reverse("members:event", args=[person.pk, slug]) for slug in (
        "register", "course", "dossier", "decide", "ceremony", "recognise", "not-recognised", "transfer-out",
        "transfer-in", "return", "exemption-start", "exemption-end", "strike-off", "expel", "leave", "death",
        "readmit")]
    ceremony = MemberEvent.objects.get(person=person, kind=EventKind.ADMISSION_CEREMONY)
    urls.append(reverse("members:correct", args=[person.pk, ceremony.pk]))
    return urls


def test_every_member_page_and_form_is_200_in_scope_404_outside_302_anonymous(cast: Cast, world: World) -> None:
    secretary, district, outsider = (client_for(u) for u in (cast.cell_secretary, cast.district_officer,
                                                             cast.outsider))
    nobody, anonymous = client_for(cast.member), client_for(None)
    for url in person_urls(world.person):
        assert secretary.get(url).status_code == 200, url
        assert district.get(url).status_code == 200, url
        assert outsider.get(url).status_code == 404, url
        assert nobody.get(url).status_code == 404, url
        response = anonymous.get(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("login")), url
    # The secretary's scope is cell A1a: cell A1b's files are not there, neither to read nor to change.
    for url in (reverse("members:detail", args=[world.other.pk]), reverse("members:edit", args=[world.other.pk]),
                reverse("members:event", args=[world.other.pk, "death"])):
        assert secretary.get(url).status_code == 404, url
        assert district.get(url).status_code == 200, url


def test_forms_refuse_a_post_out_of_scope_and_write_nothing(cast: Cast, world: World) -> None:
    before = counts()
    url = reverse("members:event", args=[world.person.pk, "death"])
    assert client_for(cast.outsider).post(url, {"died_on": "01/08/2024"}).status_code == 404
    assert client_for(cast.member).post(url, {"died_on": "01/08/2024"}).status_code == 404
    assert client_for(None).post(url, {"died_on": "01/08/2024"}).status_code == 302
    assert client_for(cast.cell_secretary).post(
        reverse("members:event", args=[world.other.pk, "death"]), {"died_on": "01/08/2024"}).status_code == 404
    assert counts() == before


def test_a_viewer_without_the_change_permission_sees_the_file_but_no_form(cast: Cast, world: World) -> None:
    from accounts.models import RoleKind
    from accounts.services import role_grant, user_create

    viewer = user_create(actor=cast.root_admin, username="viewer", password="viewer-pass-123", full_name="viewer")
    role_grant(actor=cast.root_admin, user=viewer, kind=RoleKind.objects.get(code="viewer"),
               organization=cast.district_a)
    client = client_for(viewer)
    page = client.get(reverse("members:detail", args=[world.person.pk]))
    assert page.status_code == 200 and not page.context["can_change"] and page.context["actions"] == []
    assert reverse("members:event", args=[world.person.pk, "recognise"]) not in html_of(page)
    assert client.get(reverse("members:event", args=[world.person.pk, "recognise"])).status_code == 404
    assert client.get(reverse("members:create")).status_code == 404


@pytest.mark.parametrize("name", ["members:list", "members:pipeline", "members:due", "members:create"])
def test_list_pages_need_sign_in_and_show_only_the_scope(cast: Cast, world: World, name: str) -> None:
    url = reverse(name)
    anonymous = client_for(None).get(url)
    assert anonymous.status_code == 302 and anonymous["Location"].startswith(reverse("login"))
    mine = client_for(cast.district_officer).get(url)
    assert mine.status_code == 200
    if name != "members:create":
        assert "Nguyễn Văn Đức" in html_of(mine)
        theirs = client_for(cast.outsider).get(url)
        assert theirs.status_code == 200
        assert "Nguyễn Văn Đức" not in html_of(theirs) and "Đinh Văn Khác" not in html_of(theirs)
    else:
        assert client_for(cast.member).get(url).status_code == 404  # no cell to open a file in
    # Asking for an organization outside the scope is a 404, as for any object.
    assert client_for(cast.outsider).get(url, {"organization": cast.district_a.pk}).status_code == 404


# ----------------------------------------------------------------------------- the list: filters, search, order


@pytest.fixture
def crowd(cast: Cast) -> dict[str, Person]:
    actor = actor_of(cast)
    tay = Ethnicity.objects.get(code="02")
    people = {
        "An": f.person(actor, cast.cell_a1a, "Trần Văn An", birth_date=D(2000, 1, 5), citizen_id="001200000001"),
        "Bích": f.member(actor, cast.cell_a1a, "Nguyễn Thị Bích", birth_date=D(1960, 2, 3), gender="female",
                         admitted_on=D(1990, 3, 1), ethnicity=tay),
        "Dũng": f.member(actor, cast.cell_a1b, "Phạm Văn Dũng", birth_date=D(1985, 6, 7), admitted_on=D(2012, 3, 1),
                         party_card_number="24012345"),
        "Đức": f.candidate(actor, cast.cell_a1a, "Lê Văn Đức", birth_date=D(1995, 4, 2)),
    }
    for person in people.values():
        person.refresh_from_db()
    return people


def listed(cast: Cast, **params: Any) -> list[str]:
    response = client_for(cast.district_officer).get(reverse("members:list"), params)
    assert response.status_code == 200, response
    return [person.full_name for person, _age, _party_age in response.context["rows"]]


def test_list_is_in_vietnamese_order(cast: Cast, crowd: dict[str, Person]) -> None:
    assert listed(cast) == ["Trần Văn An", "Nguyễn Thị Bích", "Phạm Văn Dũng", "Lê Văn Đức"]


def test_filters_narrow_the_list(cast: Cast, crowd: dict[str, Person]) -> None:
    assert listed(cast, status="candidate") == ["Lê Văn Đức"]
    assert listed(cast, status="members") == ["Nguyễn Thị Bích", "Phạm Văn Dũng"]
    assert listed(cast, status="none") == ["Trần Văn An"]
    assert listed(cast, gender="female") == ["Nguyễn Thị Bích"]
    assert listed(cast, ethnicity="02") == ["Nguyễn Thị Bích"]
    assert listed(cast, organization=cast.cell_a1b.pk) == ["Phạm Văn Dũng"]
    assert listed(cast, organization=cast.commune_a1.pk, status="official") == ["Nguyễn Thị Bích", "Phạm Văn Dũng"]
    assert listed(cast, age_band="under_30") == ["Trần Văn An"]
    assert listed(cast, age_band="30_45") == ["Phạm Văn Dũng", "Lê Văn Đức"]
    assert listed(cast, age_band="over_60") == ["Nguyễn Thị Bích"]
    assert listed(cast, party_age_band="30_39") == ["Nguyễn Thị Bích"]
    assert listed(cast, party_age_band="10_29") == ["Phạm Văn Dũng"]
    assert listed(cast, party_age_band="under_10") == []


def test_age_band_edges_follow_the_birthday(cast: Cast) -> None:
    today = timezone.localdate()
    thirty_today = D(today.year - 30, today.month, min(today.day, 28))
    f.person(actor_of(cast), cast.cell_a1a, "Vi Văn Tròn", birth_date=thirty_today)
    f.person(actor_of(cast), cast.cell_a1a, "Vi Văn Thiếu", birth_date=thirty_today + dt.timedelta(days=1)
             if thirty_today.day < 28 else thirty_today + dt.timedelta(days=5))
    assert listed(cast, age_band="30_45") == ["Vi Văn Tròn"]
    assert listed(cast, age_band="under_30") == ["Vi Văn Thiếu"]


def test_party_age_band_leaves_out_the_years_outside_the_party(cast: Cast) -> None:
    actor = actor_of(cast)
    returned = f.member(actor, cast.cell_a1a, "Hà Văn Về", admitted_on=D(1980, 3, 1), birth_date=D(1955, 1, 1))
    services.member_strike_off(actor=actor, person=returned, decision=f.decision(D(2012, 6, 1)),
                               ground="standards_two_years")
    services.member_readmit(actor=actor, person=returned, decision=f.decision(D(2022, 3, 1)),
                            consent=f.decision(D(2022, 2, 20), "Ban Thường vụ Tỉnh ủy"),
                            cell_resolution_on=D(2022, 2, 15))
    # Probation again: no Party age until recognised (issue 11), then counted from the first decision.
    services.admission_ceremony_record(actor=actor, person=returned, held_on=D(2022, 3, 20))
    services.recognition_record(actor=actor, person=returned, decision=f.decision(D(2023, 3, 25)))
    # 32 years before the strike-off plus the years since re-admission: in the thirties, although the first
    # decision was more than 40 years ago.
    assert listed(cast, party_age_band="30_39") == ["Hà Văn Về"]
    assert listed(cast, party_age_band="40_49") == []
    response = client_for(actor).get(reverse("members:list"), {"party_age_band": "30_39"})
    (_person, _age, age), = response.context["rows"]
    assert 30 <= age.years < 40 and age.first_decision_on == D(1980, 3, 1)


@pytest.mark.parametrize(("typed", "expected"), [
    ("le van duc", ["Lê Văn Đức"]), ("ĐỨC", ["Lê Văn Đức"]), ("nguyen", ["Nguyễn Thị Bích"]),
    ("24012345", ["Phạm Văn Dũng"]), ("001200000001", ["Trần Văn An"]), ("khong co ai", []),
])
def test_search_ignores_diacritics_and_finds_card_and_citizen_id(cast: Cast, crowd: dict[str, Person], typed: str,
                                                                 expected: list[str]) -> None:
    assert listed(cast, q=typed) == expected


def test_search_combines_with_the_filters(cast: Cast, crowd: dict[str, Person]) -> None:
    assert listed(cast, q="van", status="members") == ["Phạm Văn Dũng"]
    assert listed(cast, q="van", organization=cast.cell_a1a.pk) == ["Trần Văn An", "Lê Văn Đức"]


def test_list_shows_counts_party_age_and_the_export_link_with_the_same_filters(cast: Cast,
                                                                               crowd: dict[str, Person]) -> None:
    response = client_for(cast.district_officer).get(reverse("members:list"), {"status": "members", "page": "1"})
    html = html_of(response)
    assert [(value, n) for value, _label, n in response.context["counts"]] == [("official", 2)]
    assert response.context["page"].count == 2 and not response.context["page"].over
    assert 'href="/imports/members/export.xlsx?status=members"' in html
    bich = {p.full_name: age for p, _a, age in response.context["rows"]}["Nguyễn Thị Bích"]
    assert bich.first_decision_on == D(1990, 3, 1) and bich.years >= 36


def test_list_htmx_request_returns_only_the_results(cast: Cast, crowd: dict[str, Person]) -> None:
    response = client_for(cast.district_officer).get(reverse("members:list"), {"q": "duc"}, HTTP_HX_REQUEST="true")
    html = html_of(response)
    assert html.lstrip().startswith('<section class="card" id="member-results"')
    assert "Lê Văn Đức" in html and "<html" not in html


def test_list_pages_fifty_at_a_time(cast: Cast) -> None:
    actor = actor_of(cast)
    for i in range(55):
        f.person(actor, cast.cell_a1a, f"Nông Văn Số{i:02d}")
    first = client_for(actor).get(reverse("members:list"))
    assert len(first.context["rows"]) == 50 and first.context["page"].count == 55
    second = client_for(actor).get(reverse("members:list"), {"after": first.context["page"].next_cursor})
    assert len(second.context["rows"]) == 5 and second.context["page"].next_cursor is None


def _make_members(cast: Cast, n: int) -> None:
    actor = actor_of(cast)
    for i in range(n):
        if i % 3 == 0:
            f.member(actor, cast.cell_a1a, f"Lò Văn Người{i:02d}", admitted_on=D(2000 + i % 20, 3, 1))
        elif i % 3 == 1:
            f.candidate(actor, cast.cell_a1b, f"Lò Thị Người{i:02d}")
        else:
            f.person(actor, cast.cell_a1a, f"Lò Văn Mới{i:02d}")


@pytest.mark.parametrize("params", [{}, {"status": "members", "party_age_band": "10_29"},
                                    {"q": "lo van", "age_band": "30_45", "organization": "ORG"}])
def test_list_query_count_does_not_grow_with_the_members(
    cast: Cast, django_assert_max_num_queries: Callable[..., Any], params: dict[str, Any]
) -> None:
    client = client_for(cast.district_officer)
    params = {k: (cast.commune_a1.pk if v == "ORG" else v) for k, v in params.items()}
    used = []
    for n in (5, 40):
        _make_members(cast, n - (5 if n == 40 else 0))
        with django_assert_max_num_queries(16), CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("members:list"), params)
        assert response.status_code == 200
        used.append(len(queries))
    assert used[0] == used[1]


# ----------------------------------------------------------------------------- member page


def test_member_page_shows_file_status_timeline_due_and_change_log(cast: Cast) -> None:
    person = decided(cast)
    decision = MemberEvent.objects.get(person=person, kind=EventKind.ADMISSION_DECISION)
    course = MemberEvent.objects.get(person=person, kind=EventKind.AWARENESS_COURSE)
    services.event_correct(actor=actor_of(cast), event=course, occurred_on=D(2022, 9, 5), reason="Nhầm ngày")
    response = client_for(cast.cell_secretary).get(reverse("members:detail", args=[person.pk]))
    html = html_of(response)
    assert response.status_code == 200
    assert 'id="person-status"' in html and vi(Status.PROBATIONARY.label).capitalize() in html
    assert decision.decision_number in html and "Hoàng Văn Giới" in html  # the introducers
    # The corrected event stays, struck through, with what replaced it.
    superseded = [row for row in response.context["rows"] if row.superseded_by is not None]
    assert [row.event.pk for row in superseded] == [course.pk]
    assert f"<del>{fmt(course.occurred_on)}</del>" in html and "Nhầm ngày" in html
    # The ceremony is due (30 working days after the decision), overdue by now.
    (deadline,) = response.context["deadlines"]
    assert deadline.date == add_working_days(D(2023, 4, 3), 30) and deadline.overdue
    assert fmt(deadline.date) in html and "QĐ/TW" in deadline.citation
    assert response.context["party_age"] is None  # probationary: no Party age until recognised (issue 11)
    assert 'id="change-log"' in html
    assert reverse("members:event", args=[person.pk, "ceremony"]) in html
    assert reverse("members:event", args=[person.pk, "recognise"]) not in html  # no ceremony yet
    assert reverse("members:correct", args=[person.pk, course.pk]) not in html  # already corrected


def test_member_page_shows_the_badge_due_at_the_next_presentation(cast: Cast) -> None:
    presentation = next_presentation_day(timezone.localdate())
    admitted = presentation.replace(year=presentation.year - 30) - dt.timedelta(days=5)  # 30 years just before it
    person = f.member(actor_of(cast), cast.cell_a1a, "Hà Thị Huy", admitted_on=admitted)
    response = client_for(cast.district_officer).get(reverse("members:detail", args=[person.pk]))
    badge = response.context["badge"]
    assert badge.presentation_on == presentation and badge.due_years == 30 and badge.next_years == 40
    assert badge.next_reached_on == admitted.replace(year=admitted.year + 40)
    assert fmt(presentation) in html_of(response)
    younger = f.member(actor_of(cast), cast.cell_a1a, "Hà Thị Trẻ", admitted_on=D(2010, 3, 1))
    badge = client_for(cast.district_officer).get(reverse("members:detail", args=[younger.pk])).context["badge"]
    assert badge.due_years is None and badge.next_years == 30 and badge.next_reached_on == D(2040, 3, 1)


def test_member_page_query_count_does_not_grow_with_the_log(cast: Cast,
                                                            django_assert_max_num_queries: Callable[..., Any]) -> None:
    person = official(cast)
    for year in range(2014, 2024, 2):
        services.exemption_start(actor=actor_of(cast), person=person, occurred_on=D(year, 3, 2), reason="Ốm")
        services.exemption_end(actor=actor_of(cast), person=person, occurred_on=D(year + 1, 3, 2))
    client = client_for(cast.district_officer)
    with django_assert_max_num_queries(20):
        response = client.get(reverse("members:detail", args=[person.pk]))
    assert len(response.context["rows"]) == 14  # 3 admission rows, the registration on the cell's first day, 10


# ----------------------------------------------------------------------------- pipeline and due lists


def test_pipeline_board_has_a_column_per_stage_and_counts_per_cell(cast: Cast) -> None:
    actor = actor_of(cast)
    today = timezone.localdate()
    f.candidate(actor, cast.cell_a1a, "Ma Văn Một", course_on=None)
    f.candidate(actor, cast.cell_a1a, "Ma Văn Hai")
    dossier = f.candidate(actor, cast.cell_a1b, "Ma Văn Ba")
    services.dossier_step_record(actor=actor, person=dossier, form="1-KNĐ", occurred_on=D(2023, 5, 2))
    f.candidate(actor, cast.cell_a1b, "Ma Văn Bốn", resolution_on=D(2023, 6, 1))
    decided(cast)
    f.admit(actor, cast.cell_a1b, "Ma Thị Sáu", resolution_on=D(2024, 3, 1), decided_on=D(2024, 4, 1),
            ceremony_on=D(2024, 4, 20))
    recognised = f.admit(actor, cast.cell_a1a, "Ma Thị Bảy", resolution_on=D(today.year - 1, 1, 5),
                         decided_on=D(today.year - 1, 2, 2), ceremony_on=D(today.year - 1, 2, 20))
    services.recognition_record(actor=actor, person=recognised, decision=f.decision(D(today.year, 2, 25)))
    official(cast)  # an official member recognised long ago: not on the board

    response = client_for(cast.district_officer).get(reverse("members:pipeline"))
    board = response.context["board"]
    names = {column.stage: [card.name for card in column.cards] for column in board.columns}
    assert names == {
        "registered": ["Ma Văn Một"], "course_done": ["Ma Văn Hai"], "dossier": ["Ma Văn Ba"],
        "decision_pending": ["Ma Văn Bốn"], "ceremony_pending": ["Nguyễn Văn Đức"], "probationary": ["Ma Thị Sáu"],
        "recognised": ["Ma Thị Bảy"],
    }
    assert board.totals == [1, 1, 1, 1, 1, 1, 1]
    cells = {name: counts for name, _pk, counts, _total in board.cells}
    assert cells["Chi bộ thôn Nà Rì"] == [1, 1, 0, 0, 1, 0, 1]
    assert cells["Chi bộ thôn Khuổi Hỏm"] == [0, 0, 1, 1, 0, 1, 0]
    bon = next(c for c in board.columns[3].cards)
    assert bon.days_waiting == (today - D(2023, 6, 1)).days and bon.overdue
    html = html_of(response)
    assert "Ma Văn Bốn" in html and 'data-stage="decision_pending"' in html
    # One cell only, and the secretary sees only their cell.
    one = client_for(cast.district_officer).get(reverse("members:pipeline"), {"organization": cast.cell_a1b.pk})
    assert one.context["board"].total == 3
    assert client_for(cast.cell_secretary).get(reverse("members:pipeline")).context["board"].total == 4


def test_pipeline_query_count_does_not_grow(cast: Cast, django_assert_max_num_queries: Callable[..., Any]) -> None:
    for i in range(12):
        f.candidate(actor_of(cast), cast.cell_a1a, f"Ma Văn Số{i}", resolution_on=D(2024, 3, 1) if i % 2 else None)
    client = client_for(cast.district_officer)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("members:pipeline"))
    assert response.context["board"].total == 12


def test_due_page_groups_by_kind_with_deadlines_and_badges(cast: Cast) -> None:
    actor = actor_of(cast)
    today = timezone.localdate()
    f.candidate(actor, cast.cell_a1a, "Ma Văn Chờ", resolution_on=D(2024, 3, 1))
    decided(cast)
    presentation = next_presentation_day(today)
    f.member(actor, cast.cell_a1b, "Hà Thị Huy",
             admitted_on=presentation.replace(year=presentation.year - 30) - dt.timedelta(days=5))
    response = client_for(cast.district_officer).get(reverse("members:due"))
    assert response.context["organization"] == cast.district_a
    groups = {kind: [(item.person_name, d.date) for item, d, _cell in entries]
              for kind, _label, entries in response.context["groups"]}
    assert groups["admission_decision"] == [("Ma Văn Chờ", add_working_days(D(2024, 3, 1), 60))]
    assert groups["admission_ceremony"] == [("Nguyễn Văn Đức", add_working_days(D(2023, 4, 3), 30))]
    assert response.context["overdue"] == 2
    html = html_of(response)
    assert fmt(add_working_days(D(2024, 3, 1), 60)) in html and "Chi bộ thôn Nà Rì" in html
    badges = [(b.full_name, b.badge_years) for b, _cell in response.context["badges"]]
    assert badges == [("Hà Thị Huy", 30)]
    # The cell secretary's default organization is the cell; district A's is refused.
    secretary = client_for(cast.cell_secretary)
    assert secretary.get(reverse("members:due")).context["organization"] == cast.cell_a1a
    assert secretary.get(reverse("members:due"), {"organization": cast.district_a.pk}).status_code == 404


def test_receiving_board_sees_the_letter_and_records_the_transfer_in(cast: Cast) -> None:
    cell_b = establish(cast.root_admin, "T-B-1-a", "Chi bộ thôn Bản Mới", "cell", cast.commune_b1)
    person = official(cast)
    # The province board sees both districts' cells (a district board names only the cells it sees).
    services.member_transfer_out(actor=cast.province_officer, person=person, temporary=False, occurred_on=D(2024, 5, 2),
                                 letter=f.letter(), destination=cell_b)
    outsider = client_for(cast.outsider)
    assert outsider.get(reverse("members:detail", args=[person.pk])).status_code == 404  # still the sender's file
    due = outsider.get(reverse("members:due"))
    assert [p.pk for p in due.context["awaiting"]] == [person.pk]
    url = reverse("members:event", args=[person.pk, "transfer-in"])
    assert url in html_of(due)
    page = outsider.get(url)
    assert page.status_code == 200 and page.context["form"]["organization"].initial == cell_b.pk
    response = outsider.post(url, {"transfer_kind": "official", "organization": cell_b.pk,
                                   "occurred_on": "10/05/2024", "reason": "Chuyển đến"})
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.organization == cell_b and person.status == Status.OFFICIAL
    assert outsider.get(reverse("members:detail", args=[person.pk])).status_code == 200


# ----------------------------------------------------------------------------- every form: happy path and refusal


@dataclass
class Case:
    slug: str
    setup: Callable[[Cast], Person]
    good: dict[str, Any]
    kind: str
    bad: dict[str, Any]
    bad_field: str
    status: str | None = None  # status after the good post
    in_message: str = ""  # a part of the refusal, e.g. the citation
    user: str = "cell_secretary"  # transfers between cells are recorded by the board above, who sees both


CASES = [
    Case("register", fresh, {"registered_on": "10/01/2022"}, EventKind.CANDIDATE_REGISTERED,
         {"registered_on": FUTURE}, "registered_on", Status.CANDIDATE),
    Case("course", candidate_without_course, {"completed_on": "01/03/2022", "certificate_number": "CN-5"},
         EventKind.AWARENESS_COURSE, {"completed_on": FUTURE}, "completed_on"),
    Case("dossier", candidate, {"form": "6-KNĐ", "occurred_on": "01/03/2023"}, EventKind.DOSSIER_STEP,
         {"form": "6-KNĐ", "occurred_on": "01/03/2023", "decision_number": "abc", "decision_date": "01/03/2023"},
         "decision_number", in_message="abc"),
    Case("decide", resolved, {"decision_number": "125-QĐ/HU", "decision_date": "03/04/2023",
                              "introducer_1": "I1", "since_1": "01/01/2020", "introducer_2": "I2",
                              "since_2": "01/01/2020"}, EventKind.ADMISSION_DECISION,
         {"decision_number": "125-QĐ/HU", "decision_date": "03/04/2023", "introducer_1": "I1",
          "since_1": "01/01/2020"}, "introducer_1", Status.PROBATIONARY, in_message="QĐ/TW"),
    Case("ceremony", decided, {"held_on": "20/04/2023"}, EventKind.ADMISSION_CEREMONY, {"held_on": "01/04/2023"},
         "held_on", Status.PROBATIONARY, in_message="QĐ/TW"),
    Case("recognise", probationary, DECISION, EventKind.RECOGNITION, {**DECISION, "decision_date": "01/03/2024"},
         "decision_date", Status.OFFICIAL, in_message="20/04/2024"),
    Case("not-recognised", probationary, {**DECISION, "reason": "Không đủ tư cách"}, EventKind.NOT_RECOGNISED,
         {**DECISION, "decision_date": FUTURE, "reason": "Không đủ tư cách"}, "decision_date", Status.STRUCK_OFF),
    Case("transfer-out", official, {"transfer_kind": "official", "occurred_on": "02/05/2024", "destination": "A1B",
                                    "register_number": "GT-12", "dues_paid_until": "04/2024"},
         EventKind.TRANSFER_OUT_OFFICIAL, {"transfer_kind": "official", "occurred_on": "02/05/2024",
                                           "register_number": "GT-12"}, "destination", Status.TRANSFERRED_OUT,
         user="district_officer"),
    Case("transfer-out", official, {"transfer_kind": "temporary", "occurred_on": "02/05/2024", "destination": "A1B",
                                    "register_number": "GT-13", "purpose": "work", "until": "02/12/2024"},
         EventKind.TRANSFER_OUT_TEMPORARY, {"transfer_kind": "temporary", "occurred_on": "02/05/2024",
                                            "destination": "A1B", "register_number": "GT-13", "purpose": "work",
                                            "until": "02/07/2025"}, "until", Status.OFFICIAL, in_message="QĐ/TW",
         user="district_officer"),
    Case("transfer-in", transferred, {"transfer_kind": "official", "organization": "A1B", "occurred_on": "10/05/2024"},
         EventKind.TRANSFER_IN_OFFICIAL, {"transfer_kind": "official", "organization": "A1A",
                                          "occurred_on": "10/05/2024"}, "organization", Status.OFFICIAL,
         user="district_officer"),
    Case("return", away, {"returned_on": "08/01/2025"}, EventKind.TEMPORARY_RETURN, {"returned_on": FUTURE},
         "returned_on", Status.OFFICIAL),
    Case("exemption-start", official, {"occurred_on": "01/06/2024", "reason": "Tuổi cao"}, EventKind.EXEMPTION_START,
         {"occurred_on": FUTURE, "reason": "Tuổi cao"}, "occurred_on", Status.EXEMPTED),
    Case("exemption-end", exempted, {"occurred_on": "02/09/2024"}, EventKind.EXEMPTION_END,
         {"occurred_on": "03/06/2023"}, "occurred_on", Status.OFFICIAL),
    Case("strike-off", official, {**DECISION, "ground": "standards_two_years"}, EventKind.STRIKE_OFF,
         {**DECISION, "ground": "unpaid_dues", "unpaid_months": "2"}, "unpaid_months", Status.STRUCK_OFF,
         in_message="QĐ/TW"),
    Case("expel", official, {**DECISION, "grounds": ["corruption_conviction"], "reason": "Tham nhũng"},
         EventKind.EXPULSION, {**DECISION, "decision_number": "125/QĐ", "reason": "Tham nhũng"}, "decision_number",
         Status.EXPELLED),
    Case("leave", official, DECISION, EventKind.LEFT_VOLUNTARILY, {**DECISION, "has_violations": "on"},
         "has_violations", Status.LEFT),
    Case("death", official, {"died_on": "01/08/2024"}, EventKind.DEATH, {"died_on": FUTURE}, "died_on", Status.DEAD),
    Case("readmit", struck, {**DECISION, "consent_number": "55-CV/TU", "consent_date": "20/04/2024",
                             "cell_resolution_on": "15/04/2024"}, EventKind.READMISSION_DECISION,
         {**DECISION, "consent_number": "55-CV/TU", "consent_date": "20/04/2024", "cell_resolution_on": "15/04/2021"},
         "cell_resolution_on", Status.PROBATIONARY, in_message="36"),
]


def _resolve(cast: Cast, data: dict[str, Any], helpers: list[Person]) -> dict[str, Any]:
    names = {"A1A": cast.cell_a1a.pk, "A1B": cast.cell_a1b.pk}
    names |= {f"I{i}": p.pk for i, p in enumerate(helpers, 1)}
    return {k: names.get(v, v) if isinstance(v, str) else v for k, v in data.items()}


@pytest.mark.parametrize("case", CASES, ids=[f"{c.slug}-{c.kind}" for c in CASES])
def test_event_form_records_the_event_and_refuses_bad_input_beside_the_field(cast: Cast, case: Case) -> None:
    helpers = introducers(cast) if case.slug == "decide" else []
    person = case.setup(cast)
    url = reverse("members:event", args=[person.pk, case.slug])
    user = getattr(cast, case.user)
    client = client_for(user)
    assert client.get(url).status_code == 200

    before = counts()
    refused = client.post(url, _resolve(cast, case.bad, helpers))
    assert refused.status_code == 200
    assert counts() == before
    form = refused.context["form"]
    assert case.bad_field in form.errors, (form.errors, case.slug)
    message = " ".join(form.errors[case.bad_field])
    assert case.in_message in message
    html = html_of(refused)
    assert f'id="id_{case.bad_field}_error"' in html or f'id="id_{case.bad_field}_0_error"' in html

    response = client.post(url, _resolve(cast, case.good, helpers))
    if case.slug in GRAVE_SLUGS:  # what will happen is shown first, nothing written; then confirmed (issue 8 §6)
        assert response.status_code == 200 and response.context["consequences"] is not None, response
        assert counts() == before
        response = client.post(url, {**_resolve(cast, case.good, helpers),
                                     "confirmed": response.context["consequences"].fingerprint})
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    assert response["Location"] == reverse("members:detail", args=[person.pk]) + "#timeline"
    event = MemberEvent.objects.filter(person=person).latest("id")
    assert event.kind == case.kind and event.created_by == user
    person.refresh_from_db()
    if case.status:
        assert person.status == case.status
    page = client.get(response["Location"]) if person.organization == cast.cell_a1a else None
    if page is not None:
        assert event.get_kind_display().capitalize() in html_of(page) or case.kind in html_of(page)


def test_the_admission_form_offers_the_cells_official_members_and_shows_the_decision_deadline(cast: Cast) -> None:
    giới, thiệu = introducers(cast)
    f.member(actor_of(cast), cast.cell_a1b, "Đinh Văn Khác", admitted_on=D(2012, 3, 1))
    person = resolved(cast)
    response = client_for(cast.cell_secretary).get(reverse("members:event", args=[person.pk, "decide"]))
    form = response.context["form"]
    assert set(form.fields["introducer_1"].queryset) == {giới, thiệu}
    assert form.fields["cell_resolution_on"].initial == D(2023, 3, 1)
    (deadline,) = response.context["deadlines"]
    assert deadline.date == add_working_days(D(2023, 3, 1), 60) and deadline.amount == 60
    html = html_of(response)
    assert fmt(deadline.date) in html and deadline.citation in html
    assert "age_override_number" not in html  # shown only when needed


def test_the_age_override_fields_show_for_an_applicant_over_the_limit(cast: Cast) -> None:
    actor = actor_of(cast)
    person = f.candidate(actor, cast.cell_a1a, "Hà Văn Cao", birth_date=D(1960, 1, 1), registered_on=D(2022, 1, 10),
                         course_on=D(2022, 3, 1), resolution_on=D(2023, 3, 1))
    giới, thiệu = introducers(cast)
    url = reverse("members:event", args=[person.pk, "decide"])
    client = client_for(cast.cell_secretary)
    assert 'name="age_override_number"' in html_of(client.get(url))
    data = {"decision_number": "125-QĐ/HU", "decision_date": "03/04/2023", "introducer_1": giới.pk,
            "since_1": "01/01/2020", "introducer_2": thiệu.pk, "since_2": "01/01/2020"}
    refused = client.post(url, data)
    assert "age_override_number" in refused.context["form"].errors
    assert MemberEvent.objects.filter(person=person, kind=EventKind.ADMISSION_DECISION).count() == 0
    allowed = client.post(url, {**data, "age_override_number": "12-QĐ/TU", "age_override_date": "20/03/2023",
                                "age_override_issuer": "Ban Thường vụ Tỉnh ủy"})
    assert allowed.status_code == 302
    event = MemberEvent.objects.get(person=person, kind=EventKind.ADMISSION_DECISION)
    assert event.details["age_override"]["number"] == "12-QĐ/TU"
    assert event.details["age_override"]["recorded_by"] == cast.cell_secretary.username


def test_deadlines_partial_follows_what_is_typed(cast: Cast) -> None:
    person = candidate(cast)
    url = reverse("members:event", args=[person.pk, "dossier"])
    client = client_for(cast.cell_secretary)
    response = client.get(url, {"part": "deadlines", "form": "6-KNĐ", "occurred_on": "02/03/2020"},
                          HTTP_HX_REQUEST="true")
    html = html_of(response)
    assert html.lstrip().startswith('<div id="deadlines"')
    assert fmt(add_working_days(D(2020, 3, 2), 60)) in html and "60" in html
    other = html_of(client.get(url, {"part": "deadlines", "form": "1-KNĐ", "occurred_on": "02/03/2020"},
                               HTTP_HX_REQUEST="true"))
    assert fmt(add_working_days(D(2020, 3, 2), 60)) not in other


def test_ceremony_form_shows_the_end_of_probation_for_the_date_typed(cast: Cast) -> None:
    person = decided(cast)
    response = client_for(cast.cell_secretary).get(reverse("members:event", args=[person.pk, "ceremony"]),
                                                   {"part": "deadlines", "held_on": "20/04/2023"})
    html = html_of(response)
    assert "20/04/2024" in html  # 12 months of probation
    assert fmt(add_working_days(D(2024, 4, 20), 30)) in html


def test_correction_supersedes_and_withdrawal_strikes_through(cast: Cast) -> None:
    person = probationary(cast)
    ceremony = MemberEvent.objects.get(person=person, kind=EventKind.ADMISSION_CEREMONY)
    client = client_for(cast.cell_secretary)
    url = reverse("members:correct", args=[person.pk, ceremony.pk])
    before = counts()
    refused = client.post(url, {"mode": "correct", "occurred_on": FUTURE, "reason": "Nhầm"})
    assert "occurred_on" in refused.context["form"].errors and counts() == before
    assert "reason" in client.post(url, {"mode": "correct", "occurred_on": "22/04/2023"}).context["form"].errors
    assert client.post(url, {"mode": "correct", "occurred_on": "22/04/2023", "reason": "Nhầm ngày"}).status_code == 302
    corrected = MemberEvent.objects.get(supersedes=ceremony)
    assert corrected.occurred_on == D(2023, 4, 22) and corrected.kind == EventKind.ADMISSION_CEREMONY
    assert client.get(url).status_code == 404  # the old version cannot be corrected again
    withdraw = reverse("members:correct", args=[person.pk, corrected.pk])
    assert client.post(withdraw, {"mode": "withdraw", "reason": "Ghi nhầm"}).status_code == 302
    html = html_of(client.get(reverse("members:detail", args=[person.pk])))
    assert html.count('class="superseded"') == 2 and "Ghi nhầm" in html


def test_open_a_file_and_edit_it(cast: Cast) -> None:
    client = client_for(cast.cell_secretary)
    url = reverse("members:create")
    page = client.get(url, {"organization": cast.cell_a1a.pk})
    assert list(page.context["form"].fields["organization"].queryset) == [cast.cell_a1a]
    data = {"organization": cast.cell_a1a.pk, "full_name": "Nguyễn Thị Hoa", "gender": "female",
            "birth_date": "02/09/1998", "general_education": "12/12", "political_theory": "none",
            "ethnicity": Ethnicity.objects.get(code="01").pk, "citizen_id": "001198000001"}
    before = counts()
    refused = client.post(url, {**data, "birth_date": FUTURE})
    assert "birth_date" in refused.context["form"].errors and counts() == before
    refused = client.post(url, {**data, "citizen_id": "12345"})
    assert "12" in " ".join(refused.context["form"].errors["citizen_id"]) and counts() == before
    refused = client.post(url, {**data, "organization": cast.cell_a1b.pk})
    assert "organization" in refused.context["form"].errors and counts() == before
    response = client.post(url, data)
    person = Person.objects.get(full_name="Nguyễn Thị Hoa")
    assert response.status_code == 302 and response["Location"] == reverse("members:detail", args=[person.pk])
    assert person.organization == cast.cell_a1a and person.status == Status.NONE
    edit = reverse("members:edit", args=[person.pk])
    assert client.get(edit).context["form"]["full_name"].value() == "Nguyễn Thị Hoa"
    assert client.post(edit, {**data, "phone": "0912 345 678", "reason": "Bổ sung"}).status_code == 302
    person.refresh_from_db()
    assert person.phone == "0912 345 678"
    assert "phone" in client.post(edit, {**data, "phone": "abc"}).context["form"].errors


def test_person_page_offers_the_forms_its_status_allows(cast: Cast) -> None:
    def offered(person: Person) -> set[str]:
        response = client_for(cast.cell_secretary).get(reverse("members:detail", args=[person.pk]))
        return {slug for slug, _title, _url in response.context["actions"]}

    assert offered(fresh(cast)) == {"register", "course", "dossier", "transfer-in"}
    person = Person.objects.get(full_name="Nguyễn Văn Đức")
    services.candidate_register(actor=actor_of(cast), person=person, registered_on=D(2022, 1, 10))
    assert offered(person) == {"course", "dossier", "decide", "death"}
    assert {"exemption-start", "transfer-out", "strike-off", "expel", "leave", "death"} <= offered(official(cast))
    assert "exemption-end" in offered(exempted(cast)) and "exemption-start" not in offered(
        Person.objects.get(pk=Person.objects.filter(status=Status.EXEMPTED).get().pk))
    assert offered(struck(cast)) >= {"readmit", "course", "dossier"}


def test_pages_read_in_english_when_asked(cast: Cast, world: World) -> None:
    client = client_for(cast.district_officer)
    client.cookies["django_language"] = "en"  # the language switch's choice (Accept-Language is not followed)
    html = client.get(reverse("members:detail", args=[world.person.pk]), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Timeline" in html and "Record an event" in html
    assert re.search(r"Party age", html)


def test_a_member_arriving_from_outside_brings_the_history_of_the_file(cast: Cast) -> None:
    person = fresh(cast)
    url = reverse("members:event", args=[person.pk, "transfer-in"])
    client = client_for(cast.cell_secretary)
    form = client.get(url).context["form"]
    assert "arriving_decision_number" in form.fields and form.fields["origin_outside"].required
    data = {"transfer_kind": "official", "organization": cast.cell_a1a.pk, "occurred_on": "10/05/2024",
            "origin_outside": "Đảng bộ phường Chiềng Lề, tỉnh Sơn La", "register_number": "25/GGT-ĐU",
            "dues_paid_until": "04/2024", "arriving_decision_number": "412-QĐ/TU",
            "arriving_decision_date": "12/05/2019", "arriving_ceremony_on": "30/05/2019",
            "arriving_recognised_on": "30/05/2020"}
    before = counts()
    refused = client.post(url, {**data, "dues_paid_until": "13/2024"})
    assert "dues_paid_until" in refused.context["form"].errors and counts() == before
    refused = client.post(url, {**data, "arriving_ceremony_on": "", "arriving_recognised_on": "30/05/2020"})
    assert "arriving_ceremony_on" in refused.context["form"].errors and counts() == before
    assert client.post(url, data).status_code == 302
    person.refresh_from_db()
    assert person.status == Status.OFFICIAL and person.organization == cast.cell_a1a
    arrival = MemberEvent.objects.get(person=person, kind=EventKind.TRANSFER_IN_OFFICIAL)
    assert arrival.details["letter"]["dues_paid_until"] == "2024-04"
    page = html_of(client.get(reverse("members:detail", args=[person.pk])))
    assert "Chiềng Lề" in page and "04/2024" in page and "12/05/2019" in page
