"""The in-process copies of the small rule tables: `core.caching.TableCache` (moved there so that organizations,
a lower layer, keeps its dated kind attributes the same way)."""

from core.caching import TableCache

__all__ = ["TableCache"]
