"""Short help pages, one per main screen: what it is for, the steps, the regulation behind it.

Each page is linked from its screen's header ("Help") by `help_link` in the template (`{% url 'help:page' slug %}`).
The texts are English sources translated into Vietnamese like every other text. The exact rule applied to a
deadline (its number of days and its regulation) is not repeated here: the screens show it beside each deadline,
from the rules data.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET


@dataclass(frozen=True)
class HelpPage:
    title: Any
    purpose: Any
    steps: tuple[Any, ...]
    rules: tuple[Any, ...]
    screen: str  # URL name of the screen it explains
    shown_on: tuple[str, ...] = ()  # URL names (or "namespace:" prefixes) of the screens that link here

    @property
    def screen_url(self) -> str:
        try:
            return reverse(self.screen)
        except NoReverseMatch:
            return ""


CHARTER = _("Party Charter (2011), articles 4 to 8: admission, probation, recognition, transfers and leaving.")
IMPLEMENTING = _("The Central Committee's regulation implementing the Charter in force on the event's date "
                 "(24-QĐ/TW until 30/06/2025, 294-QĐ/TW from 01/07/2025) and its guidance on Party affairs.")
# Who decides follows the date of the decision (organizations.kinds: the kinds' periods; docs/rules.md).
COMPETENT = _("Who decides an admission or a recognition follows the date of the decision: before 01/07/2025 the "
              "standing committee of the district committee (Party Charter, article 4; 24-QĐ/TW §4.3); from "
              "01/07/2025 the commune committee for the cells under it, the provincial standing committee for other "
              "grassroots organizations (294-QĐ/TW; not yet confirmed). The file and the due lists name the "
              "committee competent on that date.")
SUSPENSION_AND_CONTACT = _("Suspension from Party activities: Quy định 22-QĐ/TW of 28/07/2021, articles 28 to 31 "
                           "(30-QĐ/TW before it, 296-QĐ/TW from 30/05/2025). Lost contact: Quy định 24-QĐ/TW "
                           "§4.5.1 (time outside Party activities is left out of the Party age).")

PAGES: dict[str, HelpPage] = {
    "home": HelpPage(
        _("Things to do"),
        _("The first page after signing in: what waits in your organization today, overdue first, and buttons for "
          "the acts you do most often."),
        (_("Read the red items first: their deadline has passed."),
         _("Click a name to open the member's file and record what was done."),
         _("Use the big buttons to open a new candidate's file, record an event or find a member."),
         _("A commune or district sees the same counts per organization under it: click one to see its list.")),
        (_("Deadlines are counted in working days (weekends and public holidays left out), from the rules data; "
           "each list shows the regulation it applies."),),
        "home:index", ("home:index",),
    ),
    "members": HelpPage(
        _("Member files"),
        _("The list of the member files you may see: search by name, filter by cell, status, age or Party age, "
          "print or export to Excel."),
        (_("Type part of a name (with or without diacritics) in the search box."),
         _("Narrow the list with the filters; the counts above the list follow them."),
         _("Click a name to open the file; export the list as it is filtered."),),
        (CHARTER,),
        "members:list", ("members:list",),
    ),
    "member": HelpPage(
        _("A member's file"),
        _("One person's file: status, Party age, badges, the deadlines that run, the history of events, and the "
          "forms for the next event."),
        (_("Check the deadlines at the top: red means overdue."),
         _("Choose the event that happened from the list of actions; only the events the status allows are "
           "offered."),
         _("Fill the date (dd/mm/yyyy) and the decision, then save: the event is added to the history and the "
           "status follows."),
         _("Suspension from Party activities (with its decision and, if it sets one, its last day) and lost "
           "contact with the Party organization (then its restoration) are recorded like other events: the member "
           "stays on the roll; a suspended member is not rated that year, the time without contact is left out of "
           "the Party age. The history shows the last day and the period without contact."),
         _("A wrong event is corrected or withdrawn, never deleted: the history keeps both.")),
        (CHARTER, IMPLEMENTING, COMPETENT, SUSPENSION_AND_CONTACT),
        "members:list", ("members:detail", "members:edit", "members:event", "members:correct", "members:void"),
    ),
    "new-candidate": HelpPage(
        _("New candidate file"),
        _("Open the file of a person the cell will follow towards admission."),
        (_("Type part of the cell's name or its code and choose it from the suggestions (already chosen when you "
           "have only one)."),
         _("Fill the full name, gender and date of birth; the rest can be completed later."),
         _("Save, then record the registration as an outstanding candidate from the file."),
         _("If a file with the same name and date of birth exists, check it before opening another one.")),
        (_("Party Charter (2011), article 4: who may be admitted, the application and the introducers."),
         IMPLEMENTING),
        "members:create", ("members:create",),
    ),
    "pipeline": HelpPage(
        _("Admission pipeline"),
        _("Where each candidate stands, from registration to recognition as an official member."),
        (_("Each column is a stage; a red card has passed its deadline."),
         _("Click a card to open the file and record the next step."),
         _("Export the board to Excel (one row per person, with the stage, status and Party age) or print it.")),
        (CHARTER, IMPLEMENTING, COMPETENT),
        "members:pipeline", ("members:pipeline",),
    ),
    "due": HelpPage(
        _("Due lists"),
        _("The steps that wait, by kind, earliest deadline first, and the Party badges due at the next "
          "presentation day."),
        (_("Choose the organization; the list covers every cell under it."),
         _("Print the list for the cell meeting, or open a file to record what was done.")),
        (IMPLEMENTING, COMPETENT,
         _("Party badges: the guidance on awarding Party badges (years of Party age and presentation days, from "
           "the rules data)."),),
        "members:due", ("members:due",),
    ),
    "organizations": HelpPage(
        _("Organizations"),
        _("The tree of the organizations you may see, today or as it stood on a date, and each organization's "
          "page."),
        (_("Open a level with the arrow; search a name without diacritics."),
         _("On an organization's page: its children, covered units, lineage, figures and leadership."),
         _("Restructurings (establish, merge, split, rename, move, dissolve) show what will happen before you "
           "confirm."),
         _("To name an organization (a new parent, those to merge with), type part of its name or its code and "
           "choose from the suggestions: only those that can be chosen are offered.")),
        (_("Decisions of the competent committee on establishing, merging, splitting and dissolving Party "
           "organizations, recorded with their number and date."),),
        "organizations:tree", ("organizations:",),
    ),
    "figures": HelpPage(
        _("Figures for reports"),
        _("The figures annual reports quote, computed from the records for a period and an organization."),
        (_("Choose the period (for example last year) and the date the organization tree is taken from."),
         _("Read the figures, then export them to Excel or build the report.")),
        (_("Each figure is counted from the events recorded in the files; nothing is typed by hand."),),
        "organizations:tree", ("reports:",),
    ),
    "imports": HelpPage(
        _("Imports"),
        _("Bring member files in from an Excel or CSV file: all rows or none."),
        (_("Download the template and fill one row per person."),
         _("Upload the file: every faulty row is listed with its column; nothing is saved until all rows are "
           "right."),
         _("Export the result to Excel: the errors with their row and column, or the files created.")),
        (CHARTER,),
        "ingest:batch_list", ("ingest:",),
    ),
}


def slug_for(view_name: str) -> str | None:
    """The help page of a screen, by its URL name (exact, else its namespace); None: the help index."""
    for slug, item in PAGES.items():
        if view_name in item.shown_on:
            return slug
    namespace = view_name.split(":", 1)[0] + ":"
    return next((slug for slug, item in PAGES.items() if namespace in item.shown_on), None)


@login_required
@require_GET
def page(request: HttpRequest, slug: str) -> HttpResponse:
    found = PAGES.get(slug)
    if found is None:
        raise Http404
    others = [(key, item.title) for key, item in PAGES.items() if key != slug]
    return render(request, "help/page.html", {"help": found, "slug": slug, "others": others})


@login_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    return render(request, "help/index.html", {"pages": list(PAGES.items())})
