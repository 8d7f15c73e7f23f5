"""English formats keep the day-first dates the source documents use; only the number separators differ."""

from dangvu.formats.vi.formats import *  # noqa: F403

DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
