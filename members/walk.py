"""A name search read from the word table (members.PersonWord), in list order: see members.keyset's docstring.

`WalkPlan.of(walk)` decides whether the walk applies (None: the caller keeps its plans) and prepares it: the rarest
typed word, the distinct words it begins (its vocabulary) and, for a scope, its cells. `WalkPlan.rows` then gives
a page's rows in list order, `WalkPlan.status_counts` the capped count by status. The stream they read is, for each
word of the vocabulary, its rows of `personword_walk` in (sort_name, person) order, merged (PostgreSQL: Merge
Append) and deduplicated (a file with two such words), filtered on the index tuple by cell and status; when the list
filters more than that (other typed words, gender …), each row of the stream is checked against the list's own
query (one correlated probe by primary key), so the rows are always exactly the list's.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import F, IntegerField, QuerySet, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Concat

from core.text import fold
from members import words
from members.models import Person, Status
from organizations.models import Organization

# A scope of at most this many organizations (a commune, a small district: some thousands of files) is read first
# through the index on the cell, then sorted: cheaper than a walk that would skip every match outside it.
SMALL_SCOPE = 300


@dataclass(frozen=True)
class NameWalk:
    """What a list asks of the walk beside its own query: the typed text, the organizations whose files it may
    hold (None: any), the statuses it keeps (None: any but voided), and whether these say all it filters
    (`complete`; else every row of the walk is checked against the list's query)."""

    text: str
    organizations: QuerySet[Organization] | None = None
    statuses: Sequence[str] | None = None
    complete: bool = False


def typed_words(text: str) -> list[str]:
    """The folded typed words that constrain anything: a word that begins another typed word adds nothing."""
    typed = list(dict.fromkeys(fold(text).split()))
    return [w for w in typed if not any(o != w and o.startswith(w) for o in typed)]


@dataclass(frozen=True)
class WalkPlan:
    vocabulary: list[str]
    scope: tuple[str, list[Any]] | None  # the query of the scope's organization ids (None: no scope test)
    statuses: tuple[str, ...] | None
    complete: bool  # the stream alone is the list: no row needs checking

    @classmethod
    def of(cls, walk: NameWalk) -> WalkPlan | SmallScope | None:
        """The walk, SmallScope when the scope is small (read its files first), None when the walk does not apply
        (no letters; a short prefix beginning many words, whose matches are dense along the order)."""
        typed = typed_words(walk.text)
        if not typed:
            return None
        scope = None
        if walk.organizations is not None:
            organizations = walk.organizations.order_by()
            if organizations[: SMALL_SCOPE + 1].count() <= SMALL_SCOPE:
                return SmallScope(organizations)
            try:
                sql, params = organizations.values("pk").query.sql_with_params()
            except EmptyResultSet:
                return SmallScope(organizations)
            scope = (sql, list(params))
        vocabulary = words.vocabulary(words.rarest(typed))
        if len(vocabulary) > words.MAX_WORDS:
            return None
        statuses = tuple(walk.statuses) if walk.statuses is not None else None
        return cls(vocabulary, scope, statuses, complete=walk.complete and len(typed) == 1)

    def _stream(self, *, after: Any = None, before: Any = None) -> tuple[str, list[Any]]:
        """The distinct (sort_name, person_id, status) of the vocabulary's rows, in list order (descending for
        `before`), after/before a cursor, in the scope."""
        desc = " DESC" if before is not None else ""
        order = f"sort_name{desc}, person_id{desc}"
        conditions, params = [" AND status <> %s"], [Status.VOIDED.value]
        if after is not None:
            conditions.append(" AND (sort_name, person_id) > (%s, %s)")
            params += [after.sort_name, after.pk]
        if before is not None:
            conditions.append(" AND (sort_name, person_id) < (%s, %s)")
            params += [before.sort_name, before.pk]
        # Written on an expression so that it filters the index tuples and never becomes an index condition (which
        # on a later column of the index would lose its order).
        if self.statuses is not None:
            conditions.append(f" AND (status || '') IN ({', '.join(['%s'] * len(self.statuses))})")
            params += list(self.statuses)
        postgresql = connection.vendor == "postgresql"
        head, head_params = "", []
        if self.scope is not None and postgresql:
            # The scope's ids once (a materialized CTE), tested on each index tuple through a hash: "OR false"
            # keeps the IN a hashed subplan (PostgreSQL makes an IN at the top of a WHERE a join, whose output
            # would lose the index order the merge needs).
            head, head_params = f"WITH scope(id) AS MATERIALIZED ({self.scope[0]}) ", self.scope[1]
            conditions.append(" AND ((organization_id + 0) IN (SELECT id FROM scope) OR false)")
        elif self.scope is not None:
            conditions.append(f" AND organization_id IN ({self.scope[0]})")
            params += self.scope[1]
        where = "".join(conditions)
        if postgresql:
            # One ordered index scan per word, merged (Merge Append), duplicates adjacent (Unique).
            branches = [f"(SELECT sort_name, person_id, status FROM members_personword WHERE word = %s{where} "  # noqa: S608
                        f"ORDER BY {order})" for _ in self.vocabulary]
            sql = (f"{head}SELECT DISTINCT ON (sort_name, person_id) sort_name, person_id, status "  # noqa: S608
                   f"FROM ({' UNION ALL '.join(branches)}) u ORDER BY {order}")
            return sql, [*head_params, *(value for word in self.vocabulary for value in (word, *params))]
        marks = ", ".join(["%s"] * len(self.vocabulary))
        sql = (f"SELECT DISTINCT sort_name, person_id, status FROM members_personword WHERE word IN ({marks})"  # noqa: S608
               f"{where} ORDER BY {order}")
        return sql, [*self.vocabulary, *params]

    def _check(self, people: QuerySet[Person]) -> tuple[str, list[Any]] | None:
        """The list's query for one row of the stream (its status, or NULL when the list does not hold it); None
        when the stream is the list. EmptyResultSet when the list can hold nothing."""
        if self.complete:
            return None
        probe = people.order_by().filter(pk=RawSQL("word_walk.person_id", (), output_field=IntegerField()))
        sql, params = probe.values("status")[:1].query.sql_with_params()
        return sql, list(params)

    def rows(self, people: QuerySet[Person], *, after: Any, before: Any, limit: int,
             offset: int = 0) -> QuerySet[Person]:
        """The list's files after (or before: descending) the cursor, in list order, at most `limit` after
        skipping `offset`: the rows whose ids the walk gives (one query)."""
        if not self.vocabulary:  # no file has a word that the typed word begins
            return people.none()
        stream, params = self._stream(after=after, before=before)
        try:
            check = self._check(people)
        except EmptyResultSet:
            return people.none()
        desc = " DESC" if before is not None else ""
        where = ""
        if check is not None:
            where = f" WHERE ({check[0]}) IS NOT NULL"
            params += check[1]
        ids = (f"SELECT word_walk.person_id FROM ({stream}) word_walk{where} "  # noqa: S608
               f"ORDER BY word_walk.sort_name{desc}, word_walk.person_id{desc} LIMIT {int(limit)} OFFSET {int(offset)}")
        key = Concat(F("sort_name"), Value(""))  # at most `limit` rows sorted, the sort index not walked
        order: list[Any] = [key.desc(), "-pk"] if before is not None else [key.asc(), "pk"]
        # The ids' query is built above from constants, Django's compiled SQL and parameters.
        return people.filter(pk__in=RawSQL(ids, params)).order_by(*order)  # noqa: S611

    def status_counts(self, people: QuerySet[Person], cap: int) -> dict[str, int]:
        """The list's files by status, counted up to cap + 1 in all (see members.keyset.capped_status_counts)."""
        if not self.vocabulary:
            return {}
        stream, params = self._stream()
        try:
            check = self._check(people)
        except EmptyResultSet:
            return {}
        if check is None:
            rows = f"SELECT word_walk.status FROM ({stream}) word_walk LIMIT {int(cap) + 1}"  # noqa: S608
        else:
            # OFFSET 0 keeps PostgreSQL from writing the probe twice (in the WHERE and the select list).
            fence = " OFFSET 0" if connection.vendor == "postgresql" else ""
            rows = (f"SELECT c.status FROM (SELECT ({check[0]}) AS status FROM ({stream}) word_walk{fence}) c "  # noqa: S608
                    f"WHERE c.status IS NOT NULL LIMIT {int(cap) + 1}")
            params = [*check[1], *params]  # the probe comes first in the text
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT k.status, COUNT(*) FROM ({rows}) k GROUP BY k.status", params)  # noqa: S608
            return dict(cursor.fetchall())


@dataclass(frozen=True)
class SmallScope:
    """The scope has at most SMALL_SCOPE organizations: read their files first (index on the cell), then sort."""

    organizations: QuerySet[Organization]
