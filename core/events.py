"""Domain events: every write announces what changed, for which organizations and dates, once it is committed.

A lower app never imports the apps that keep something derived from its records (a statistics app keeping
pre-aggregated rows current, a cache of figures): it publishes, and they subscribe.

    subscribe(handler)                        # handler(event) after the transaction commits (never if it rolls back)
    subscribe(handler, in_transaction=True)   # handler(event) at once, inside the writer's transaction
    publish(DomainEvent(app="members", kind="admission", organization_ids=frozenset({cell.pk}),
                        date_from=day, date_to=day, objects=(("members.person", str(person.pk)),)))

Most events need no code in the services: `core.changelog.log_change`, the one place every service records a
change, publishes one for each change of a model its app declares in a `domain_events` module:

    declare("members.memberevent", organizations=("organization_id", "supersedes.organization_id"),
            dates=("occurred_on", "supersedes.occurred_on"))

The organizations are the values of the named attributes (dotted: followed through relations; "pk" for an
organization itself), the dates span the named date attributes, read from the record before and after the change
and from the instance (an update: only the dates it changed), plus what the declaration's `more` adds.
So a correction that backdates an event (a new copy superseding it) announces both the old and the new date and
cell. `date_from`..`date_to` are the dates the change names; stocks counted on later dates
follow from them. A service whose change is not one row (e.g. a restructuring plan) may publish explicitly.

On-commit handlers run through `transaction.on_commit(robust=True)`: a failing subscriber is logged and does not
undo or fail a committed write. In-transaction handlers raise into the writer, whose transaction then rolls back.
"""

from __future__ import annotations

import contextvars
import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from django.db import models, transaction

from core.apps_modules import import_from_apps


@dataclass(frozen=True)
class DomainEvent:
    """What changed: the app and kind of change, the organizations it concerns, the dates it names, the records."""

    app: str
    kind: str
    organization_ids: frozenset[int] = frozenset()
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    objects: tuple[tuple[str, str], ...] = ()  # (model label, primary key)


Handler = Callable[[DomainEvent], None]


More = Callable[[Any], tuple[Iterable[int], Iterable[dt.date]]]


@dataclass(frozen=True)
class Declaration:
    """How to read a model's changes: attributes holding organization ids, date attributes, and optionally a
    function giving more (organization ids, dates) from the instance (e.g. the date a lineage event took effect)."""

    organizations: tuple[str, ...]
    dates: tuple[str, ...] = ()
    kind: str = ""  # default: "<model name>.<action>"
    more: More | None = None


@dataclass
class _Registry:
    declarations: dict[str, Declaration] = field(default_factory=dict)
    on_commit: list[Handler] = field(default_factory=list)
    in_transaction: list[Handler] = field(default_factory=list)
    discovered: bool = False


_registry = _Registry()


def declare(
    model: str, *, organizations: Iterable[str], dates: Iterable[str] = (), kind: str = "", more: More | None = None,
) -> None:
    """Make the changes of `model` ("app_label.modelname") publish events (called from `<app>/domain_events.py`)."""
    _registry.declarations[model.lower()] = Declaration(tuple(organizations), tuple(dates), kind, more)


def subscribe(handler: Handler, *, in_transaction: bool = False) -> Handler:
    """Call `handler(event)` for every published event: after commit (default) or at once inside the transaction.
    Registering the same handler again changes nothing."""
    handlers = _registry.in_transaction if in_transaction else _registry.on_commit
    if handler not in handlers:
        handlers.append(handler)
    return handler


def unsubscribe(handler: Handler) -> None:
    for handlers in (_registry.on_commit, _registry.in_transaction):
        if handler in handlers:
            handlers.remove(handler)


def _discover() -> None:
    if not _registry.discovered:
        _registry.discovered = True
        import_from_apps("domain_events")


#: The events whose in-transaction delivery a `held()` block is holding (None: not in such a block).
_held: contextvars.ContextVar[list[DomainEvent] | None] = contextvars.ContextVar("core_events_held", default=None)


@contextmanager
def held() -> Iterator[None]:
    """Hold the in-transaction deliveries of the block and make them at its end, still inside the transaction.

    For a service that makes many changes which a subscriber can follow better all at once: a restructuring plan
    moves a province's cells one at a time, and the statistics would otherwise follow the tree after every move.
    A handler with a `batch` attribute gets every held event in one call; other handlers get them one by one, in
    order. An exception in the block delivers nothing (the transaction rolls back). Nested blocks deliver at the
    end of the outermost."""
    if _held.get() is not None:
        yield
        return
    events: list[DomainEvent] = []
    token = _held.set(events)
    try:
        yield
    finally:
        _held.reset(token)
    for handler in list(_registry.in_transaction):
        batch = getattr(handler, "batch", None)
        if batch is not None:
            batch(events)
        else:
            for event in events:
                handler(event)


def publish(event: DomainEvent) -> None:
    """Deliver `event` to the in-transaction subscribers now (or at the end of a `held()` block) and to the others
    once the transaction commits."""
    _discover()
    holding = _held.get()
    if holding is not None:
        holding.append(event)
    else:
        for handler in list(_registry.in_transaction):
            handler(event)
    for handler in list(_registry.on_commit):
        transaction.on_commit(_delivery(handler, event), robust=True)


def _delivery(handler: Handler, event: DomainEvent) -> Callable[[], None]:
    def deliver() -> None:  # a function (not a partial): Django names it when it logs a subscriber's failure
        handler(event)

    deliver.__qualname__ = f"core.events delivery to {getattr(handler, '__qualname__', handler)!s}"
    return deliver


def publish_change(
    instance: models.Model, action: str, before: Mapping[str, Any] | None, after: Mapping[str, Any] | None
) -> DomainEvent | None:
    """The event of one logged change of a declared model, published; None for a model that declares nothing (or
    when no one subscribes)."""
    _discover()
    label = instance._meta.label_lower
    declaration = _registry.declarations.get(label)
    if declaration is None or not (_registry.on_commit or _registry.in_transaction):
        return None  # nobody listens: nothing to read (a dotted attribute may cost a query)
    organizations = {int(v) for v in _values(declaration.organizations, instance, before, after) if _is_id(v)}
    date_names = declaration.dates
    if before is not None and after is not None:  # an update names the dates it changed, not every date it holds
        date_names = tuple(name for name in date_names if "." in name or before.get(name) != after.get(name))
    found = [_as_date(v) for v in _values(date_names, instance, before, after)]
    if declaration.more is not None:
        more_organizations, more_dates = declaration.more(instance)
        organizations |= {int(v) for v in more_organizations if _is_id(v)}
        found += list(more_dates)
    dates = sorted(d for d in found if d)
    event = DomainEvent(
        app=instance._meta.app_label,
        kind=declaration.kind or f"{instance._meta.model_name}.{action}",
        organization_ids=frozenset(organizations),
        date_from=dates[0] if dates else None,
        date_to=dates[-1] if dates else None,
        objects=((label, str(instance.pk)),),
    )
    publish(event)
    return event


def _values(names: Iterable[str], instance: models.Model, *snapshots: Mapping[str, Any] | None) -> list[Any]:
    """Each attribute's value in the snapshots (before, after) and on the instance, following dotted relations."""
    found: list[Any] = []
    for name in names:
        found += [snapshot.get(name) for snapshot in snapshots if snapshot and "." not in name]
        found.append(_follow(instance, name))
    return found


def _follow(obj: Any, dotted: str) -> Any:
    for part in dotted.split("."):
        if obj is None:
            return None
        obj = getattr(obj, part, None)
    return obj


def _is_id(value: Any) -> bool:
    return (isinstance(value, int) and not isinstance(value, bool)) or (isinstance(value, str) and value.isdigit())


def _as_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None
