"""The words of a file's name, one row per distinct word: what a name search walks in name order (members.words).

`search_name` (the folded name) split on its spaces gives the words; each row repeats the file's sort key, cell and
status so that the btree `personword_walk` on (word, sort_name, person, organization, status) yields, for one word,
its files in list order (sort_name, id) with the cell and status at hand for the scope and status tests, without
reading the files. Written only by
members.words (called by the file services, the derivation of a file's cell, the migration that filled it and the
benchmark generator); imported by members.models.
"""

from __future__ import annotations

from django.db import models

from organizations.models import Organization


class PersonWord(models.Model):
    """`word` is one word of `person`'s folded name; `sort_name`, `organization` and `status` copy the file's."""

    person = models.ForeignKey("members.Person", on_delete=models.CASCADE, related_name="+")
    word = models.CharField(max_length=300)
    sort_name = models.CharField(max_length=500)
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+", db_index=False)
    status = models.CharField(max_length=20)

    class Meta:
        indexes = [
            # One word's files in list order, with the cell for the scope test (index-only); the pattern opclass
            # lets a typed prefix ('dung%') find its words in any collation.
            models.Index(fields=["word", "sort_name", "person", "organization", "status"],
                         name="personword_walk", opclasses=["varchar_pattern_ops", "", "", "", ""]),
        ]

    def __str__(self) -> str:
        return self.word
