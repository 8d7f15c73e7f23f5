"""`path__under=prefix`: subtree filter on a materialized path that uses an index on every database.

PostgreSQL: `LIKE 'prefix%'`, served by the varchar_pattern_ops index. SQLite does not use an index for
LIKE (it is case-insensitive there), so it gets the equivalent range `path >= prefix AND path < prefix'`
where prefix' replaces the final "." with "/", the next character: every string that starts with the
prefix, and only those, lies in that range under SQLite's binary collation.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import Lookup


@models.CharField.register_lookup
class Under(Lookup):
    lookup_name = "under"
    prepare_rhs = False

    def _prefix(self) -> str:
        if not isinstance(self.rhs, str) or not self.rhs.endswith("."):
            raise ValueError("path__under needs a path string ending with '.'")
        return self.rhs

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, list[Any]]:
        lhs, lhs_params = self.process_lhs(compiler, connection)
        prefix = self._prefix().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        return f"{lhs} LIKE %s", [*lhs_params, prefix + "%"]

    def as_sqlite(self, compiler: Any, connection: Any) -> tuple[str, list[Any]]:
        lhs, lhs_params = self.process_lhs(compiler, connection)
        prefix = self._prefix()
        return f"({lhs} >= %s AND {lhs} < %s)", [*lhs_params, prefix, *lhs_params, prefix[:-1] + "/"]
