"""Organization pages: who may open what, the two-step forms, errors beside their fields, search and the past tree."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from html import escape
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from core.decisions import Decision
from core.models import ChangeRecord
from core.testing import Cast, establish
from organizations import forms
from organizations.models import CoveredUnit, CoveredUnitKind, LineageEvent, Organization, OrganizationKind
from organizations.services import covered_unit_create, organization_dissolve, organization_move, organization_rename

pytestmark = pytest.mark.django_db

LATER = Decision("12-QĐ/HU", dt.date(2021, 2, 20), "Huyện ủy An Bình")
DECISION_FIELDS = {
    "effective_on": "01/03/2021",
    "decision_number": "12-QĐ/HU",
    "decision_date": "20/02/2021",
    "decision_issuer": "Huyện ủy An Bình",
    "reason": "Theo quyết định",
}


@pytest.fixture
def unit(cast: Cast) -> CoveredUnit:
    return covered_unit_create(
        actor=cast.root_admin, code="T-A-1-V1", name="Thôn Nà Rì", kind=CoveredUnitKind.objects.get(code="village"),
        territory=cast.commune_a1, covered_by=cast.cell_a1a,
    )


def client_for(user: Any) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="vi")
    if user is not None:
        client.force_login(user)
    return client


def vi(message: str, **params: Any) -> str:
    """A message as a Vietnamese user reads it (the msgid itself until its translation exists)."""
    with translation.override("vi"):
        text = gettext(message)
    return text % params if params else text


def counts() -> tuple[int, ...]:
    return (ChangeRecord.objects.count(), Organization.objects.count(), LineageEvent.objects.count(),
            CoveredUnit.objects.count())


# ----------------------------------------------------------------------------- scope matrix

# (url name, attribute of the cast or "unit"); every one of them belongs to district A's subtree.
OBJECT_URLS = [
    ("organizations:detail", "commune_a1"),
    ("organizations:children", "district_a"),
    ("organizations:establish", "district_a"),
    ("organizations:dissolve", "cell_a1b"),
    ("organizations:rename", "commune_a1"),
    ("organizations:move", "commune_a1"),
    ("organizations:merge", "commune_a1"),
    ("organizations:split", "commune_a1"),
    ("organizations:unit_create", "commune_a1"),
    ("organizations:unit_cover", "unit"),
]
FORM_URLS = [name for name, _attr in OBJECT_URLS if name not in ("organizations:detail", "organizations:children")]


def object_url(cast: Cast, unit: CoveredUnit, name: str, attr: str) -> str:
    target = unit if attr == "unit" else getattr(cast, attr)
    return reverse(name, args=[target.pk])


@pytest.mark.parametrize(("name", "attr"), OBJECT_URLS)
def test_object_pages_open_in_scope_and_are_404_outside(cast: Cast, unit: CoveredUnit, name: str, attr: str) -> None:
    url = object_url(cast, unit, name, attr)
    assert client_for(cast.district_officer).get(url).status_code == 200
    assert client_for(cast.province_officer).get(url).status_code == 200
    assert client_for(cast.outsider).get(url).status_code == 404
    assert client_for(cast.member).get(url).status_code == 404
    anonymous = client_for(None).get(url)
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("name", FORM_URLS)
def test_forms_need_the_change_permission(cast: Cast, unit: CoveredUnit, name: str) -> None:
    attr = dict(OBJECT_URLS)[name]
    url = object_url(cast, unit, name, attr)
    # The cell secretary sees cell A1a's branch but may not restructure it.
    secretary_target = reverse(name, args=[unit.pk if attr == "unit" else cast.cell_a1a.pk])
    assert client_for(cast.cell_secretary).get(secretary_target).status_code == 404
    assert client_for(cast.district_officer).get(url).status_code == 200
    before = counts()
    response = client_for(cast.outsider).post(url, {**DECISION_FIELDS, "step": "confirm"})
    assert response.status_code == 404
    assert counts() == before


@pytest.mark.parametrize(
    "url", [reverse("organizations:tree"), reverse("organizations:search") + "?q=dong",
            reverse("organizations:as_of") + "?on=01/01/2020"],
)
def test_list_pages_need_sign_in_and_show_only_the_scope(cast: Cast, url: str) -> None:
    anonymous = client_for(None).get(url)
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith(reverse("login"))
    mine = client_for(cast.district_officer).get(url)
    theirs = client_for(cast.outsider).get(url)
    assert mine.status_code == theirs.status_code == 200
    assert "Đảng bộ xã Đồng Tâm" in mine.content.decode() or url == reverse("organizations:tree")
    assert "Đồng Tâm" not in theirs.content.decode()
    assert "An Bình" not in theirs.content.decode()


def test_tree_shows_the_users_roots_with_toggles(cast: Cast) -> None:
    page = client_for(cast.district_officer).get(reverse("organizations:tree")).content.decode()
    assert "Đảng bộ huyện An Bình" in page
    assert "Đảng bộ tỉnh Thử" not in page  # above the officer's scope
    assert f'hx-get="{reverse("organizations:children", args=[cast.district_a.pk])}"' in page
    assert "htmx.min.js" in page
    outsider_page = client_for(cast.outsider).get(reverse("organizations:tree")).content.decode()
    assert "Đảng bộ huyện Bắc Sơn" in outsider_page and "An Bình" not in outsider_page


def test_children_partial_lists_children_with_dissolved_badge(cast: Cast) -> None:
    organization_dissolve(actor=cast.root_admin, organization=cast.cell_a1b, dissolved_on=dt.date(2021, 3, 1),
                          decision=LATER)
    url = reverse("organizations:children", args=[cast.commune_a1.pk])
    today = client_for(cast.district_officer).get(url).content.decode()
    assert "Chi bộ thôn Nà Rì" in today and "Chi bộ thôn Khuổi Hỏm" not in today  # dissolved: only when asked
    response = client_for(cast.district_officer).get(f"{url}?dissolved=1")
    html = response.content.decode()
    assert html.lstrip().startswith("<ul")
    assert "Chi bộ thôn Nà Rì" in html and "Chi bộ thôn Khuổi Hỏm" in html
    assert escape(vi("Dissolved %(date)s", date="01/03/2021")) in html
    assert html.index("Chi bộ thôn Nà Rì") < html.index("Chi bộ thôn Khuổi Hỏm")  # active first


def test_dissolved_badge_reads_in_english_when_asked(cast: Cast) -> None:
    organization_dissolve(actor=cast.root_admin, organization=cast.cell_a1b, dissolved_on=dt.date(2021, 3, 1),
                          decision=LATER)
    client = client_for(cast.district_officer)
    client.cookies["django_language"] = "en"  # the language switch's choice (Accept-Language is not followed)
    html = client.get(reverse("organizations:children", args=[cast.commune_a1.pk]) + "?dissolved=1",
                      HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Dissolved 01/03/2021" in html


def test_tree_and_children_query_counts_do_not_grow_with_the_tree(
    cast: Cast, django_assert_max_num_queries: Callable[..., Any]
) -> None:
    client = client_for(cast.province_officer)
    for i in range(12):
        establish(cast.root_admin, f"T-A-1-x{i}", f"Chi bộ thôn Số {i}", "cell", cast.commune_a1)
    with django_assert_max_num_queries(6):
        assert client.get(reverse("organizations:tree")).status_code == 200
    with django_assert_max_num_queries(6):
        response = client.get(reverse("organizations:children", args=[cast.commune_a1.pk]))
    assert response.status_code == 200
    assert response.content.decode().count("data-code=") == 14


def test_organization_page_shows_facts_history_and_change_log(cast: Cast, unit: CoveredUnit) -> None:
    organization_rename(actor=cast.root_admin, organization=cast.commune_a1, new_name="Đảng bộ xã Đồng Tâm Mới",
                        effective_on=dt.date(2021, 3, 1), decision=LATER, reason="Đổi tên")
    covered_unit_create(actor=cast.root_admin, code="T-A-1-V2", name="Thôn Khuổi Hỏm",
                        kind=CoveredUnitKind.objects.get(code="village"), territory=cast.commune_a1)
    response = client_for(cast.district_officer).get(reverse("organizations:detail", args=[cast.commune_a1.pk]))
    html = response.content.decode()
    assert response.context["ancestors"] == [cast.district_a]  # the province is above the officer's scope
    assert "Đảng bộ huyện An Bình" in html and "T-A-1" in html
    assert "12-QĐ/HU" in html and "20/02/2021" in html and "Huyện ủy An Bình" in html
    assert "Đảng bộ xã Đồng Tâm → Đảng bộ xã Đồng Tâm Mới" in html
    assert response.context["coverage"] == {"units": 2, "without_cell": 1,
                                            "subtree_units": 2, "subtree_without_cell": 1}
    assert 'id="change-log"' in html and "Đổi tên" in html
    # The change log speaks the user's words: labels and names, not columns and ids.
    assert "search_name" not in html and "sort_name" not in html and "parent_id" not in html
    assert "<del>Đảng bộ xã Đồng Tâm</del> → Đảng bộ xã Đồng Tâm Mới" in html
    assert reverse("organizations:rename", args=[cast.commune_a1.pk]) in html
    # A viewer without the change permission sees the page but not the actions.
    viewer = client_for(cast.cell_secretary).get(reverse("organizations:detail", args=[cast.cell_a1a.pk]))
    assert viewer.status_code == 200
    assert reverse("organizations:rename", args=[cast.cell_a1a.pk]) not in viewer.content.decode()
    assert not viewer.context["can_change"]


def test_organization_page_query_count_does_not_grow_with_its_history(
    cast: Cast, django_assert_max_num_queries: Callable[..., Any]
) -> None:
    for year in range(2016, 2026):
        organization_rename(actor=cast.root_admin, organization=cast.cell_a1a, new_name=f"Chi bộ thôn Nà Rì {year}",
                            effective_on=dt.date(year, 3, 1), decision=LATER)
        organization_move(actor=cast.root_admin, organization=cast.cell_a1a,
                          new_parent=cast.commune_a1 if year % 2 else cast.commune_a2,
                          effective_on=dt.date(year, 3, 1), decision=LATER)
    client = client_for(cast.district_officer)
    with django_assert_max_num_queries(22):  # 2 of them: the committee panel (committees.panels)
        response = client.get(reverse("organizations:detail", args=[cast.cell_a1a.pk]))
    assert len(response.context["events"]) == 21
    html = response.content.decode()
    assert "<del>Đảng bộ xã Hòa Bình</del> → Đảng bộ xã Đồng Tâm" in html  # parents named in the change log


def test_merged_organization_page_links_predecessors_and_successors(cast: Cast) -> None:
    post_form(cast, "organizations:merge", cast.commune_a1, {
        "sources": [cast.commune_a2.pk], "target_mode": "new", "code": "T-A-9", "name": "Đảng bộ xã Đồng Hòa",
        "kind": OrganizationKind.objects.get(code="commune").pk,
    }, step="confirm")
    merged = Organization.objects.get(code="T-A-9")
    page = client_for(cast.district_officer).get(reverse("organizations:detail", args=[cast.commune_a1.pk]))
    assert list(page.context["successors"]) == [merged]
    successor_page = client_for(cast.district_officer).get(reverse("organizations:detail", args=[merged.pk]))
    assert set(successor_page.context["predecessors"]) == {cast.commune_a1, cast.commune_a2}
    assert escape(vi("Dissolved %(date)s", date="01/03/2021")) in page.content.decode()
    assert reverse("organizations:rename", args=[cast.commune_a1.pk]) not in page.content.decode()


# ----------------------------------------------------------------------------- search and the past tree


@pytest.mark.parametrize("typed", ["na ri", "NA RI", "nà rì", "Nà"])
def test_search_ignores_diacritics_and_case(cast: Cast, typed: str) -> None:
    response = client_for(cast.district_officer).get(reverse("organizations:search"), {"q": typed})
    assert [o.name for o in response.context["results"]] == ["Chi bộ thôn Nà Rì"]
    assert reverse("organizations:detail", args=[cast.cell_a1a.pk]) in response.content.decode()


def test_search_maps_d_with_stroke_and_stays_in_scope(cast: Cast) -> None:
    for typed in ("dong tam", "đồng tâm", "ĐỒNG"):
        names = [o.name for o in client_for(cast.district_officer).get(
            reverse("organizations:search"), {"q": typed}).context["results"]]
        assert names == ["Đảng bộ xã Đồng Tâm"], typed
    assert client_for(cast.outsider).get(reverse("organizations:search"), {"q": "dong tam"}).context["results"] == []
    assert client_for(cast.district_officer).get(reverse("organizations:search"), {"q": ""}).context["results"] == []


def test_as_of_tree_shows_the_old_name_and_parent(cast: Cast) -> None:
    organization_rename(actor=cast.root_admin, organization=cast.commune_a1, new_name="Đảng bộ xã Đồng Tâm Mới",
                        effective_on=dt.date(2021, 3, 1), decision=LATER)
    organization_move(actor=cast.root_admin, organization=cast.cell_a1b, new_parent=cast.commune_a2,
                      effective_on=dt.date(2021, 3, 1), decision=LATER)
    client = client_for(cast.district_officer)

    def outline(on: str) -> list[tuple[int, str]]:
        response = client.get(reverse("organizations:tree"), {"on": on})
        assert response.status_code == 200
        return [(item["level"], item["node"].name) for item in response.context["as_of_nodes"]]

    assert outline("01/01/2020") == [
        (0, "Đảng bộ huyện An Bình"),
        (1, "Đảng bộ xã Đồng Tâm"),
        (2, "Chi bộ thôn Khuổi Hỏm"),
        (2, "Chi bộ thôn Nà Rì"),
        (1, "Đảng bộ xã Hòa Bình"),
    ]
    assert outline("02/03/2021") == [
        (0, "Đảng bộ huyện An Bình"),
        (1, "Đảng bộ xã Đồng Tâm Mới"),
        (2, "Chi bộ thôn Nà Rì"),
        (1, "Đảng bộ xã Hòa Bình"),
        (2, "Chi bộ thôn Khuổi Hỏm"),
    ]
    partial = client.get(reverse("organizations:as_of"), {"on": "01/01/2020"}, HTTP_HX_REQUEST="true")
    assert "Đảng bộ xã Đồng Tâm" in partial.content.decode()
    assert partial["HX-Push-Url"] == reverse("organizations:tree") + "?on=01%2F01%2F2020"
    assert outline("01/01/2010") == []


def test_as_of_with_a_malformed_date_says_so(cast: Cast) -> None:
    response = client_for(cast.district_officer).get(reverse("organizations:as_of"), {"on": "31/02/2020"})
    assert response.status_code == 200
    assert response.context["as_of_form"].errors["on"]


# ----------------------------------------------------------------------------- the forms, two steps each


def post_form(cast: Cast, name: str, target: Any, data: dict[str, Any], *, step: str, client: Client | None = None
              ) -> Any:
    client = client or client_for(cast.district_officer)
    return client.post(reverse(name, args=[target.pk]), {**DECISION_FIELDS, **data, "step": step})


@dataclass
class FormCase:
    name: str
    target: Callable[[Cast, CoveredUnit], Any]
    data: Callable[[Cast], dict[str, Any]]
    done: Callable[[Cast], bool]


def _kind_pk(code: str) -> int:
    return OrganizationKind.objects.get(code=code).pk


def _split_data(cast: Cast) -> dict[str, Any]:
    return {
        "rows-TOTAL_FORMS": 4, "rows-INITIAL_FORMS": 0, "rows-MIN_NUM_FORMS": 0, "rows-MAX_NUM_FORMS": 20,
        "rows-0-code": "T-A-1N", "rows-0-name": "Đảng bộ xã Đồng Tâm Bắc", "rows-0-kind": _kind_pk("commune"),
        "rows-1-code": "T-A-1S", "rows-1-name": "Đảng bộ xã Đồng Tâm Nam", "rows-1-kind": _kind_pk("commune"),
        f"child_{cast.cell_a1a.pk}": "T-A-1N", f"child_{cast.cell_a1b.pk}": "T-A-1S",
    }


def _org(cast: Cast, code: str) -> Organization:
    return Organization.objects.get(code=code)


FORM_CASES = [
    FormCase(
        "organizations:establish", lambda c, u: c.district_a,
        lambda c: {"code": "T-A-3", "name": "Đảng bộ xã Mới", "kind": _kind_pk("commune"), "note": ""},
        lambda c: Organization.objects.filter(code="T-A-3", parent=c.district_a).exists(),
    ),
    FormCase(
        "organizations:dissolve", lambda c, u: c.cell_a1b, lambda c: {},
        lambda c: _org(c, "T-A-1-b").dissolved_on == dt.date(2021, 3, 1),
    ),
    FormCase(
        "organizations:rename", lambda c, u: c.commune_a1, lambda c: {"new_name": "Đảng bộ xã Đồng Tâm Mới"},
        lambda c: _org(c, "T-A-1").name == "Đảng bộ xã Đồng Tâm Mới",
    ),
    FormCase(
        "organizations:move", lambda c, u: c.cell_a1b, lambda c: {"new_parent": c.commune_a2.pk},
        lambda c: _org(c, "T-A-1-b").parent_id == c.commune_a2.pk,
    ),
    FormCase(
        "organizations:merge", lambda c, u: c.commune_a1,
        lambda c: {"sources": [c.commune_a2.pk], "target_mode": "new", "code": "T-A-9",
                   "name": "Đảng bộ xã Đồng Hòa", "kind": _kind_pk("commune")},
        lambda c: (_org(c, "T-A-1").dissolved_on is not None and _org(c, "T-A-2").dissolved_on is not None
                   and _org(c, "T-A-1-a").parent == _org(c, "T-A-9")),
    ),
    FormCase(
        "organizations:merge", lambda c, u: c.commune_a1,
        lambda c: {"sources": [c.commune_a2.pk], "target_mode": "existing", "target": c.commune_a2.pk,
                   f"child_{c.cell_a1b.pk}": c.district_a.pk},
        lambda c: (_org(c, "T-A-1").dissolved_on == dt.date(2021, 3, 1) and _org(c, "T-A-2").dissolved_on is None
                   and _org(c, "T-A-1-a").parent_id == c.commune_a2.pk
                   and _org(c, "T-A-1-b").parent_id == c.district_a.pk),
    ),
    FormCase(
        "organizations:split", lambda c, u: c.commune_a1, _split_data,
        lambda c: (_org(c, "T-A-1").dissolved_on is not None and _org(c, "T-A-1-a").parent == _org(c, "T-A-1N")
                   and _org(c, "T-A-1-b").parent == _org(c, "T-A-1S")),
    ),
    FormCase(
        "organizations:unit_create", lambda c, u: c.commune_a1,
        lambda c: {"code": "T-A-1-V9", "name": "Thôn Bản Mới", "kind": CoveredUnitKind.objects.get(code="school").pk,
                   "covered_by": ""},
        lambda c: CoveredUnit.objects.filter(code="T-A-1-V9", covered_by__isnull=True, territory=c.commune_a1).exists(),
    ),
    FormCase(
        "organizations:unit_cover", lambda c, u: u,
        lambda c: {"covered_by": c.cell_a1b.pk, "effective_on": "01/01/2016"},
        lambda c: CoveredUnit.objects.get(code="T-A-1-V1").covered_by_id == c.cell_a1b.pk,
    ),
]


@pytest.mark.parametrize("case", FORM_CASES, ids=[f"{c.name}-{i}" for i, c in enumerate(FORM_CASES)])
def test_preview_writes_nothing_and_confirm_writes(cast: Cast, unit: CoveredUnit, case: FormCase) -> None:
    target = case.target(cast, unit)
    data = case.data(cast)
    before = counts()

    preview = post_form(cast, case.name, target, data, step="preview")
    assert preview.status_code == 200, preview.context["form"].errors if preview.context else preview
    assert not preview.context["form"].errors
    lines = preview.context["lines"]
    assert lines, "the preview says what will happen"
    html = preview.content.decode()
    assert 'id="preview"' in html and 'value="confirm"' in html
    assert counts() == before
    assert not case.done(cast)

    going_back = post_form(cast, case.name, target, data, step="edit")
    assert going_back.status_code == 200 and going_back.context["lines"] is None
    assert counts() == before

    client = client_for(cast.district_officer)
    confirm = post_form(cast, case.name, target, data, step="confirm", client=client)
    detail = reverse("organizations:detail", args=[target.territory_id if isinstance(target, CoveredUnit)
                                                   else target.pk])
    assert confirm.status_code == 302 and confirm["Location"] == detail
    assert case.done(cast)
    written = ChangeRecord.objects.count() - before[0]
    assert written == len(lines), "the preview showed every change record that confirm wrote"
    followed = client.get(detail)
    assert [str(m) for m in followed.context["messages"]] == [_success_message(case.name)]


def _success_message(name: str) -> str:
    form_class = {
        "establish": forms.EstablishForm, "dissolve": forms.DissolveForm, "rename": forms.RenameForm,
        "move": forms.MoveForm, "merge": forms.MergeForm, "split": forms.SplitForm,
        "unit_create": forms.CoveredUnitForm, "unit_cover": forms.CoverForm,
    }[name.split(":")[1]]
    with translation.override("vi"):
        return str(form_class.success_message)


def test_preview_describes_the_rename(cast: Cast) -> None:
    response = post_form(cast, "organizations:rename", cast.commune_a1, {"new_name": "Đảng bộ xã Đồng Tâm Mới"},
                         step="preview")
    changes = [(c.field, c.before, c.after) for line in response.context["lines"] for c in line.changes]
    assert ("name", "Đảng bộ xã Đồng Tâm", "Đảng bộ xã Đồng Tâm Mới") in changes
    assert ("effective_on", "—", "01/03/2021") in changes
    assert ("kind", "—", str(LineageEvent._meta.get_field("kind").choices[4][1])) in changes  # type: ignore[index]


def test_merge_form_lists_the_children_of_the_chosen_organizations(cast: Cast) -> None:
    client = client_for(cast.district_officer)
    url = reverse("organizations:merge", args=[cast.commune_a2.pk])
    alone = client.get(url)
    assert alone.context["form"].child_names == []
    refreshed = client.get(url, {"sources": [cast.commune_a1.pk]}, HTTP_HX_REQUEST="true")
    assert refreshed.context["form"].child_names == [f"child_{cast.cell_a1b.pk}", f"child_{cast.cell_a1a.pk}"]
    assert 'id="child-moves"' in refreshed.content.decode()


def test_form_choices_come_only_from_the_writable_scope(cast: Cast) -> None:
    form = client_for(cast.district_officer).get(reverse("organizations:move", args=[cast.cell_a1b.pk])).context["form"]
    choices = set(form.fields["new_parent"].queryset)
    assert cast.commune_a2 in choices and cast.district_a in choices
    assert cast.province not in choices and cast.commune_b1 not in choices and cast.cell_a1b not in choices
    merge = client_for(cast.district_officer).get(reverse("organizations:merge", args=[cast.commune_a1.pk]))
    assert set(merge.context["form"].fields["sources"].queryset) == {cast.commune_a2}
    wide = client_for(cast.province_officer).get(reverse("organizations:merge", args=[cast.commune_a1.pk]))
    assert set(wide.context["form"].fields["sources"].queryset) == {cast.commune_a2, cast.commune_b1}
    # An organization outside the scope typed into the request is refused like any unknown choice.
    before = counts()
    response = post_form(cast, "organizations:move", cast.cell_a1b, {"new_parent": cast.commune_b1.pk}, step="confirm")
    assert response.status_code == 200 and "new_parent" in response.context["form"].errors
    assert counts() == before


# ----------------------------------------------------------------------------- refusals, beside their field


def _refusal(cast: Cast, case: str) -> tuple[str, Any, dict[str, Any], str, str]:
    """(url name, target, data, field, expected Vietnamese message) for each bad input."""
    if case == "move under own child":
        return ("organizations:move", cast.commune_a1, {"new_parent": cast.cell_a1a.pk}, "new_parent",
                vi("%(name)s cannot be moved under itself or one of its own descendants.", name=cast.commune_a1.name))
    if case == "duplicate code":
        return ("organizations:establish", cast.district_a,
                {"code": "T-A-1", "name": "Đảng bộ xã Trùng Mã", "kind": _kind_pk("commune")}, "code",
                vi("The code “%(code)s” is already used.", code="T-A-1"))
    if case == "dissolved before established":
        return ("organizations:dissolve", cast.cell_a1b,
                {"effective_on": "01/01/2010", "decision_date": "05/01/2010"}, "effective_on",
                vi("The date is before %(name)s was established (%(date)s).", name=cast.cell_a1b.name,
                   date="10/01/2015"))
    if case == "malformed decision number":
        number_rule = ("Decision number “%(number)s” is malformed: write it as 05-CT/TW (Party), 855/NQ-UBTVQH14 or "
                       "22/2003/QH11 (State).")
        return ("organizations:rename", cast.commune_a1, {"new_name": "Đảng bộ xã Mới", "decision_number": "abc"},
                "decision_number", vi(number_rule, number="abc"))
    if case == "split child to unknown code":
        data = {**_split_data(cast), f"child_{cast.cell_a1b.pk}": "T-A-1X"}
        return ("organizations:split", cast.commune_a1, data, f"child_{cast.cell_a1b.pk}",
                vi("Unknown successor code: %(code)s.", code="T-A-1X"))
    if case == "merge with nobody":
        return ("organizations:merge", cast.commune_a1,
                {"target_mode": "existing", "target": cast.commune_a1.pk}, "sources",
                vi("This field is required."))
    raise AssertionError(case)


REFUSALS = ["move under own child", "duplicate code", "dissolved before established", "malformed decision number",
            "split child to unknown code", "merge with nobody"]


@pytest.mark.parametrize("step", ["preview", "confirm"])
@pytest.mark.parametrize("case", REFUSALS)
def test_bad_input_is_shown_beside_its_field_and_writes_nothing(cast: Cast, case: str, step: str) -> None:
    name, target, data, field, message = _refusal(cast, case)
    before = counts()
    response = post_form(cast, name, target, data, step=step)
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors.get(field) == [message], form.errors
    html = response.content.decode()
    assert escape(message) in html
    # Rendered in the field's group, just before its input.
    error_at = html.index(escape(message))
    assert 0 < html.index(f'name="{field}"', error_at) - error_at < 600
    assert response.context["lines"] is None
    assert counts() == before


def test_split_duplicate_code_is_shown_on_its_row(cast: Cast) -> None:
    data = {**_split_data(cast), "rows-1-code": "T-A-2"}
    data[f"child_{cast.cell_a1b.pk}"] = "T-A-2"
    before = counts()
    response = post_form(cast, "organizations:split", cast.commune_a1, data, step="preview")
    rows = response.context["form"].rows
    assert rows[1].errors["code"] == [vi("The code “%(code)s” is already used.", code="T-A-2")]
    assert counts() == before


def test_ids_in_the_tree_are_not_localized(cast):
    """Vietnamese number formatting writes 12345 as 12.345: ids in attributes must stay plain digits."""
    from django.template.loader import render_to_string
    from django.utils import translation

    node = Organization.objects.get(pk=cast.commune_a1.pk)
    node.pk = 12345
    node.shown_children = 1
    with translation.override("vi"):
        html = render_to_string("organizations/_nodes.html", {"nodes": [node], "parent": None})
    assert 'id="children-12345"' in html and 'hx-target="#children-12345"' in html
    assert "12.345" not in html
