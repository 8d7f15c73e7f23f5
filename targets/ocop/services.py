"""Writing OCOP registrations. Stars must be one of the bands in force in the product's year (rule data,
`OcopStarBand`), a score must fall in its stars' band, and a proposal must be above the current stars."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from core.changelog import log_change
from core.models import ChangeAction
from core.scope import CHANGE, require_covers, require_in_scope
from organizations.models import Organization
from targets.checks import FaultList, number, text, year_in
from targets.ocop.models import OcopProduct, OcopStarBand, Registration

CHANGE_PERMISSION = "targets.change"


def bands_for(year: int) -> dict[int, OcopStarBand]:
    bands = OcopStarBand.objects.filter(first_year__lte=year).exclude(last_year__lt=year).order_by("-first_year")
    found: dict[int, OcopStarBand] = {}
    for band in bands:
        found.setdefault(band.stars, band)
    return found


def _stars(value: Any, bands: dict[int, OcopStarBand], *, field_name: str, faults: FaultList) -> int | None:
    if value in (None, ""):
        return None
    try:
        stars = int(value)
    except (TypeError, ValueError):
        stars = -1
    if stars not in bands:
        faults.add(_("%(value)s is not a star rating of the bands in force (%(stars)s).")
                   % {"value": value, "stars": ", ".join(str(s) for s in sorted(bands)) or "—"}, field_name)
        return None
    return stars


def ocop_product_register(*, actor: Any, organization: Organization, name: str, producer: str, year: Any,
                          registration: str, score: Any = None, stars: Any = None, proposed_stars: Any = None,
                          export_markets: str = "", reason: str = "") -> OcopProduct:
    require_covers(actor, organization, CHANGE_PERMISSION)
    faults = FaultList()
    name = text(name, field_name="name", faults=faults, max_length=255, required=True)
    producer = text(producer, field_name="producer", faults=faults, max_length=255, required=True)
    export_markets = text(export_markets, field_name="export_markets", faults=faults, max_length=300)
    year = year_in(year, first=2018, last=2100, field_name="year", faults=faults)
    if registration not in Registration.values:
        faults.add(_("Choose one of: %(choices)s.") % {"choices": ", ".join(Registration.values)}, "registration")
    bands = bands_for(year) if year is not None else {}
    stars = _stars(stars, bands, field_name="stars", faults=faults)
    proposed = _stars(proposed_stars, bands, field_name="proposed_stars", faults=faults)
    found_score: Decimal | None = None
    if score not in (None, ""):
        found_score = number(score, field_name="score", faults=faults)
        if found_score is not None and not Decimal(0) <= found_score <= Decimal(100):
            faults.add(_("A score is between 0 and 100."), "score")
        elif found_score is not None and stars is not None:
            band = bands[stars]
            if not band.min_score <= found_score <= band.max_score:
                faults.add(_("A score of %(score)s is not in the %(stars)s-star band (%(low)s–%(high)s).")
                           % {"score": found_score.normalize(), "stars": stars, "low": band.min_score.normalize(),
                              "high": band.max_score.normalize()}, "score")
    if proposed is not None and stars is not None and proposed <= stars:
        faults.add(_("A proposal is for more stars than the product has."), "proposed_stars")
    if registration == Registration.UPGRADE and stars is None:
        faults.add(_("An upgrade names the stars the product has."), "stars")
    faults.check()
    with transaction.atomic():
        product = OcopProduct.objects.create(
            organization=organization, name=name, producer=producer, year=year, registration=registration,
            score=found_score, stars=stars, proposed_stars=proposed, export_markets=export_markets,
            created_by=actor if getattr(actor, "pk", None) else None)
        log_change(actor=actor, action=ChangeAction.CREATE, instance=product, reason=reason)
        require_in_scope(product, actor, CHANGE)
    return product
