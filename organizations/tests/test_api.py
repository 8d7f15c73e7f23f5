"""The organization API: scope matrix, tokens, refusals that write nothing, change log, the tree of a date."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation
from django.utils.translation import gettext

from accounts.models import ApiToken
from accounts.services import api_token_create
from core.models import ChangeRecord
from core.testing import Cast
from core.testing_api import call
from organizations.models import (
    Coverage,
    CoveredUnit,
    CoveredUnitKind,
    LineageEvent,
    LineageLink,
    Organization,
    OrganizationVersion,
)
from organizations.services import covered_unit_create

pytestmark = pytest.mark.django_db

DECISION = {"number": "12-QĐ/HU", "date": "2019-12-20", "issuer": "Huyện ủy An Bình"}


# ----------------------------------------------------------------------------- helpers


def counts() -> dict[str, int]:
    return {
        "organizations": Organization.objects.count(),
        "versions": OrganizationVersion.objects.count(),
        "events": LineageEvent.objects.count(),
        "links": LineageLink.objects.count(),
        "units": CoveredUnit.objects.count(),
        "changes": ChangeRecord.objects.count(),
        "covered": CoveredUnit.objects.filter(covered_by__isnull=False).count(),
        "dissolved": Organization.objects.filter(dissolved_on__isnull=False).count(),
        "names": hash(tuple(Organization.objects.order_by("pk").values_list("name", "path", "note"))),
    }


def last_change_pk() -> int:
    return ChangeRecord.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def changes_since(pk: int) -> list[ChangeRecord]:
    return list(ChangeRecord.objects.filter(pk__gt=pk).select_related("content_type").order_by("pk"))


def summary(records: list[ChangeRecord]) -> set[tuple[str, str, str]]:
    return {(r.content_type.model, r.object_id, r.action) for r in records}


@pytest.fixture
def unit(cast: Cast) -> CoveredUnit:
    return covered_unit_create(
        actor=cast.root_admin,
        code="V-NR",
        name="Thôn Nà Rì",
        kind=CoveredUnitKind.objects.get(code="village"),
        territory=cast.commune_a1,
    )


# ----------------------------------------------------------------------------- the routes, for the scope matrix


@dataclass(frozen=True)
class Route:
    name: str
    method: str
    url: Callable[[Cast, CoveredUnit], str]
    body: Callable[[Cast], Any] | None = None
    ok: int = 200


def _event(kind: str, **fields: Any) -> dict[str, Any]:
    return {"kind": kind, "effective_on": "2020-01-01", "decision": DECISION, "reason": "Nghị quyết sắp xếp", **fields}


ROUTES = [
    Route("list-under-parent", "GET", lambda c, u: f"/organizations?parent={c.district_a.pk}"),
    Route("detail", "GET", lambda c, u: f"/organizations/{c.district_a.pk}"),
    Route("children", "GET", lambda c, u: f"/organizations/{c.district_a.pk}/children"),
    Route("lineage", "GET", lambda c, u: f"/organizations/{c.commune_a1.pk}/lineage"),
    Route("successors", "GET", lambda c, u: f"/organizations/{c.commune_a1.pk}/successors"),
    Route("predecessors", "GET", lambda c, u: f"/organizations/{c.commune_a1.pk}/predecessors"),
    Route("changes", "GET", lambda c, u: f"/organizations/{c.commune_a1.pk}/changes"),
    Route("tree", "GET", lambda c, u: f"/tree?as_of=2020-01-01&root={c.district_a.pk}"),
    Route("covered-units", "GET", lambda c, u: f"/covered-units?organization={c.commune_a1.pk}"),
    Route(
        "establish",
        "POST",
        lambda c, u: "/organizations",
        lambda c: {
            "code": "T-A-3",
            "name": "Đảng bộ xã Tân Lập",
            "kind": "commune",
            "parent_id": c.district_a.pk,
            "established_on": "2020-01-01",
            "decision": DECISION,
        },
        201,
    ),
    Route("update", "PATCH", lambda c, u: f"/organizations/{c.commune_a1.pk}", lambda c: {"note": "Ghi chú"}),
    Route("dissolve", "POST", lambda c, u: "/lineage-events",
          lambda c: _event("dissolve", organization_id=c.cell_a1b.pk), 201),
    Route("rename", "POST", lambda c, u: "/lineage-events",
          lambda c: _event("rename", organization_id=c.commune_a2.pk, new_name="Đảng bộ xã Hòa Bình Mới"), 201),
    Route("move", "POST", lambda c, u: "/lineage-events",
          lambda c: _event("move", organization_id=c.cell_a1b.pk, new_parent_id=c.commune_a2.pk), 201),
    Route("merge", "POST", lambda c, u: "/lineage-events",
          lambda c: _event("merge", source_ids=[c.commune_a1.pk, c.commune_a2.pk],
                           new_target={"code": "T-A-M", "name": "Đảng bộ xã Đồng Hòa", "kind": "commune"}), 201),
    Route("split", "POST", lambda c, u: "/lineage-events",
          lambda c: _event("split", source_id=c.commune_a1.pk,
                           targets=[{"code": "T-A-1x", "name": "Đảng bộ xã Đồng", "kind": "commune"},
                                    {"code": "T-A-1y", "name": "Đảng bộ xã Tâm", "kind": "commune"}],
                           child_moves={str(c.cell_a1a.pk): "T-A-1x", str(c.cell_a1b.pk): "T-A-1y"}), 201),
    Route("covered-unit-create", "POST", lambda c, u: "/covered-units",
          lambda c: {"code": "S-1", "name": "Trường tiểu học Đồng Tâm", "kind": "school",
                     "territory_id": c.commune_a1.pk, "covered_by_id": c.cell_a1a.pk}, 201),
    Route("covered-unit-assign", "POST", lambda c, u: f"/covered-units/{u.pk}/assign",
          lambda c: {"covered_by_id": c.cell_a1a.pk, "effective_on": "2016-01-01", "reason": "Chi bộ thôn phụ trách"}),
]
ROUTE_IDS = [r.name for r in ROUTES]


@pytest.mark.parametrize("route", ROUTES, ids=ROUTE_IDS)
def test_in_scope_user_gets_2xx(cast: Cast, unit: CoveredUnit, route: Route) -> None:
    body = route.body(cast) if route.body else None
    response = call(route.method, route.url(cast, unit), user=cast.district_officer, body=body)
    assert response.status_code == route.ok, response.content


@pytest.mark.parametrize("route", ROUTES, ids=ROUTE_IDS)
def test_out_of_scope_user_gets_404_and_nothing_is_written(cast: Cast, unit: CoveredUnit, route: Route) -> None:
    before = counts()
    body = route.body(cast) if route.body else None
    response = call(route.method, route.url(cast, unit), user=cast.outsider, body=body)
    assert response.status_code == 404, response.content
    assert response.json()["detail"]
    assert counts() == before


@pytest.mark.parametrize("route", ROUTES, ids=ROUTE_IDS)
def test_anonymous_gets_401_and_nothing_is_written(cast: Cast, unit: CoveredUnit, route: Route) -> None:
    before = counts()
    body = route.body(cast) if route.body else None
    response = call(route.method, route.url(cast, unit), body=body, csrf=True)
    assert response.status_code == 401, response.content
    assert response.json()["detail"]
    assert counts() == before


@pytest.mark.parametrize("route", [r for r in ROUTES if r.method != "GET"], ids=lambda r: r.name)
def test_view_only_role_cannot_write(cast: Cast, unit: CoveredUnit, route: Route) -> None:
    """The cell secretary sees organizations but may not change them: every write is a 404."""
    before = counts()
    response = call(route.method, route.url(cast, unit), user=cast.cell_secretary, body=route.body(cast))
    assert response.status_code == 404, response.content
    assert counts() == before


def test_lists_show_only_the_callers_scope(cast: Cast) -> None:
    call("POST", "/lineage-events", user=cast.root_admin,
         body=_event("rename", organization_id=cast.commune_b1.pk, new_name="Đảng bộ xã Lương Hạ Mới"))
    call("POST", "/lineage-events", user=cast.root_admin,
         body=_event("rename", organization_id=cast.commune_a2.pk, new_name="Đảng bộ xã Hòa Bình Mới"))

    mine = call("GET", "/organizations?limit=500", user=cast.district_officer).json()
    theirs = call("GET", "/organizations?limit=500", user=cast.outsider).json()
    assert {o["code"] for o in mine["items"]} == {"T-A", "T-A-1", "T-A-2", "T-A-1-a", "T-A-1-b"}
    assert {o["code"] for o in theirs["items"]} == {"T-B", "T-B-1"}
    assert call("GET", "/organizations", user=cast.member).json() == {"count": 0, "limit": 50, "offset": 0, "items": []}

    def event_subjects(user: Any) -> set[str]:
        items = call("GET", "/lineage-events", user=user).json()["items"]
        return {link["code"] for item in items for link in item["links"]}

    assert "T-A-2" in event_subjects(cast.district_officer)
    assert "T-B-1" not in event_subjects(cast.district_officer)
    assert event_subjects(cast.outsider) >= {"T-B-1"}
    assert "T-A-2" not in event_subjects(cast.outsider)

    assert {n["code"] for n in call("GET", "/tree", user=cast.outsider).json()["nodes"]} == {"T-B", "T-B-1"}


# ----------------------------------------------------------------------------- authentication


def test_token_auth_works_and_wrong_or_inactive_tokens_are_401(cast: Cast) -> None:
    token, raw = api_token_create(actor=cast.district_officer, user=cast.district_officer, name="ci")
    url = f"/organizations/{cast.district_a.pk}"
    assert call("GET", url, token=raw).json()["code"] == "T-A"
    assert call("GET", url, token=raw + "x").status_code == 401
    assert call("GET", url, token="").status_code == 401
    # A token reaches only its user's scope.
    assert call("GET", f"/organizations/{cast.district_b.pk}", token=raw).status_code == 404

    ApiToken.objects.filter(pk=token.pk).update(is_active=False)
    assert call("GET", url, token=raw).status_code == 401
    ApiToken.objects.filter(pk=token.pk).update(is_active=True)
    type(cast.district_officer).objects.filter(pk=cast.district_officer.pk).update(is_active=False)
    assert call("GET", url, token=raw).status_code == 401


def test_token_writes_without_csrf_and_the_change_log_names_the_user(cast: Cast) -> None:
    _token, raw = api_token_create(actor=cast.district_officer, user=cast.district_officer, name="ci")
    since = last_change_pk()
    response = call("PATCH", f"/organizations/{cast.commune_a1.pk}", token=raw, body={"note": "Qua token"}, csrf=True)
    assert response.status_code == 200, response.content
    assert [r.user_name for r in changes_since(since)] == ["district"]


def test_a_wrong_token_on_a_write_is_401_not_a_csrf_refusal(cast: Cast) -> None:
    response = call("POST", "/organizations", token="dv_wrong", body={}, csrf=True)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Bearer"


def test_session_writes_need_the_csrf_token(cast: Cast) -> None:
    before = counts()
    response = call("PATCH", f"/organizations/{cast.commune_a1.pk}", user=cast.district_officer,
                    body={"note": "x"}, csrf=True)
    assert response.status_code == 403
    assert counts() == before


def test_api_token_create_command_prints_a_working_key_once(cast: Cast) -> None:
    out, err = io.StringIO(), io.StringIO()
    call_command("api_token_create", "district", "--name", "báo cáo", stdout=out, stderr=err)
    raw = out.getvalue().strip()
    assert raw.startswith("dv_")
    token = ApiToken.objects.get(user=cast.district_officer)
    assert token.name == "báo cáo"
    assert raw not in token.key_hash and raw not in err.getvalue()
    assert call("GET", f"/organizations/{cast.district_a.pk}", token=raw).status_code == 200
    assert ChangeRecord.objects.filter(content_type__model="apitoken", object_id=str(token.pk)).count() == 1
    with pytest.raises(CommandError):
        call_command("api_token_create", "nobody", stdout=io.StringIO(), stderr=io.StringIO())


# ----------------------------------------------------------------------------- refusals: 4xx, the field, no writes


def refused(user: Any, method: str, url: str, body: Any, *, status: int = 400, field: str | None = None) -> dict:
    before = counts()
    since = last_change_pk()
    response = call(method, url, user=user, body=body)
    assert response.status_code == status, response.content
    payload = response.json()
    assert payload["detail"]
    if field is not None:
        assert payload["field"] == field, payload
    assert counts() == before
    assert changes_since(since) == []
    return payload


def test_moving_under_itself_or_a_descendant_is_refused(cast: Cast) -> None:
    for new_parent in (cast.commune_a1, cast.cell_a1a):
        body = _event("move", organization_id=cast.commune_a1.pk, new_parent_id=new_parent.pk)
        refused(cast.district_officer, "POST", "/lineage-events", body, field="new_parent_id")


def test_moving_under_a_parent_out_of_scope_is_404(cast: Cast) -> None:
    body = _event("move", organization_id=cast.commune_a1.pk, new_parent_id=cast.district_b.pk)
    refused(cast.district_officer, "POST", "/lineage-events", body, status=404)


@pytest.mark.parametrize(
    "fields",
    [
        {"source_ids": "a1,b1", "new_target": {"code": "N", "name": "Đảng bộ xã Mới", "kind": "commune"}},
        {"source_ids": "b1", "target_id": "a1"},
        {"source_ids": "a1,a2", "target_id": "b1"},
        {"source_ids": "a1,a2", "new_target": {"code": "N", "name": "Đảng bộ xã Mới", "kind": "commune",
                                                "parent_id": "district_b"}},
        {"source_ids": "a1,a2", "target_id": "a2", "child_moves": {"cell_a1a": "b1"}},
    ],
    ids=["source-out", "only-source-out", "target-out", "new-parent-out", "child-move-out"],
)
def test_merging_with_anything_out_of_scope_is_404(cast: Cast, fields: dict[str, Any]) -> None:
    names = {"a1": cast.commune_a1, "a2": cast.commune_a2, "b1": cast.commune_b1, "district_b": cast.district_b,
             "cell_a1a": cast.cell_a1a}
    body: dict[str, Any] = {"source_ids": [names[n].pk for n in fields["source_ids"].split(",")]}
    if "target_id" in fields:
        body["target_id"] = names[fields["target_id"]].pk
    if "new_target" in fields:
        body["new_target"] = {k: (names[v].pk if k == "parent_id" else v) for k, v in fields["new_target"].items()}
    if "child_moves" in fields:
        body["child_moves"] = {str(names[k].pk): names[v].pk for k, v in fields["child_moves"].items()}
    refused(cast.district_officer, "POST", "/lineage-events", _event("merge", **body), status=404)


def test_merge_needs_exactly_one_target(cast: Cast) -> None:
    base = {"source_ids": [cast.commune_a1.pk, cast.commune_a2.pk]}
    refused(cast.district_officer, "POST", "/lineage-events", _event("merge", **base), field="target_id")
    both = {**base, "target_id": cast.commune_a2.pk,
            "new_target": {"code": "N", "name": "Đảng bộ xã Mới", "kind": "commune"}}
    refused(cast.district_officer, "POST", "/lineage-events", _event("merge", **both), field="target_id")


def test_dissolving_before_establishment_is_refused(cast: Cast) -> None:
    body = _event("dissolve", organization_id=cast.cell_a1b.pk) | {
        "effective_on": "2010-01-01", "decision": {**DECISION, "date": "2009-12-20"}}
    payload = refused(cast.district_officer, "POST", "/lineage-events", body, field="effective_on")
    assert "10/01/2015" in payload["detail"]


def test_dissolving_an_organization_with_active_children_is_refused(cast: Cast) -> None:
    body = _event("dissolve", organization_id=cast.commune_a1.pk)
    refused(cast.district_officer, "POST", "/lineage-events", body, field="organization_id")


def test_duplicate_codes_are_refused_everywhere(cast: Cast, unit: CoveredUnit) -> None:
    establish = {"code": "T-A-1", "name": "Đảng bộ xã Trùng", "kind": "commune", "parent_id": cast.district_a.pk,
                 "established_on": "2020-01-01", "decision": DECISION}
    refused(cast.district_officer, "POST", "/organizations", establish, field="code")
    merge = _event("merge", source_ids=[cast.commune_a1.pk, cast.commune_a2.pk],
                   new_target={"code": "T-A-2", "name": "Đảng bộ xã Trùng", "kind": "commune"})
    refused(cast.district_officer, "POST", "/lineage-events", merge, field="new_target.code")
    split = _event("split", source_id=cast.commune_a2.pk,
                   targets=[{"code": "X", "name": "Một", "kind": "commune"},
                            {"code": "X", "name": "Hai", "kind": "commune"}])
    refused(cast.district_officer, "POST", "/lineage-events", split, field="targets")
    covered = {"code": "V-NR", "name": "Thôn khác", "kind": "village", "territory_id": cast.commune_a1.pk}
    refused(cast.district_officer, "POST", "/covered-units", covered, field="code")


@pytest.mark.parametrize("number", ["abc", "12/", "", "  ", "12-", "/QĐ-UBND", "12-QĐ", "855/NQ-", "1 2-QĐ/HU"])
def test_malformed_decision_numbers_are_refused(cast: Cast, number: str) -> None:
    decision = {**DECISION, "number": number}
    establish = {"code": "T-A-3", "name": "Đảng bộ xã Tân Lập", "kind": "commune", "parent_id": cast.district_a.pk,
                 "established_on": "2020-01-01", "decision": decision}
    refused(cast.district_officer, "POST", "/organizations", establish, field="decision.number")
    rename = _event("rename", organization_id=cast.commune_a2.pk, new_name="Tên mới") | {"decision": decision}
    refused(cast.district_officer, "POST", "/lineage-events", rename, field="decision.number")


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"kind": "dissolve", "effective_on": "2020-01-01", "decision": DECISION}, "organization_id"),
        ({"kind": "dissolve", "organization_id": 1, "effective_on": "2020-13-45", "decision": DECISION},
         "effective_on"),
        ({"kind": "dissolve", "organization_id": -4, "effective_on": "2020-01-01", "decision": DECISION},
         "organization_id"),
        ({"kind": "dissolve", "organization_id": 2**70, "effective_on": "2020-01-01", "decision": DECISION},
         "organization_id"),
        ({"kind": "rename", "organization_id": 1, "effective_on": "2020-01-01", "decision": DECISION,
          "new_name": "A\x00B"}, "new_name"),
        ({"kind": "dissolve", "organization_id": 1, "effective_on": "2020-01-01",
          "decision": {"number": "12-QĐ/HU", "date": "2019-01-01", "issuer": "x" * 256}}, "decision.issuer"),
        ({"kind": "explode", "organization_id": 1}, "kind"),
        ({"organization_id": 1}, "kind"),
        ({"kind": "merge", "source_ids": "1,2", "target_id": 1, "effective_on": "2020-01-01", "decision": DECISION},
         "source_ids"),
    ],
    ids=["missing-id", "bad-date", "negative-id", "huge-id", "nul", "long-issuer", "unknown-kind", "no-kind",
         "ids-as-text"],
)
def test_malformed_event_bodies_are_422_with_the_field(cast: Cast, body: dict[str, Any], field: str) -> None:
    refused(cast.district_officer, "POST", "/lineage-events", body, status=422, field=field)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"code": "A\x00"}, "code"),
        ({"kind": "\ud800"}, "kind"),
        ({"note": "x" * 10_001}, "note"),
        ({"parent_id": 2**63}, "parent_id"),
        ({"parent_id": "T-A"}, "parent_id"),
        ({"established_on": "1899-12-31"}, "established_on"),
        ({"established_on": "9999-12-31"}, "established_on"),
        ({"decision": "12-QĐ/HU"}, "decision.number"),
        ({"decision": {"number": "12-QĐ/HU"}}, "decision.date"),
    ],
    ids=["nul", "surrogate", "huge-note", "huge-parent", "parent-as-code", "too-early", "too-late", "flat-decision",
         "no-decision-date"],
)
def test_malformed_establish_bodies_are_422_with_the_field(cast: Cast, change: dict[str, Any], field: str) -> None:
    body = {"code": "T-A-3", "name": "Đảng bộ xã Tân Lập", "kind": "commune", "parent_id": cast.district_a.pk,
            "established_on": "2020-01-01", "decision": DECISION} | change
    refused(cast.district_officer, "POST", "/organizations", body, status=422, field=field)


def test_malformed_query_strings_are_422_with_the_field(cast: Cast) -> None:
    user = cast.district_officer
    for query, field in [("q=a%00b", "q"), ("q=%ED%A0%80", None), ("parent=-1", "parent"), ("limit=501", "limit"),
                         ("offset=-1", "offset"), ("active=maybe", "active"), (f"parent={2**64}", "parent")]:
        response = call("GET", f"/organizations?{query}", user=user)
        if field is None:  # an undecodable byte is replaced by U+FFFD: a search that finds nothing
            assert response.json()["items"] == []
        else:
            assert (response.status_code, response.json()["field"]) == (422, field), query


def test_unparsable_bodies_and_unknown_kinds(cast: Cast) -> None:
    refused(cast.district_officer, "POST", "/lineage-events", "{not json", status=400)
    refused(cast.district_officer, "POST", "/lineage-events", "[1, 2]", status=422)
    establish = {"code": "T-A-3", "name": "Đảng bộ xã Tân Lập", "kind": "planet", "parent_id": cast.district_a.pk,
                 "established_on": "2020-01-01", "decision": DECISION}
    refused(cast.district_officer, "POST", "/organizations", establish, field="kind")
    covered = {"code": "Z", "name": "Z", "kind": "planet", "territory_id": cast.commune_a1.pk}
    refused(cast.district_officer, "POST", "/covered-units", covered, field="kind")


def test_a_name_correction_needs_a_reason(cast: Cast) -> None:
    refused(cast.district_officer, "PATCH", f"/organizations/{cast.commune_a1.pk}", {"name": "Đảng bộ xã Đồng Tâm 2"},
            field="reason")


def test_a_unit_cannot_be_covered_by_a_cell_outside_its_territory(cast: Cast, unit: CoveredUnit) -> None:
    refused(cast.district_officer, "POST", f"/covered-units/{unit.pk}/assign", {"covered_by_id": cast.commune_a2.pk,
                                                                         "effective_on": "2016-01-01"},
            field="covered_by_id")


def test_only_an_administrator_establishes_a_top_level_organization(cast: Cast) -> None:
    body = {"code": "X", "name": "Đảng bộ tỉnh Khác", "kind": "province", "established_on": "2020-01-01",
            "decision": DECISION}
    refused(cast.province_officer, "POST", "/organizations", body, field="parent")
    assert call("POST", "/organizations", user=cast.root_admin, body=body).status_code == 201


# ----------------------------------------------------------------------------- messages follow the request language


def test_messages_follow_the_request_language(cast: Cast) -> None:
    body = {"code": "T-A-1", "name": "Đảng bộ xã Trùng", "kind": "commune", "parent_id": cast.district_a.pk,
            "established_on": "2020-01-01", "decision": DECISION}
    for language in ("vi", "en", None):
        response = call("POST", "/organizations", user=cast.district_officer, body=body, language=language)
        with translation.override(language or "vi"):
            expected = gettext("The code “%(code)s” is already used.") % {"code": "T-A-1"}
            expected_401 = gettext("Authentication required.")
            expected_422 = gettext("Invalid input.")
        assert response["Content-Language"] == (language or "vi")
        assert response.json()["detail"] == expected
        assert call("GET", "/organizations", language=language).json()["detail"] == expected_401
        invalid = call("GET", "/organizations?limit=0", user=cast.district_officer, language=language).json()
        assert (invalid["detail"], invalid["field"]) == (expected_422, "limit")


# ----------------------------------------------------------------------------- writes: responses and change records


def write(user: Any, method: str, url: str, body: Any, status: int) -> tuple[Any, list[ChangeRecord]]:
    """Do one write; return its JSON and the change records it left, checking they share the request's id."""
    since = last_change_pk()
    response = call(method, url, user=user, body=body)
    assert response.status_code == status, response.content
    records = changes_since(since)
    assert records
    assert {r.request_id for r in records} == {response["X-Request-Id"]}
    assert all(r.request_id and r.user_name == user.username for r in records)
    return response.json(), records


def test_establish_returns_201_and_logs_the_event_and_the_organization(cast: Cast) -> None:
    body = {"code": "T-A-3", "name": "Đảng bộ  xã Tân Lập ", "kind": "commune", "parent_id": cast.district_a.pk,
            "established_on": "2020-01-01", "decision": DECISION, "note": "Ghi chú", "reason": "Thành lập mới"}
    data, records = write(cast.district_officer, "POST", "/organizations", body, 201)
    created = Organization.objects.get(code="T-A-3")
    event = LineageEvent.objects.get(kind="establish", links__organization=created)
    assert data["id"] == created.pk and data["name"] == "Đảng bộ xã Tân Lập"
    assert data["kind"] == {"code": "commune", "name": created.kind.name}
    assert data["parent_id"] == cast.district_a.pk and data["is_active"] and data["established_on"] == "2020-01-01"
    assert summary(records) == {("lineageevent", str(event.pk), "create"), ("organization", str(created.pk), "create")}
    assert all(r.reason == "Thành lập mới" for r in records)


def test_update_logs_one_row(cast: Cast) -> None:
    body = {"name": "Đảng bộ xã Đồng Tâm (sửa)", "note": "Sửa lỗi chính tả", "reason": "Gõ nhầm"}
    data, records = write(cast.district_officer, "PATCH", f"/organizations/{cast.commune_a1.pk}", body, 200)
    assert (data["name"], data["note"]) == ("Đảng bộ xã Đồng Tâm (sửa)", "Sửa lỗi chính tả")
    assert summary(records) == {("organization", str(cast.commune_a1.pk), "update")}
    assert records[0].before["name"] == "Đảng bộ xã Đồng Tâm" and records[0].after["name"] == data["name"]


def test_dissolve_returns_the_event_and_logs_two_rows(cast: Cast) -> None:
    data, records = write(cast.district_officer, "POST", "/lineage-events",
                          _event("dissolve", organization_id=cast.cell_a1b.pk), 201)
    assert data["kind"] == "dissolve" and data["effective_on"] == "2020-01-01"
    assert data["decision"] == DECISION
    assert data["links"] == [{"organization_id": cast.cell_a1b.pk, "code": "T-A-1-b", "name": cast.cell_a1b.name,
                              "role": "source"}]
    assert summary(records) == {("lineageevent", str(data["id"]), "create"),
                                ("organization", str(cast.cell_a1b.pk), "update")}
    assert call("GET", f"/organizations/{cast.cell_a1b.pk}", user=cast.district_officer).json()["is_active"] is False


def test_rename_and_move_log_the_event_and_the_subject(cast: Cast) -> None:
    data, records = write(cast.district_officer, "POST", "/lineage-events",
                          _event("rename", organization_id=cast.commune_a2.pk, new_name="Đảng bộ xã Hòa An"), 201)
    assert data["links"][0]["role"] == "subject" and data["details"] == {"from": "Đảng bộ xã Hòa Bình",
                                                                         "to": "Đảng bộ xã Hòa An"}
    assert summary(records) == {("lineageevent", str(data["id"]), "create"),
                                ("organization", str(cast.commune_a2.pk), "update")}
    data, records = write(cast.district_officer, "POST", "/lineage-events",
                          _event("move", organization_id=cast.cell_a1b.pk, new_parent_id=cast.commune_a2.pk) | {
                              "effective_on": "2020-02-01"}, 201)
    assert summary(records) == {("lineageevent", str(data["id"]), "create"),
                                ("organization", str(cast.cell_a1b.pk), "update")}


def test_merge_into_a_new_organization(cast: Cast) -> None:
    body = _event("merge", source_ids=[cast.commune_a1.pk, cast.commune_a2.pk],
                  new_target={"code": "T-A-M", "name": "Đảng bộ xã Đồng Hòa", "kind": "commune"})
    data, records = write(cast.district_officer, "POST", "/lineage-events", body, 201)
    successor = Organization.objects.get(code="T-A-M")
    assert successor.parent_id == cast.district_a.pk
    assert {(link["code"], link["role"]) for link in data["links"]} == {
        ("T-A-M", "target"), ("T-A-1", "source"), ("T-A-2", "source")}
    assert summary(records) == {
        ("lineageevent", str(data["id"]), "create"),
        ("organization", str(successor.pk), "create"),
        ("organization", str(cast.cell_a1a.pk), "update"),
        ("organization", str(cast.cell_a1b.pk), "update"),
        ("organization", str(cast.commune_a1.pk), "update"),
        ("organization", str(cast.commune_a2.pk), "update"),
    }
    assert len(records) == 6
    user = cast.district_officer
    assert [o["code"] for o in call("GET", f"/organizations/{cast.commune_a1.pk}/successors", user=user).json()] == [
        "T-A-M"]
    assert {o["code"] for o in call("GET", f"/organizations/{successor.pk}/predecessors", user=user).json()} == {
        "T-A-1", "T-A-2"}
    children = call("GET", f"/organizations/{successor.pk}/children", user=user).json()
    assert {(c["code"], c["child_count"]) for c in children} == {("T-A-1-a", 0), ("T-A-1-b", 0)}


def test_merge_into_an_existing_organization_with_explicit_child_moves(cast: Cast) -> None:
    body = _event("merge", source_ids=[cast.commune_a1.pk], target_id=cast.commune_a2.pk,
                  child_moves={str(cast.cell_a1b.pk): cast.commune_a2.pk, str(cast.cell_a1a.pk): cast.commune_a2.pk})
    data, records = write(cast.district_officer, "POST", "/lineage-events", body, 201)
    assert data["details"]["successor"] == cast.commune_a2.pk
    assert summary(records) == {
        ("lineageevent", str(data["id"]), "create"),
        ("organization", str(cast.cell_a1a.pk), "update"),
        ("organization", str(cast.cell_a1b.pk), "update"),
        ("organization", str(cast.commune_a1.pk), "update"),
    }


def test_split_with_child_mapping(cast: Cast) -> None:
    body = _event("split", source_id=cast.commune_a1.pk,
                  targets=[{"code": "T-A-1x", "name": "Đảng bộ xã Đồng", "kind": "commune"},
                           {"code": "T-A-1y", "name": "Đảng bộ xã Tâm", "kind": "commune",
                            "parent_id": cast.district_a.pk}],
                  child_moves={str(cast.cell_a1a.pk): "T-A-1x", str(cast.cell_a1b.pk): "T-A-1y"},
                  member_successor_code="T-A-1y")
    data, records = write(cast.district_officer, "POST", "/lineage-events", body, 201)
    x, y = Organization.objects.get(code="T-A-1x"), Organization.objects.get(code="T-A-1y")
    assert Organization.objects.get(pk=cast.cell_a1a.pk).parent_id == x.pk
    assert Organization.objects.get(pk=cast.cell_a1b.pk).parent_id == y.pk
    assert summary(records) == {
        ("lineageevent", str(data["id"]), "create"),
        ("organization", str(x.pk), "create"),
        ("organization", str(y.pk), "create"),
        ("organization", str(cast.cell_a1a.pk), "update"),
        ("organization", str(cast.cell_a1b.pk), "update"),
        ("organization", str(cast.commune_a1.pk), "update"),
    }
    assert len(records) == 6


def test_split_without_a_mapping_for_every_child_is_refused(cast: Cast) -> None:
    body = _event("split", source_id=cast.commune_a1.pk,
                  targets=[{"code": "T-A-1x", "name": "Đảng bộ xã Đồng", "kind": "commune"},
                           {"code": "T-A-1y", "name": "Đảng bộ xã Tâm", "kind": "commune"}],
                  child_moves={str(cast.cell_a1a.pk): "T-A-1x"})
    refused(cast.district_officer, "POST", "/lineage-events", body, field="child_moves")


def test_covered_units_create_assign_and_list(cast: Cast) -> None:
    body = {"code": "S-1", "name": "Trường tiểu học Đồng Tâm", "kind": "school", "territory_id": cast.commune_a1.pk}
    data, records = write(cast.district_officer, "POST", "/covered-units", body, 201)
    assert (data["covered_by_id"], data["territory_id"], data["kind"]["code"]) == (None, cast.commune_a1.pk, "school")
    assert summary(records) == {("coveredunit", str(data["id"]), "create")}
    assigned, records = write(cast.district_officer, "POST", f"/covered-units/{data['id']}/assign",
                              {"covered_by_id": cast.cell_a1a.pk, "effective_on": "2016-01-01"}, 200)
    assert assigned["covered_by_id"] == cast.cell_a1a.pk
    coverage = Coverage.objects.get(unit_id=data["id"])
    assert summary(records) == {("coveredunit", str(data["id"]), "update"), ("coverage", str(coverage.pk), "create")}
    listed = call("GET", f"/covered-units?organization={cast.cell_a1a.pk}", user=cast.district_officer).json()
    assert [u["code"] for u in listed] == ["S-1"]
    detached, _records = write(cast.district_officer, "POST", f"/covered-units/{data['id']}/assign",
                               {"covered_by_id": None, "effective_on": "2017-01-01"}, 200)
    assert detached["covered_by_id"] is None


# ----------------------------------------------------------------------------- reads


def test_search_ignores_diacritics_and_filters(cast: Cast) -> None:
    user = cast.province_officer

    def codes(query: str) -> list[str]:
        return [o["code"] for o in call("GET", f"/organizations?{query}", user=user).json()["items"]]

    assert codes("q=dong tam") == ["T-A-1"]
    assert codes("q=ĐỒNG TÂM") == ["T-A-1"]
    assert codes("q=na ri") == ["T-A-1-a"]
    assert codes("q=dang bo huyen") == ["T-A", "T-B"]
    assert codes("kind=cell") == ["T-A-1-b", "T-A-1-a"]  # Vietnamese order: Khuổi Hỏm before Nà Rì
    assert codes(f"parent={cast.district_a.pk}") == ["T-A-1", "T-A-2"]
    call("POST", "/lineage-events", user=user, body=_event("dissolve", organization_id=cast.cell_a1b.pk))
    assert codes("kind=cell&active=false") == ["T-A-1-b"]
    assert codes("kind=cell&active=true") == ["T-A-1-a"]
    page = call("GET", "/organizations?limit=3&offset=2", user=user).json()
    assert (page["count"], page["limit"], page["offset"], len(page["items"])) == (8, 3, 2, 3)
    assert call("GET", "/organizations?offset=100", user=user).json()["items"] == []


def test_lineage_and_changes_of_an_organization(cast: Cast) -> None:
    user = cast.district_officer
    call("POST", "/lineage-events", user=user,
         body=_event("rename", organization_id=cast.commune_a2.pk, new_name="Đảng bộ xã Hòa An"))
    lineage = call("GET", f"/organizations/{cast.commune_a2.pk}/lineage", user=user).json()
    assert [e["kind"] for e in lineage] == ["rename", "establish"]
    changes = call("GET", f"/organizations/{cast.commune_a2.pk}/changes", user=user).json()
    assert [c["action"] for c in changes] == ["update", "create"]
    assert changes[0]["before"]["name"] == "Đảng bộ xã Hòa Bình" and changes[0]["request_id"]


def test_event_links_never_name_organizations_out_of_scope(cast: Cast) -> None:
    """The province merges a district-A commune into a district-B one; district A sees the event, not B's name."""
    body = _event("merge", source_ids=[cast.commune_a2.pk], target_id=cast.commune_b1.pk)
    assert call("POST", "/lineage-events", user=cast.province_officer, body=body).status_code == 201
    events = call("GET", "/lineage-events?kind=merge", user=cast.district_officer).json()["items"]
    # The hidden successor is there, as "(out of scope)" without id or code.
    assert [sorted(link["code"] for link in e["links"]) for e in events] == [["", "T-A-2"]]
    hidden = [link for e in events for link in e["links"] if link["code"] == ""]
    assert [link["organization_id"] for link in hidden] == [None] and "Lương Hạ" not in str(events)
    assert call("GET", f"/organizations/{cast.commune_a2.pk}/successors", user=cast.district_officer).json() == []
    assert [o["code"] for o in call("GET", f"/organizations/{cast.commune_a2.pk}/successors",
                                    user=cast.province_officer).json()] == ["T-B-1"]


def test_lineage_event_filters(cast: Cast) -> None:
    user = cast.district_officer
    call("POST", "/lineage-events", user=user, body=_event("dissolve", organization_id=cast.cell_a1b.pk))
    call("POST", "/lineage-events", user=user, body=_event(
        "rename", organization_id=cast.commune_a2.pk, new_name="Đảng bộ xã Hòa An") | {"effective_on": "2021-03-01"})

    def kinds(query: str) -> list[str]:
        return [e["kind"] for e in call("GET", f"/lineage-events?{query}", user=user).json()["items"]]

    assert kinds("kind=dissolve") == ["dissolve"]
    assert kinds("from=2020-06-01") == ["rename"]
    assert kinds("from=2019-01-01&to=2020-12-31") == ["dissolve"]
    assert kinds("to=2016-01-01").count("establish") == 5
    assert call("GET", "/lineage-events?kind=explode", user=user).status_code == 422
    assert call("GET", "/lineage-events?from=yesterday", user=user).json()["field"] == "from"


# ----------------------------------------------------------------------------- the tree of a date


def tree(user: Any, on: str, root: Organization | None = None) -> dict[str, tuple[str, int | None]]:
    query = f"/tree?as_of={on}" + (f"&root={root.pk}" if root else "")
    response = call("GET", query, user=user)
    assert response.status_code == 200, response.content
    return {n["code"]: (n["name"], n["parent_id"]) for n in response.json()["nodes"]}


def test_tree_as_of_across_a_move_a_merge_and_a_split(cast: Cast) -> None:
    user = cast.district_officer
    a1, a2 = cast.commune_a1.pk, cast.commune_a2.pk
    original = tree(user, "2019-12-31")
    assert original == {
        "T-A": ("Đảng bộ huyện An Bình", cast.province.pk),
        "T-A-1": ("Đảng bộ xã Đồng Tâm", cast.district_a.pk),
        "T-A-2": ("Đảng bộ xã Hòa Bình", cast.district_a.pk),
        "T-A-1-a": ("Chi bộ thôn Nà Rì", a1),
        "T-A-1-b": ("Chi bộ thôn Khuổi Hỏm", a1),
    }
    assert tree(user, "2015-01-09") == {}

    # 2020-01-01: cell b moves to commune 2.
    assert call("POST", "/lineage-events", user=user, body=_event(
        "move", organization_id=cast.cell_a1b.pk, new_parent_id=a2)).status_code == 201
    moved = tree(user, "2020-01-01")
    assert moved["T-A-1-b"] == ("Chi bộ thôn Khuổi Hỏm", a2)
    assert tree(user, "2019-12-31") == original

    # 2021-01-01: the two communes merge into a new one; both cells follow.
    assert call("POST", "/lineage-events", user=user, body=_event(
        "merge", source_ids=[a1, a2], new_target={"code": "T-A-M", "name": "Đảng bộ xã Đồng Hòa", "kind": "commune"},
    ) | {"effective_on": "2021-01-01"}).status_code == 201
    merged_id = Organization.objects.get(code="T-A-M").pk
    merged = tree(user, "2021-01-01")
    assert merged == {
        "T-A": ("Đảng bộ huyện An Bình", cast.province.pk),
        "T-A-M": ("Đảng bộ xã Đồng Hòa", cast.district_a.pk),
        "T-A-1-a": ("Chi bộ thôn Nà Rì", merged_id),
        "T-A-1-b": ("Chi bộ thôn Khuổi Hỏm", merged_id),
    }
    assert tree(user, "2020-12-31") == moved

    # 2022-01-01: the merged commune splits in two, one cell each.
    assert call("POST", "/lineage-events", user=user, body=_event(
        "split", source_id=merged_id,
        targets=[{"code": "T-A-E", "name": "Đảng bộ xã Đông", "kind": "commune"},
                 {"code": "T-A-W", "name": "Đảng bộ xã Tây", "kind": "commune"}],
        child_moves={str(cast.cell_a1a.pk): "T-A-E", str(cast.cell_a1b.pk): "T-A-W"},
    ) | {"effective_on": "2022-01-01"}).status_code == 201
    east, west = Organization.objects.get(code="T-A-E").pk, Organization.objects.get(code="T-A-W").pk
    split = tree(user, "2022-06-30")
    assert set(split) == {"T-A", "T-A-E", "T-A-W", "T-A-1-a", "T-A-1-b"}
    assert (split["T-A-1-a"][1], split["T-A-1-b"][1]) == (east, west)
    assert tree(user, "2021-12-31") == merged
    assert tree(user, "2020-06-01") == moved
    assert tree(user, "2019-12-31") == original

    # Under a root, and a root of the past: commune 1 as it stood before the move.
    assert set(tree(user, "2019-12-31", cast.commune_a1)) == {"T-A-1", "T-A-1-a", "T-A-1-b"}
    assert set(tree(user, "2020-06-01", cast.commune_a1)) == {"T-A-1", "T-A-1-a"}
    assert tree(user, "2022-06-30", cast.commune_a1) == {}
    response = call("GET", "/tree?as_of=2019-12-31", user=user).json()
    assert response["as_of"] == "2019-12-31" and response["root_id"] is None
    assert [n["depth"] for n in response["nodes"]] == sorted(n["depth"] for n in response["nodes"])


def test_tree_root_out_of_scope_is_404_and_a_bad_date_is_422(cast: Cast) -> None:
    assert call("GET", f"/tree?root={cast.district_b.pk}", user=cast.district_officer).status_code == 404
    response = call("GET", "/tree?as_of=31/12/2019", user=cast.district_officer)
    assert (response.status_code, response.json()["field"]) == (422, "as_of")


# ----------------------------------------------------------------------------- the OpenAPI document


def test_openapi_documents_every_route(cast: Cast) -> None:
    response = call("GET", "/openapi.json", user=cast.member)  # signed-in users only
    assert response.status_code == 200
    paths = response.json()["paths"]
    expected = {
        "/api/v1/organizations": {"get", "post"},
        "/api/v1/organizations/{id}": {"get", "patch"},
        "/api/v1/organizations/{id}/children": {"get"},
        "/api/v1/organizations/{id}/lineage": {"get"},
        "/api/v1/organizations/{id}/successors": {"get"},
        "/api/v1/organizations/{id}/predecessors": {"get"},
        "/api/v1/organizations/{id}/changes": {"get"},
        "/api/v1/lineage-events": {"get", "post"},
        "/api/v1/tree": {"get"},
        "/api/v1/covered-units": {"get", "post"},
        "/api/v1/covered-units/{id}/assign": {"post"},
    }
    for path, methods in expected.items():
        assert path in paths, path
        assert methods <= set(paths[path]), (path, set(paths[path]))
    body = paths["/api/v1/lineage-events"]["post"]["requestBody"]["content"]["application/json"]["schema"]
    assert set(body["discriminator"]["mapping"]) == {"dissolve", "rename", "move", "merge", "split"}
    assert {"400", "401", "404", "422"} <= set(paths["/api/v1/organizations"]["post"]["responses"])
