"""Enter a restructuring plan from an XLSX file, print its preview (or its faults) as JSON, and apply it on --apply."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from accounts.models import User
from core.decisions import Decision
from core.errors import DomainError
from organizations.queries import organization_get_by_code
from restructuring.models import ORG_CHANGE
from restructuring.rows import PlanRefused, rows_from_text, rows_from_xlsx
from restructuring.services import plan_apply, plan_create, plan_preview


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"Not a date (YYYY-MM-DD): {value}") from exc


class Command(BaseCommand):
    help = "Enter a restructuring plan (XLSX, or tab-separated text) and preview it; --apply applies it (all or none)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("file", help="XLSX workbook (or .tsv/.txt) with the plan's rows, header first")
        parser.add_argument("--user", required=True, help="user whose scope applies, e.g. admin")
        parser.add_argument("--organization", required=True, help="code of the committee entering the plan")
        parser.add_argument("--title", required=True)
        parser.add_argument("--effective-on", required=True, help="YYYY-MM-DD, e.g. 2025-07-01")
        parser.add_argument("--decision-number", required=True, help="e.g. 202/2025/QH15")
        parser.add_argument("--decision-date", required=True, help="YYYY-MM-DD")
        parser.add_argument("--decision-issuer", default="")
        parser.add_argument("--apply", action="store_true", help="apply after the preview")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["user"], is_active=True).first()
        if user is None:
            raise CommandError(f"No active user {options['user']!r}.")
        path = Path(options["file"])
        try:
            content = path.read_bytes()
            rows = rows_from_xlsx(content) if path.suffix.lower() == ".xlsx" else rows_from_text(content.decode())
            organization = organization_get_by_code(user, code=options["organization"], action=ORG_CHANGE)
            decision = Decision(options["decision_number"], _date(options["decision_date"]),
                                options["decision_issuer"])
            plan = plan_create(actor=user, organization=organization, title=options["title"],
                               effective_on=_date(options["effective_on"]), decision=decision, rows=rows)
            result: dict[str, Any] = {"plan": plan.pk, "preview": plan_preview(actor=user, plan=plan)}
            if options["apply"]:
                result["applied"] = plan_apply(actor=user, plan=plan).status
        except PlanRefused as refused:
            self.stdout.write(json.dumps({"faults": [f.as_dict() for f in refused.faults]}, ensure_ascii=False,
                                         indent=2))
            raise CommandError("The plan was refused; the tree is unchanged (the draft plan is kept).") from refused
        except (DomainError, OSError, UnicodeDecodeError) as exc:
            raise CommandError(str(getattr(exc, "message", exc))) from exc
        self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))
