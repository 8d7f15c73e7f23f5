"""The sentences of the annual Party-building report, built from the figures registry's answer.

Each builder takes the figures (namespace -> key -> value) and returns `Sentence`s carrying the keys they quote,
so that every number in the report can be traced to its key (the appendix lists them). A figure that is zero or
missing (its app is not installed, no record) drops its clause; a sentence with no clause left is dropped: the
report never writes "0 lớp". Numbers follow targets.wording (the report conventions: "1.023", "55,61", a count
written with its noun padded to two digits, "03 lớp").
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from targets import wording

Figures = Mapping[str, Mapping[str, Any]]


@dataclass(frozen=True)
class Sentence:
    text: str
    keys: tuple[str, ...]

    def __str__(self) -> str:
        return self.text


class _Reader:
    """Reads figures and remembers which keys were quoted."""

    def __init__(self, figures: Figures) -> None:
        self.figures = figures
        self.keys: list[str] = []

    def value(self, namespace: str, key: str) -> Any:
        return self.figures.get(namespace, {}).get(key)

    def count(self, namespace: str, key: str) -> int:
        """A whole-number figure, 0 when missing or not a number."""
        found = self.value(namespace, key)
        return found if isinstance(found, int) and not isinstance(found, bool) else 0

    def quote(self, namespace: str, key: str) -> None:
        name = f"{namespace}.{key}"
        if name not in self.keys:
            self.keys.append(name)

    def counted(self, namespace: str, key: str, *, padded: bool = True) -> str | None:
        """The count as the report writes it ("03", "1.023"), or None when zero (the clause is dropped)."""
        found = self.count(namespace, key)
        if found <= 0:
            return None
        self.quote(namespace, key)
        return number(found, padded=padded)

    def text(self, namespace: str, key: str) -> str | None:
        """A text figure ("đạt 126% KH"), or None when empty."""
        found = self.value(namespace, key)
        if found in (None, "", 0):
            return None
        self.quote(namespace, key)
        return found if isinstance(found, str) else number(found, padded=False)

    def take(self) -> tuple[str, ...]:
        keys, self.keys = tuple(self.keys), []
        return keys


def number(value: int, *, padded: bool = True) -> str:
    """12 -> "12", 3 -> "03" (padded), 1023 -> "1.023"."""
    if padded and 0 <= value < 10:
        return wording.padded(value)
    return wording.number_text(value)


def _sentence(clauses: Sequence[str | None]) -> str | None:
    """Join the clauses that remain with "; ", capitalise, end with a full stop; None when none remain."""
    kept = [c for c in clauses if c]
    if not kept:
        return None
    text = "; ".join(kept)
    return text[0].upper() + text[1:] + ("" if text.endswith(".") else ".")


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _emit(out: list[Sentence], reader: _Reader, clauses: Sequence[str | None]) -> None:
    text = _sentence(clauses)
    keys = reader.take()
    if text:
        out.append(Sentence(text, keys))


# ----------------------------------------------------------------------------- I. political and ideological work


def _who(reader: _Reader, namespace: str, collective: str, individual: str) -> str | None:
    parts = []
    if found := reader.counted(namespace, collective):
        parts.append(_("%(count)s collectives") % {"count": found})
    if found := reader.counted(namespace, individual):
        parts.append(_("%(count)s individuals") % {"count": found})
    return ", ".join(parts) or None


TRAINING_CLASSES: tuple[tuple[str, str], ...] = (
    ("professional", gettext_noop("%(classes)s political theory and professional classes with %(learners)s learners")),
    ("awareness", gettext_noop("%(classes)s classes on the Party for %(learners)s outstanding candidates")),
    ("new_member", gettext_noop("%(classes)s political theory classes for new members with %(learners)s learners")),
    ("theory_elementary", gettext_noop("%(classes)s elementary political theory classes with %(learners)s learners")),
    ("theory_intermediate", gettext_noop("%(classes)s intermediate political theory classes with "
                                         "%(learners)s learners")),
    ("theory_advanced", gettext_noop("%(classes)s advanced political theory classes with %(learners)s learners")),
    ("civil_servant", gettext_noop("%(classes)s civil-servant grade classes with %(learners)s learners")),
    ("update", gettext_noop("%(classes)s knowledge update classes with %(learners)s learners")),
)


def _class_clause(reader: _Reader, category: str, msgid: str) -> str | None:
    classes = reader.counted("training", f"classes_{category}")
    learners = reader.counted("training", f"learners_{category}", padded=False)
    if not classes or not learners:
        reader.keys = [k for k in reader.keys if not k.endswith(f"_{category}")]
        return None
    text = _(msgid) % {"classes": classes, "learners": learners}
    if category == "awareness":
        recruits = [k for k in reader.figures.get("training", {}) if k.startswith("learners_tagged_tan_binh")]
        total = sum(reader.count("training", k) for k in recruits)
        if total:
            for key in recruits:
                if reader.count("training", key):
                    reader.quote("training", key)
            text += " " + _("(of which %(recruits)s new army recruits)") % {"recruits": number(total, padded=False)}
    return text


def political_work(figures: Figures) -> list[Sentence]:
    reader, out = _Reader(figures), list[Sentence]()
    who = _who(reader, "honours", "honour_book_collective", "honour_book_individual")
    _emit(out, reader, [who and _("recorded %(who)s in the register of good people and good deeds") % {"who": who}])
    who = _who(reader, "honours", "commendations_hcm_study_collective", "commendations_hcm_study_individual")
    _emit(out, reader, [who and _("commended %(who)s for outstanding achievements in studying and following Ho Chi "
                                  "Minh's thought, morality and style (Directive 05-CT/TW)") % {"who": who}])
    first = reader.counted("honours", "contest_prizes_first")
    _emit(out, reader, [first and _("won %(count)s first prizes in contests") % {"count": first}])
    documents = reader.counted("documents", "issued_total")
    _emit(out, reader, [documents and _("issued %(count)s documents to lead and direct") % {"count": documents}])
    clauses = [_class_clause(reader, category, msgid) for category, msgid in TRAINING_CLASSES]
    opened = "; ".join(c for c in clauses if c)
    _emit(out, reader, [opened and _("opened %(classes)s") % {"classes": opened}])
    closed = reader.counted("training", "classes_closed")
    _emit(out, reader, [closed and _("closed %(count)s classes") % {"count": closed}])
    return out


# ----------------------------------------------------------------------------- II. organization and members


def organization_work(figures: Figures, *, organization_name: str) -> list[Sentence]:
    reader, out = _Reader(figures), list[Sentence]()
    members = reader.counted("members", "members_total")
    cells = reader.counted("organizations", "cells")
    grassroots = reader.counted("organizations", "grassroots_organizations")
    stock = []
    if members:
        stock.append(_("%(organization)s has %(members)s members") % {"organization": organization_name,
                                                                        "members": members})
        if cells:
            stock[-1] += ", " + _("meeting in %(cells)s Party cells") % {"cells": cells}
    if grassroots:
        stock.append(_("%(count)s grassroots Party organizations") % {"count": grassroots})
    _emit(out, reader, stock)
    established = reader.counted("organizations", "established")
    dissolved = reader.counted("organizations", "dissolved")
    congresses = reader.counted("committees", "congresses_held")
    appointed = reader.counted("committees", "terms_appointed")
    _emit(out, reader, [
        established and _("established %(count)s Party organizations") % {"count": established},
        dissolved and _("dissolved %(count)s Party organizations") % {"count": dissolved},
        congresses and _("held %(count)s congresses") % {"count": congresses},
        appointed and _("appointed %(count)s Party committees") % {"count": appointed},
    ])
    admitted = reader.counted("members", "admitted", padded=False)
    if admitted:
        admitted = _("admitted %(count)s new members") % {"count": admitted}
        if phrase := reader.text("targets", "party_admissions_phrase"):
            admitted += ", " + phrase
    recognised = reader.counted("members", "recognised", padded=False)
    dossiers = reader.counted("members", "dossiers_completed", padded=False)
    _emit(out, reader, [
        admitted,
        recognised and _("recognised %(count)s comrades as official members") % {"count": recognised},
        dossiers and _("completed the admission dossiers of %(count)s outstanding candidates") % {"count": dossiers},
    ])
    movements = [("transferred_in", _("received %(count)s members transferred in")),
                 ("transferred_out", _("transferred out %(count)s members")),
                 ("readmitted", _("readmitted %(count)s members")),
                 ("struck_off", _("struck off %(count)s members")),
                 ("expelled", _("expelled %(count)s members")),
                 ("left", _("%(count)s members left the Party")),
                 ("died", _("%(count)s members died"))]
    _emit(out, reader, [(found := reader.counted("members", key)) and msg % {"count": found}
                        for key, msg in movements])
    out.extend(_rating(reader))
    overseen = reader.counted("oversight", "cells_overseen")
    all_cells = reader.counted("oversight", "cells")
    _emit(out, reader, [overseen and all_cells and _("%(overseen)s/%(cells)s Party cells have a committee member "
                                                     "in charge") % {"overseen": overseen, "cells": all_cells}])
    return out


RATING_SUBJECTS: tuple[tuple[str, Callable[[], str]], ...] = (
    ("grassroots", lambda: _("%(count)s grassroots organizations %(level)s")),
    ("cells", lambda: _("%(count)s Party cells %(level)s")),
    ("members", lambda: _("%(count)s members %(level)s")),
)


def _rating(reader: _Reader) -> list[Sentence]:
    out: list[Sentence] = []
    year = reader.value("rating", "rating_year")
    for category, noun in RATING_SUBJECTS:
        clauses: list[str] = []
        for level in ("excellent", "good", "completed", "not_completed"):
            found = reader.counted("rating", f"{category}_{level}", padded=False)
            label = reader.value("rating", f"{category}_{level}_label")
            if not found or not label:
                continue
            clause = noun() % {"count": found, "level": _lower_first(label)}
            percent = reader.count("rating", f"{category}_{level}_percent")
            if category == "members" and percent:
                reader.quote("rating", f"{category}_{level}_percent")
                clause += f" ({percent}%)"
            clauses.append(clause)
        if clauses:
            text = _("Rating of %(year)s: %(results)s.") % {"year": year, "results": "; ".join(clauses)}
            out.append(Sentence(text, reader.take()))
        reader.take()
    return out


# ----------------------------------------------------------------------------- III, IV: inspection, mobilisation


def inspection_work(figures: Figures) -> list[Sentence]:
    reader, out = _Reader(figures), list[Sentence]()
    inspections = reader.counted("inspection", "inspections")
    supervisions = reader.counted("inspection", "supervisions")
    disciplines = reader.counted("inspection", "disciplines")
    _emit(out, reader, [
        inspections and _("carried out %(count)s inspections") % {"count": inspections},
        supervisions and _("carried out %(count)s thematic supervisions") % {"count": supervisions},
        disciplines and _("took %(count)s disciplinary decisions") % {"count": disciplines},
    ])
    return out


def mobilisation_work(figures: Figures) -> list[Sentence]:
    reader, out = _Reader(figures), list[Sentence]()
    dialogues = reader.counted("mobilisation", "dialogues_total")
    done = reader.counted("mobilisation", "follow_ups_done")
    follow_ups = reader.counted("mobilisation", "follow_ups")
    models = reader.counted("mobilisation", "models_total")
    _emit(out, reader, [
        dialogues and _("held %(count)s dialogues with the people") % {"count": dialogues},
        done and follow_ups and _("%(done)s/%(total)s follow-ups done") % {"done": done, "total": follow_ups},
        models and _("built %(count)s mass mobilisation models") % {"count": models},
    ])
    return out


# ----------------------------------------------------------------------------- V. socio-economic targets


def socio_economic_work(figures: Figures, indicators: Mapping[str, tuple[str, str]]) -> list[Sentence]:
    """One sentence per indicator with a value ("Bình quân lương thực đầu người: 838 kg/người/năm, đạt hơn 104%
    KH, tăng 35 kg/người/năm so với năm 2019"); `indicators` maps code -> (name, unit)."""
    reader, out = _Reader(figures), list[Sentence]()
    targets = figures.get("targets", {})
    for code, (name, unit) in indicators.items():
        if code not in targets or code == "party_admissions":
            continue
        value = reader.text("targets", code)
        if value is None:
            continue
        clauses = [(_("%(name)s: %(value)s %(unit)s") % {"name": name, "value": value, "unit": unit}).strip()]
        if phrase := reader.text("targets", f"{code}_phrase"):
            clauses.append(phrase)
        has_change = reader.value("targets", f"{code}_change") not in (None, "")
        if has_change and (change := reader.text("targets", f"{code}_change_text")):
            clauses.append(change)
        out.append(Sentence(_sentence([", ".join(clauses)]) or "", reader.take()))
    summary = reader.text("targets", "targets_summary") if reader.count("targets", "targets_total") else None
    if summary:
        reader.quote("targets", "targets_total")
    _emit(out, reader, [summary and _("targets of the year: %(summary)s") % {"summary": summary}])
    communes = reader.text("newrural", "communes_summary") if reader.count("newrural", "communes_assessed") else None
    villages = reader.text("newrural", "villages_summary") if reader.count("newrural", "villages_assessed") else None
    _emit(out, reader, [
        communes and _("new rural development: %(summary)s") % {"summary": communes},
        villages and _("villages meeting the new rural standard: %(summary)s") % {"summary": villages},
    ])
    ocop = reader.text("ocop", "ocop_summary") if reader.count("ocop", "products_registered") else None
    _emit(out, reader, [ocop and _("OCOP programme: %(summary)s") % {"summary": ocop}])
    return out
