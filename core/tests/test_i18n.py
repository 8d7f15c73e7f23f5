"""The Vietnamese catalogue is complete and compiled: every message a user reads has a translation."""

from __future__ import annotations

from pathlib import Path

import polib
from django.conf import settings

LOCALE = Path(settings.BASE_DIR) / "locale"


def test_vietnamese_catalogue_is_complete():
    po = polib.pofile(str(LOCALE / "vi" / "LC_MESSAGES" / "django.po"))
    missing = [e.msgid for e in po if not e.obsolete and (not e.translated() or "fuzzy" in e.flags)]
    assert missing == [], f"untranslated: {missing[:20]}"
    assert len(po) > 100


def test_compiled_catalogue_matches_source():
    for language in ("vi", "en"):
        po = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
        mo = polib.mofile(str(LOCALE / language / "LC_MESSAGES" / "django.mo"))
        compiled = {(e.msgctxt, e.msgid): (e.msgstr, tuple(sorted(e.msgstr_plural.items()))) for e in mo}
        for entry in po.translated_entries():
            key = (entry.msgctxt, entry.msgid)
            assert key in compiled, f"{language}: {entry.msgid!r} not compiled; run scripts/i18n.sh"
            assert compiled[key] == (entry.msgstr, tuple(sorted(entry.msgstr_plural.items()))), entry.msgid
