"""The word table of member names (members.PersonWord): kept with the files, and walked by a name search.

A file has one row per distinct word of its folded name (`search_name` split on its spaces), each repeating the
file's sort key, cell and status. The rows are rewritten:

- `person_words_write(person)` when the name is written (person_create, person_update); `people_words(people)`
  gives the rows a bulk import inserts with its files (members.services.bulk);
- `person_words_sync(person)` when the cell or status is re-derived from the log (members.services.log._rebuild);
- `words_fill()` for files written in bulk (migration 0009, the benchmark generator), set-based on PostgreSQL.

A typed word matches a file when it begins one of the file's words (the LIKE conditions of members.queries,
unchanged); `vocabulary(prefix)` lists the distinct words it begins, and members.walk reads, for each of them, its
files in list order from the btree `personword_walk` and merges them (see members.keyset).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection

from members.models import Person, PersonWord

MAX_WORDS = 64  # a typed word beginning more distinct words than this is short and common: walk the sort index
RARITY_CAP = 20_000  # rows counted per typed word to pick the rarest (index-only)


def _words(search_name: str) -> list[str]:
    return list(dict.fromkeys(word for word in search_name.split(" ") if word))


def people_words(people: Iterable[Person]) -> list[PersonWord]:
    """The rows of saved files (not written: a bulk import inserts them with its own rows)."""
    return [PersonWord(person=person, word=word, sort_name=person.sort_name, organization_id=person.organization_id,
                       status=person.status)
            for person in people for word in _words(person.search_name)]


def person_words_write(person: Person) -> None:
    """Rewrite the file's rows from its (saved) name, cell and status."""
    PersonWord.objects.filter(person=person).delete()
    PersonWord.objects.bulk_create(people_words([person]))


def person_words_sync(person: Person) -> None:
    """The rows follow the file's cell and status (one UPDATE, none when they already do)."""
    PersonWord.objects.filter(person=person).exclude(organization_id=person.organization_id,
                                                     status=person.status).update(
        organization_id=person.organization_id, status=person.status)


def words_fill() -> int:
    """Write the rows of every file that has none (files written in bulk); returns how many rows were written."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO members_personword (person_id, word, sort_name, organization_id, status) "
                "SELECT DISTINCT p.id, w.word, p.sort_name, p.organization_id, p.status FROM members_person p "
                "CROSS JOIN LATERAL unnest(string_to_array(p.search_name, ' ')) AS w(word) "
                "WHERE w.word <> '' AND NOT EXISTS (SELECT 1 FROM members_personword x WHERE x.person_id = p.id)"
            )
            return int(cursor.rowcount)
    have = set(PersonWord.objects.values_list("person_id", flat=True).distinct())
    rows = [
        PersonWord(person_id=pk, word=word, sort_name=sort_name, organization_id=organization_id, status=status)
        for pk, search_name, sort_name, organization_id, status in Person.objects.values_list(
            "pk", "search_name", "sort_name", "organization_id", "status").iterator(chunk_size=5_000)
        if pk not in have
        for word in _words(search_name)
    ]
    PersonWord.objects.bulk_create(rows, batch_size=2_000)
    return len(rows)


def like_prefix(word: str) -> str:
    """The LIKE pattern of the words beginning `word` (its %, _ and \\ taken literally)."""
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _escape_clause() -> str:
    # PostgreSQL's default escape is the backslash (and an explicit one would hide the prefix from the planner);
    # SQLite has none by default.
    return "" if connection.vendor == "postgresql" else " ESCAPE '\\'"


def rarest(words: list[str]) -> str:
    """The typed word beginning the fewest rows (counted up to RARITY_CAP each, index-only; one query). Words
    over the cap ("nguyen van dung" at national scale) are told apart by the planner's statistics of the
    table (PostgreSQL: the frequencies of its most common words, one more query)."""
    if len(words) == 1:
        return words[0]
    like = f"word LIKE %s{_escape_clause()}"
    parts = [f"SELECT {i}, (SELECT COUNT(*) FROM (SELECT 1 FROM members_personword WHERE {like} "  # noqa: S608
             f"LIMIT {RARITY_CAP}) c)" for i in range(len(words))]
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), [like_prefix(word) for word in words])
        counted = {words[i]: n for i, n in cursor.fetchall()}
    common = _frequencies() if sum(n >= RARITY_CAP for n in counted.values()) > 1 else {}

    def share(word: str) -> float:
        return sum(f for w, f in common.items() if w.startswith(word))

    return min(words, key=lambda word: (counted[word], share(word), -len(word)))


def _frequencies() -> dict[str, float]:
    """The most common words and their shares of the table, as PostgreSQL's statistics hold them (else none)."""
    if connection.vendor != "postgresql":
        return {}
    with connection.cursor() as cursor:
        cursor.execute("SELECT most_common_vals::text::text[], most_common_freqs FROM pg_stats "
                       "WHERE tablename = 'members_personword' AND attname = 'word'")
        row = cursor.fetchone()
    if not row or row[0] is None:
        return {}
    return dict(zip(row[0], row[1], strict=False))


def vocabulary(word: str) -> list[str]:
    """The distinct words that `word` begins, at most MAX_WORDS + 1 (more: the caller walks the sort index).

    PostgreSQL: a loose scan of `personword_walk` (one index descent per distinct word, whatever their files)."""
    pattern = like_prefix(word)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "WITH RECURSIVE v(word) AS ("  # noqa: S608 (a constant; the pattern is a parameter)
                " (SELECT word FROM members_personword WHERE word LIKE %s ORDER BY word USING ~<~ LIMIT 1)"
                " UNION ALL"
                " SELECT (SELECT w.word FROM members_personword w WHERE w.word ~>~ v.word AND w.word LIKE %s"
                "  ORDER BY w.word USING ~<~ LIMIT 1) FROM v WHERE v.word IS NOT NULL"
                f") SELECT word FROM v WHERE word IS NOT NULL LIMIT {MAX_WORDS + 1}",
                [pattern, pattern],
            )
        else:
            cursor.execute(f"SELECT DISTINCT word FROM members_personword WHERE word LIKE %s{_escape_clause()} "  # noqa: S608
                           f"ORDER BY word LIMIT {MAX_WORDS + 1}", [pattern])
        return [row[0] for row in cursor.fetchall()]
