"""The report model: the annual Party-building report of an organization for a period, as of a date.

`report_build` asks the figures registry once (reports.figures.compute: a fixed number of aggregate queries,
whatever the number of members) and turns the answer into sections of sentences (reports.annual.sentences), a
header and a signature block in the format of Party documents (Hướng dẫn 36-HD/VPTW) and an appendix listing
every key the sentences quote with its value. The DOCX and the PDF are two renderings of this one model, so they
carry the same figures.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from core.errors import DomainError
from core.figures import labels
from organizations.models import Organization
from organizations.queries import organization_ancestors
from reports.annual import sentences as s
from reports.annual.charts import Chart, report_charts
from reports.figures import compute, make_request
from reports.labels import Labeller
from targets.queries import indicators

PARTY = "ĐẢNG CỘNG SẢN VIỆT NAM"  # the national emblem line of every Party document (36-HD/VPTW), never translated
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII")


@dataclass(frozen=True)
class Section:
    heading: str
    sentences: list[s.Sentence]


@dataclass(frozen=True)
class AppendixRow:
    key: str
    label: str
    value: str


@dataclass
class Report:
    organization: Organization
    date_from: dt.date
    date_to: dt.date
    as_of: dt.date
    superior: str
    body: str
    number: str
    place_date: str
    title: str
    subtitle: str
    sections: list[Section]
    signer: str
    appendix: list[AppendixRow]
    figures: dict[str, Any] = field(repr=False)
    charts: list[Chart] = field(default_factory=list, repr=False)
    basis: str = ""  # how the figures were counted when it is not the organization's own subtree

    def texts(self) -> list[str]:
        """Every paragraph of the body, in order (tests and the plain-text check read them)."""
        return [self.title, self.subtitle] + [t for sec in self.sections
                                              for t in [sec.heading, *[x.text for x in sec.sentences]]]


def report_build(*, actor: Any, organization: Organization, date_from: dt.date | None = None,
                 date_to: dt.date | None = None, as_of: dt.date | None = None, number: str = "",
                 place: str = "", signed_on: dt.date | None = None, signer: str = "", next_tasks: str = "",
                 language: str = "vi", with_predecessors: bool = False) -> Report:
    """The annual report of `organization` (already checked in the actor's scope by the caller's lookup).

    Defaults: as_of = 31/12 of the period's year when a period is given, else today; the period = the calendar
    year of as_of. Refused (DomainError naming the field): a period ending before it starts; an as-of date
    before the organization existed (no data yet), unless `with_predecessors` counts the organizations it took
    over from (reports.predecessors: figures across a reorganization)."""
    if as_of is None and date_to is not None:
        as_of = date_to
    request = make_request(organization=organization, date_from=date_from, date_to=date_to, as_of=as_of)
    with translation.override(language):
        if not with_predecessors:
            check_as_of(organization, request.as_of)
        result = compute(request, with_predecessors=with_predecessors)
        figures = result["figures"]
        known = {i.code: (i.name, i.unit) for i in indicators()}
        next_lines = [line.strip() for line in next_tasks.splitlines() if line.strip()]
        bodies = [
            (_("Political and ideological work, training"), s.political_work(figures)),
            (_("Building the organization and the members"),
             s.organization_work(figures, organization_name=organization.name)),
            (_("Inspection and supervision work"), s.inspection_work(figures)),
            (_("Mass mobilisation"), s.mobilisation_work(figures)),
            (_("Leading the socio-economic tasks"), s.socio_economic_work(figures, known)),
            (_("Tasks for %(year)s") % {"year": request.date_to.year + 1},
             [s.Sentence(line, ()) for line in next_lines]),
        ]
        sections = [Section(f"{ROMAN[i]}. {heading.upper()}",
                            body or [s.Sentence(_("No records for this section in the period."), ())])
                    for i, (heading, body) in enumerate(bodies)]
        ancestors = organization_ancestors(actor, organization=organization)
        signed_on = signed_on or timezone.localdate()
        return Report(
            organization=organization, date_from=request.date_from, date_to=request.date_to, as_of=request.as_of,
            superior=ancestors[-1].name.upper() if ancestors else "", body=organization.name.upper(),
            number=_("No. %(number)s-BC") % {"number": number or "…"},
            place_date=_("%(place)s, %(day)s/%(month)s/%(year)s") % {
                "place": place or "…", "day": f"{signed_on.day:02d}", "month": f"{signed_on.month:02d}",
                "year": signed_on.year},
            title=_("REPORT"),
            subtitle=_("Results of Party-building work in %(year)s") % {"year": request.date_to.year}
            if (request.date_from.year == request.date_to.year) else
            _("Results of Party-building work from %(start)s to %(end)s") % {
                "start": date_format(request.date_from, "d/m/Y"), "end": date_format(request.date_to, "d/m/Y")},
            sections=sections, signer=signer, appendix=_appendix(sections, figures, known), figures=figures,
            charts=report_charts(organization, request, figures, with_predecessors=with_predecessors),
            basis=_("Counted with the predecessors: %(names)s.") % {
                "names": ", ".join(p["name"] for p in result["predecessors"])} if result["predecessors"] else "")


def check_as_of(organization: Organization, as_of: dt.date) -> None:
    """Refuse an as-of date before the organization existed: there is no data to report on."""
    if as_of < organization.established_on:
        raise DomainError(
            _("There is no data for %(organization)s on %(date)s: it was established on %(established)s.")
            % {"organization": organization.name, "date": as_of.strftime("%d/%m/%Y"),
               "established": organization.established_on.strftime("%d/%m/%Y")}, field="as_of")


def _appendix(sections: list[Section], figures: dict[str, Any],
              indicators: dict[str, tuple[str, str]]) -> list[AppendixRow]:
    """Every key the sentences quote, in order of appearance, with its label and value. A key that ends in a code
    from data (a commendation level, a learner tag …) is labelled with that record's name, as on the figures page
    (reports.labels), never with the code."""
    rows: list[AppendixRow] = []
    labeller = Labeller()
    seen: set[str] = set()
    for section in sections:
        for sentence in section.sentences:
            for name in sentence.keys:
                if name in seen:
                    continue
                seen.add(name)
                namespace, key = name.split(".", 1)
                value = figures.get(namespace, {}).get(key)
                shown = s.number(value, padded=False) if isinstance(value, int) else str(value)
                if namespace == "targets" and str(labels.label(namespace, key)) == key:
                    # indicator keys are data: named by the indicator
                    code = next((c for c in sorted(indicators, key=len, reverse=True) if key.startswith(c)), "")
                    label = f"{indicators[code][0]} ({key[len(code):].strip('_') or indicators[code][1]})" \
                        if code else str(labeller.label(namespace, key))
                else:
                    label = str(labeller.label(namespace, key))
                rows.append(AppendixRow(key=name, label=label, value=shown))
    return rows
