"""Keyset pages of member files in Vietnamese name order, with a count that stops at a cap.

A page is asked "after" or "before" a cursor — the (sort key, id) of a row — never by an offset, so page 2.000 of
an installation costs what page 1 costs. The order is (`sort_name`, `id`), served by the btree index
`person_sort_key`. The total is counted up to `cap` + 1 rows only (`… FROM (… LIMIT cap + 1) GROUP BY status`):
beyond the cap a list says "more than 10.000" instead of counting a province.

A name typed (issue 15 §3) is read from the word table (members.words: one row per distinct word of a file's folded
name, with its sort key, cell and status; btree `personword_walk` on (word, sort_name, person, organization,
status)), by members.walk, whatever the number of matches:

- the typed word that begins the fewest rows is chosen, and the distinct words it begins are listed (a loose
  index scan: one descent per word; "dung" begins "dung", "dung…"; a short prefix beginning more than 64 words
  has dense matches and keeps the plans below);
- the page is the merge of those words' index ranges, each already in list order (PostgreSQL: Merge Append of
  ordered index-only scans, Unique on (sort_name, id)), after the cursor, filtered on the index tuple by status
  and scope (the scope's organization ids, hashed once), stopped at 51: it reads the page's rows and the rows of
  the same words that the scope or status skips — not every file whose given name sorts before the name;
- the capped count by status reads the same merge up to 10.001 rows, index-only;
- when the list filters more than name, scope and status (another typed word, gender, age …), each row of the
  merge is checked against the list's own query (a correlated probe by primary key), so the rows are exactly
  the list's in every case;
- a small scope (at most walk.SMALL_SCOPE organizations: a commune) is read first through the index on the cell,
  filtered by name and sorted: a commune's files are few, and a walk would skip the name's matches elsewhere.

`WORD_WALK = False` keeps the plans before the word table (benchmarks compare them). Those, and a list with no name
or a number typed, choose by the capped count, because the database cannot know it in advance (issue 15: the plan
flipped between the sort index and the trigram index, 0,2–2,4 s at 1,1 M files):

- at most `cap` matches (few): the matches are fetched through their own indexes (on PostgreSQL the
  full-text index `person_search_words`, see WordsMatch) and sorted — at most `cap` rows, a bounded sort. The
  ORDER BY is written on an expression equal to the sort key (`sort_name || ''`), which the sort index cannot
  serve, so the database cannot choose to walk the whole sort index looking for rare matches;
- more than `cap` matches (many): the sort index is walked in order and each row tested. When the matches
  are spread along the order (a middle name: "van"), a page of 50 reads about 50 × files / count rows, at most
  50 × files / cap. A given name is not spread: its files sit together in the order (given name first), so the
  walk first reads every file whose given name sorts before it (docs/benchmarks.md, "Search": the limit the word
  table removes). The caller writes the name match on an expression (`dense=True`) so that no name index is used
  to collect and sort every match.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import BooleanField, Expression, F, Q, QuerySet, Value
from django.db.models.functions import Concat

from members.models import Person
from members.walk import NameWalk, SmallScope, WalkPlan

_TOKEN = re.compile(r"[a-z0-9]+")
COUNT_CAP = 10_000  # a list counts at most this many files; beyond it shows "more than 10.000"
PER_PAGE = 50
WORD_WALK = True  # a typed name is read from the word table (members.walk); False: the plans before it (benchmarks)
PICKER_CAP = 1_000  # person_search: at most this many matches are collected and sorted, more walk the order


@dataclass(frozen=True)
class Cursor:
    """A row's place in the order: its sort key and id. Encoded opaque (URL-safe base64) in links and the API."""

    sort_name: str
    pk: int

    @classmethod
    def of(cls, person: Person) -> Cursor:
        return cls(person.sort_name, person.pk)

    def encode(self) -> str:
        return base64.urlsafe_b64encode(f"{self.pk}:{self.sort_name}".encode()).decode().rstrip("=")

    @classmethod
    def decode(cls, text: str | None) -> Cursor | None:
        """The cursor, or None when the text is empty; ValueError when it is not one this module wrote."""
        text = (text or "").strip()
        if not text:
            return None
        try:
            raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)).decode()
            pk, sort_name = raw.split(":", 1)
            return cls(sort_name, int(pk))
        except (binascii.Error, UnicodeDecodeError, ValueError) as exc:
            raise ValueError("not a list cursor") from exc


class WordsMatch(Expression):
    """PostgreSQL: `to_tsvector('simple', search_name) @@ to_tsquery('simple', 'w1:* & w2:*')`, served by the GIN
    index `person_search_words` (migration 0008): the files having a word that begins with each typed word's
    letters. A superset of the word-beginning match (a typed "h'he" asks for words beginning "h" and "he"), so
    the caller keeps its exact LIKE conditions beside it; the index only finds the candidates."""

    output_field = BooleanField()
    conditional = True

    def __init__(self, query: str) -> None:
        super().__init__()
        self.query = query
        self.column: Any = F("search_name")

    def get_source_expressions(self) -> list[Any]:
        return [self.column]

    def set_source_expressions(self, exprs: Sequence[Any]) -> None:
        (self.column,) = exprs

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, list[Any]]:
        column, params = compiler.compile(self.column)
        return (f"to_tsvector('simple'::regconfig, {column}) @@ to_tsquery('simple'::regconfig, %s)",
                [*params, self.query])


def words_match(folded: str) -> Q | None:
    """The full-text condition for the folded typed text on PostgreSQL (None elsewhere, or for no letters)."""
    tokens = _TOKEN.findall(folded)
    if connection.vendor != "postgresql" or not tokens:
        return None
    return Q(WordsMatch(" & ".join(f"{token}:*" for token in tokens)))


@dataclass(frozen=True)
class KeysetPage:
    """One page: its rows, the capped count, and the cursors of the pages beside it (None: no such page)."""

    rows: list[Person]
    count: int  # exact when `over` is False, else cap + 1
    cap: int
    next_cursor: str | None
    previous_cursor: str | None
    by_status: dict[str, int] = field(default_factory=dict)  # the list's files by status; empty when `over`

    @property
    def over(self) -> bool:
        """More files than the cap: `count` is not the total."""
        return self.count > self.cap

    @property
    def is_first(self) -> bool:
        return self.previous_cursor is None


def capped_count(queryset: QuerySet[Person], cap: int) -> int:
    """The number of files, counted up to cap + 1 (one query: see capped_status_counts)."""
    return sum(capped_status_counts(queryset, cap).values())


def capped_status_counts(queryset: QuerySet[Person], cap: int) -> dict[str, int]:
    """The files by status, counted up to cap + 1 files in all (one query: GROUP BY over a LIMIT subquery); when
    the sum is over `cap`, the numbers are those of the first rows met, not of the list."""
    try:
        sql, params = queryset.order_by().values("status")[: cap + 1].query.sql_with_params()
    except EmptyResultSet:  # a filter that can match nothing (e.g. `pk__in=[]`) compiles to no SQL at all
        return {}
    with connection.cursor() as cursor:
        # `sql` is Django's compiled query; every value in it is a parameter.
        cursor.execute(f"SELECT capped.status, COUNT(*) FROM ({sql}) capped GROUP BY capped.status",  # noqa: S608
                       params)
        return dict(cursor.fetchall())


def _after(cursor: Cursor) -> Q:
    # (sort_name, id) > (k, i), written so that `sort_name >= k` bounds an index range on every database.
    return Q(sort_name__gte=cursor.sort_name) & (Q(sort_name__gt=cursor.sort_name) | Q(pk__gt=cursor.pk))


def _before(cursor: Cursor) -> Q:
    return Q(sort_name__lte=cursor.sort_name) & (Q(sort_name__lt=cursor.sort_name) | Q(pk__lt=cursor.pk))


def keyset_page(
    build: Callable[[bool], QuerySet[Person]],
    *,
    after: Cursor | None = None,
    before: Cursor | None = None,
    per_page: int = PER_PAGE,
    cap: int = COUNT_CAP,
    offset: int = 0,
    walk: NameWalk | None = None,
) -> KeysetPage:
    """The page after `after` (or before `before`, or the first) of `build(dense)`'s files.

    `build(dense)` returns the filtered files; with dense=True it writes any name match so that no index other
    than the sort index serves it (see the module docstring). `walk`: a name is typed, read the page from the
    word table (members.walk) when it applies. Two queries the old way (the capped count by status, the page);
    the word walk adds its preparation (the words, the scope's cells) and reads the page's rows by id.
    `offset` skips rows after the cursor (older API clients page by offset; it costs what it skips).
    """
    plan = WalkPlan.of(walk) if walk is not None and WORD_WALK else None
    if isinstance(plan, WalkPlan):
        people = build(True)
        by_status = plan.status_counts(people, cap)
        count = sum(by_status.values())

        def walked(after: Cursor | None, before: Cursor | None, limit: int, skip: int) -> list[Person]:
            return list(plan.rows(people, after=after, before=before, limit=limit, offset=skip))

        page = _paginate(walked, after=after, before=before, per_page=per_page, offset=offset)
        return replace(page, count=count, cap=cap, by_status={} if count > cap else by_status)
    if isinstance(plan, SmallScope):
        few = build(True).filter(organization__in=plan.organizations)
        by_status = capped_status_counts(few, cap)
        page = _rows(few, dense=False, after=after, before=before, per_page=per_page, offset=offset)
        count = sum(by_status.values())
        return replace(page, count=count, cap=cap, by_status={} if count > cap else by_status)
    by_status = capped_status_counts(build(False), cap)
    count = sum(by_status.values())
    dense = count > cap
    page = _rows(build(dense), dense=dense, after=after, before=before, per_page=per_page, offset=offset)
    return replace(page, count=count, cap=cap, by_status={} if dense else by_status)


def first_rows(build: Callable[[bool], QuerySet[Person]], *, limit: int,
               walk: NameWalk | None = None) -> QuerySet[Person]:
    """The first `limit` files of `build(dense)` in name order, for a picker (no total shown). With `walk`
    (a name typed) read from the word table when it applies: the ids, then the rows. Else the plan chosen as
    for a page, by a count capped lower (PICKER_CAP) since no total is shown: up to that many matches are
    collected and sorted, more are found by walking the sort index. Two queries: that count, the rows."""
    plan = WalkPlan.of(walk) if walk is not None and WORD_WALK else None
    if isinstance(plan, WalkPlan):
        people = build(True)
        return plan.rows(people, after=None, before=None, limit=limit)
    if isinstance(plan, SmallScope):
        return build(True).filter(organization__in=plan.organizations).order_by(Concat(F("sort_name"), Value("")),
                                                                                "pk")[:limit]
    dense = capped_count(build(False), PICKER_CAP) > PICKER_CAP
    people = build(dense)
    if not dense:
        people = people.order_by(Concat(F("sort_name"), Value("")), "pk")
    return people[:limit]


Fetch = Callable[[Cursor | None, Cursor | None, int, int], list[Person]]


def _rows(people: QuerySet[Person], *, dense: bool, after: Cursor | None, before: Cursor | None, per_page: int,
          offset: int) -> KeysetPage:
    if dense:
        key: Any = F("sort_name")
    else:
        key = Concat(F("sort_name"), Value(""))  # equal to the sort key, not servable by its index

    def fetch(after: Cursor | None, before: Cursor | None, limit: int, skip: int) -> list[Person]:
        if before is not None:
            return list(people.filter(_before(before)).order_by(key.desc(), "-pk")[:limit])
        chosen = people.filter(_after(after)) if after is not None else people
        return list(chosen.order_by(key.asc(), "pk")[skip : skip + limit])

    return _paginate(fetch, after=after, before=before, per_page=per_page, offset=offset)


def _paginate(fetch: Fetch, *, after: Cursor | None, before: Cursor | None, per_page: int,
              offset: int) -> KeysetPage:
    """The page from `fetch(after, before, limit, offset)` (rows in list order, descending before a cursor)."""
    count, cap = 0, 0  # filled in by keyset_page
    if before is not None:
        rows = fetch(None, before, per_page + 1, 0)
        more_before = len(rows) > per_page
        rows = rows[:per_page][::-1]
        previous = Cursor.of(rows[0]).encode() if rows and more_before else None
        after_last = Cursor.of(rows[-1]).encode() if rows else after_cursor_of(before)
        return KeysetPage(rows, count, cap, after_last, previous)
    rows = fetch(after, None, per_page + 1, offset)
    more_after = len(rows) > per_page
    rows = rows[:per_page]
    following = Cursor.of(rows[-1]).encode() if rows and more_after else None
    previous = None
    if after is not None and not offset:
        previous = Cursor.of(rows[0]).encode() if rows else before_cursor_of(after)
    return KeysetPage(rows, count, cap, following, previous)


def after_cursor_of(cursor: Cursor) -> str:
    """The cursor text that continues after `cursor`'s row (a page that came back empty still links on)."""
    return Cursor(cursor.sort_name, cursor.pk - 1).encode()


def before_cursor_of(cursor: Cursor) -> str:
    return Cursor(cursor.sort_name, cursor.pk + 1).encode()
