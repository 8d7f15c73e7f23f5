"""Layouts of the statistical forms, as data: a new guide is a change here, not in code.

Each form: a code, a title, the guide it follows, whether its columns could be checked against the guide's text
(`confirmed`; the unconfirmed are listed in docs/reports.md), and its rows. A row is (label, source) where the
source names a figure key "namespace.key", a breakdown "breakdown:<name>" (one row per value found), or "" for a
heading without a value. Labels are English msgids (translated in locale/).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Layout:
    code: str
    title: object
    guide: str
    confirmed: bool
    rows: tuple[tuple[object, str], ...]


MOVEMENT = Layout(
    code="movement", title=_("Members' movement over the period"),
    guide="Hướng dẫn 12-HD/BTCTW (2012), biểu 1-TCTW", confirmed=False,
    rows=(
        (_("Members at the start of the period"), "opening.members_total"),
        (_("Increases in the period"), ""),
        (_("Admitted in the period"), "members.admitted"),
        (_("Readmitted in the period"), "members.readmitted"),
        (_("Transferred in from outside the subtree"), "members.transferred_in"),
        (_("Decreases in the period"), ""),
        (_("Transferred out of the subtree"), "members.transferred_out"),
        (_("Died in the period"), "members.died"),
        (_("Struck off (not recognised included)"), "members.struck_off"),
        (_("Expelled in the period"), "members.expelled"),
        (_("Left the Party in the period"), "members.left"),
        (_("Members at the end of the period"), "members.members_total"),
        (_("of which official"), "members.members_official"),
        (_("of which probationary"), "members.members_probationary"),
        (_("Recognised as official members in the period"), "members.recognised"),
    ),
)

QUALIFICATION = Layout(
    code="qualification", title=_("Members by political theory level and general education"),
    guide="Hướng dẫn 12-HD/BTCTW (2012), biểu 3-TCTW", confirmed=False,
    rows=(
        (_("Members at the end of the period"), "members.members_total"),
        (_("Political theory (each member once, at the highest level)"), ""),
        (_("by political theory level"), "breakdown:political_theory"),
        (_("General education"), ""),
        (_("by general education"), "breakdown:general_education"),
    ),
)

ETHNICITY = Layout(
    code="ethnicity", title=_("Members by ethnicity and religion"),
    guide="Hướng dẫn 12-HD/BTCTW (2012), biểu 4-TCTW", confirmed=False,
    rows=(
        (_("Members at the end of the period"), "members.members_total"),
        (_("Ethnicity"), ""),
        (_("by ethnicity"), "breakdown:ethnicity"),
        (_("Religion"), ""),
        (_("by religion"), "breakdown:religion"),
    ),
)

ORGANIZATIONS = Layout(
    code="organizations", title=_("Party organizations by kind"),
    guide="Hướng dẫn 12-HD/BTCTW (2012), biểu 2-TCTW", confirmed=False,
    rows=(
        (_("Party organizations under it"), "organizations.organizations_total"),
        (_("Grassroots Party organizations"), "organizations.grassroots_organizations"),
        (_("of which grassroots Party committees"), "organizations.grassroots_committees"),
        (_("of which grassroots Party cells"), "organizations.grassroots_cells"),
        (_("Party cells under a grassroots committee"), "organizations.subordinate_cells"),
        (_("Party cells (where members are registered)"), "organizations.cells"),
    ),
)

LAYOUTS: tuple[Layout, ...] = (MOVEMENT, QUALIFICATION, ETHNICITY, ORGANIZATIONS)
