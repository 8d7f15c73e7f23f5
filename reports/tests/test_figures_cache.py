"""The figures cache (core.figures.cache): behind the scope check, keyed by the parameters and the write watermark,
never stale after a committed write, whoever wrote it and however.

These tests commit for real (transactional database): the watermark moves after a commit, and a test that runs
inside one open transaction would only ever see its own uncommitted writes (then the cache is bypassed, tested
below too).
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import caches
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from core import watermark
from core.figures import cache as figures_cache
from core.testing import establish
from organizations.models import Organization
from reports.figures import compute, make_request

pytestmark = pytest.mark.django_db(transaction=True)

TODAY = dt.date.today().isoformat()


@pytest.fixture(autouse=True)
def _empty_cache():
    """An empty cache, and the watermark's row (the flush after a transactional test deletes it: then nothing is
    cached, and these tests would pass without testing anything)."""
    watermark.bump()
    assert watermark.current() is not None
    caches[figures_cache.ALIAS].clear()


def _url(organization: Organization, **params: str) -> str:
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return f"/api/v1/organizations/{organization.pk}/figures?{query}"


def _cells(client, organization: Organization, **params: str) -> int:
    response = client.get(_url(organization, **params))
    assert response.status_code == 200, response.content
    return int(response.json()["figures"]["organizations"]["cells"])


def test_a_write_through_a_service_is_counted_by_the_next_call(cast, client, django_assert_num_queries):
    client.force_login(cast.district_officer)
    assert _cells(client, cast.district_a) == 2
    with django_assert_num_queries(5):  # session, user, roles, organization (the scope check), watermark
        assert _cells(client, cast.district_a) == 2
    establish(cast.root_admin, "T-A-2-a", "Chi bộ thôn Mới", "cell", cast.commune_a2, on=dt.date(2020, 1, 1))
    assert _cells(client, cast.district_a) == 3  # counted afresh: the commit moved the watermark
    with django_assert_num_queries(5):
        assert _cells(client, cast.district_a) == 3


def test_two_calls_without_a_write_count_once(cast, client, django_assert_num_queries):
    client.force_login(cast.district_officer)
    with CaptureQueriesContext(connection) as counted:
        client.get(_url(cast.district_a))
    assert len(counted) > 20  # every namespace counted
    before = watermark.current()
    with django_assert_num_queries(5):
        client.get(_url(cast.district_a))
    assert watermark.current() == before  # reading moves nothing (the session refresh is not a write of figures)


def test_a_write_without_the_change_log_moves_the_watermark_too(cast, client, django_assert_num_queries):
    """A rebuild of derived rows or a data migration writes no change record: the statement itself is seen."""
    client.force_login(cast.district_officer)
    first = client.get(_url(cast.district_a)).json()
    with django_assert_num_queries(5):
        assert client.get(_url(cast.district_a)).json() == first
    Organization.objects.filter(pk=cast.district_a.pk).update(name="Đảng bộ huyện Đổi Tên")
    assert first["organization"]["name"] != "Đảng bộ huyện Đổi Tên"
    assert client.get(_url(cast.district_a)).json()["organization"]["name"] == "Đảng bộ huyện Đổi Tên"


def test_out_of_scope_is_still_404_when_the_answer_is_cached(cast, client, django_assert_num_queries):
    client.force_login(cast.district_officer)
    assert client.get(_url(cast.district_a)).status_code == 200
    client.force_login(cast.outsider)
    response = client.get(_url(cast.district_a))
    assert response.status_code == 404
    assert "figures" not in response.json()
    client.force_login(cast.district_officer)  # a sign-in (its last login updated) moves nothing
    with django_assert_num_queries(5):
        assert client.get(_url(cast.district_a)).status_code == 200


def test_different_parameters_are_different_entries(cast, client):
    client.force_login(cast.province_officer)
    before = {"as_of": "2014-12-31", "from": "2014-01-01", "to": "2014-12-31"}
    assert _cells(client, cast.district_a, **before) == 0  # the cells were established in 2015
    assert _cells(client, cast.district_a) == 2
    assert _cells(client, cast.district_b) == 0
    assert _cells(client, cast.province) == 2
    only = client.get(_url(cast.district_a, namespaces="organizations")).json()["figures"]
    assert list(only) == ["organizations"]
    every = client.get(_url(cast.district_a)).json()["figures"]
    assert len(every) > 1
    assert client.get(_url(cast.district_a, with_predecessors="true")).json()["with_predecessors"] is True
    assert client.get(_url(cast.district_a)).json()["with_predecessors"] is False


def test_uncommitted_writes_are_counted_by_their_own_transaction_and_never_kept(cast):
    request = make_request(organization=cast.district_a, date_from=None, date_to=None, as_of=None)
    assert compute(request)["figures"]["organizations"]["cells"] == 2
    with transaction.atomic():
        establish(cast.root_admin, "T-A-2-b", "Chi bộ thôn Sau", "cell", cast.commune_a2, on=dt.date(2020, 1, 1))
        assert watermark.uncommitted_writes()
        assert compute(request)["figures"]["organizations"]["cells"] == 3
        transaction.set_rollback(True)
    assert not watermark.uncommitted_writes()
    assert compute(request)["figures"]["organizations"]["cells"] == 2  # the rolled-back count was never kept


def test_the_off_switch_counts_every_time(cast, settings):
    settings.FIGURES_CACHE = False
    request = make_request(organization=cast.district_a, date_from=None, date_to=None, as_of=None)
    compute(request)
    with CaptureQueriesContext(connection) as counted:
        compute(request)
    assert len(counted) > 20


def test_clearing_moves_the_watermark(cast):
    before = watermark.current()
    figures_cache.clear()
    after = watermark.current()
    assert before is not None and after is not None and after[1] == before[1] + 1


@pytest.mark.django_db(transaction=False)
def test_which_statements_are_writes():
    assert watermark.writes('INSERT INTO "organizations_organization" ("code") VALUES (%s)')
    assert watermark.writes('UPDATE "members_person" SET "name" = %s')
    assert watermark.writes('DELETE FROM "tallies_tallypoint"')
    assert watermark.writes("WITH moved AS (UPDATE x SET y = 1 RETURNING id) SELECT * FROM moved")
    assert watermark.writes("TRUNCATE members_person")
    assert not watermark.writes('SELECT "x" FROM "members_person" FOR UPDATE')
    assert not watermark.writes("SAVEPOINT s1")
    assert not watermark.writes('UPDATE "django_session" SET "expire_date" = %s')
    assert not watermark.writes('INSERT INTO "axes_accessattempt" ("username") VALUES (%s)')
    assert not watermark.writes('UPDATE "accounts_apitoken" SET "last_used_at" = %s')
    assert not watermark.writes('UPDATE "reports_reportjob" SET "status" = %s WHERE "id" = %s')
    assert not watermark.writes('UPDATE "accounts_user" SET "last_login" = %s WHERE "accounts_user"."id" = %s')
    assert watermark.writes('UPDATE "accounts_user" SET "last_login" = %s, "is_active" = %s WHERE "id" = %s')
