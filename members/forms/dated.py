"""One page form for every event that carries only its date (members.kinds.dated): ceremony, return from a
temporary transfer, end of an exemption, death."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from django.utils.translation import gettext_lazy as _

from members import services
from members.forms.admission import probation_deadlines
from members.forms.base import EventForm, OptionalDecisionMixin, _decision_group, _reason
from members.kinds.dated import CEREMONY, DEATH, EXEMPTION_END, RETURN, DatedEvent
from members.pages import Deadline
from organizations.forms import date_field


class DatedEventForm(EventForm):
    """An event form whose input is one date (and, when the event takes one, an optional decision)."""

    event: ClassVar[DatedEvent]

    def service_kwargs(self) -> dict[str, Any]:
        kwargs = {**super().service_kwargs(), self.event.date_field: self.cleaned_data[self.event.date_field]}
        if self.event.decision:
            kwargs["decision"] = self.decision()
        return kwargs


def dated_form(
    name: str, event: DatedEvent, *, service: Callable[..., Any], slug: str, title: Any, date_label: Any,
    intro: Any = "", doc: str = "",
) -> type[DatedEventForm]:
    """The form class `name` for `event`: its date field, and the optional decision when the event takes one."""
    attrs: dict[str, Any] = {
        "__doc__": doc, "__module__": __name__, "event": event, "service": staticmethod(service), "slug": slug,
        "title": title, "intro": intro, "kinds": (event.kind,), event.date_field: date_field(date_label),
        "reason": _reason(),
    }
    if event.date_field != "occurred_on":
        attrs["field_map"] = {"occurred_on": event.date_field}
    bases: tuple[type, ...] = (DatedEventForm,)
    if event.decision:
        bases = (OptionalDecisionMixin, DatedEventForm)
        attrs["groups"] = [_decision_group()]
    return type(name, bases, attrs)


_CeremonyBase = dated_form(
    "_CeremonyBase", CEREMONY, service=services.admission_ceremony_record, slug="ceremony",
    title=_("Record the admission ceremony"), date_label=_("Held on"), intro=_("Probation counts from the ceremony."),
)


class CeremonyForm(_CeremonyBase):  # type: ignore[misc,valid-type]  # a class made by dated_form
    """The cell's admission ceremony: probation starts; the form shows when probation will end."""

    def coming(self) -> list[Deadline]:
        held = self.typed("held_on")
        return probation_deadlines(held, today=self.today) if held else []


TemporaryReturnForm = dated_form(
    "TemporaryReturnForm", RETURN, service=services.member_temporary_return, slug="return",
    title=_("Record the return from a temporary transfer"), date_label=_("Returned on"),
    doc="The temporarily transferred member is back in the home cell.",
)
ExemptionEndForm = dated_form(
    "ExemptionEndForm", EXEMPTION_END, service=services.exemption_end, slug="exemption-end",
    title=_("End the exemption from activities"), date_label=_("Takes part again from"),
    intro=_("The member takes part in the cell's activities again."), doc="The member takes part in activities again.",
)
DeathForm = dated_form(
    "DeathForm", DEATH, service=services.death_record, slug="death", title=_("Record the death"),
    date_label=_("Died on"), doc="The member (or candidate) died.",
)
