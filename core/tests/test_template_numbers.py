"""Numbers written into HTML attributes (ids in links, option values, data-*) are never localized.

With USE_THOUSAND_SEPARATOR and Vietnamese formats, `{{ organization.pk }}` renders 1234 as "1.234": a link
`?organization=1.234` or an option value "1.234" then names nothing. Inside an attribute value such a number goes
through `|unlocalize` (or `{% url %}`, which never localizes).
"""

from __future__ import annotations

import re
from pathlib import Path

from django.template import Context, Template
from django.utils import translation

ROOT = Path(__file__).resolve().parents[2]
NUMBER = r"[\w.]*(?:\.pk|\.id|parent_id|organization_id|person_id|year|page_number)"
ATTRIBUTE_WITH_NUMBER = re.compile(r'="[^"]*\{\{ *' + NUMBER + r' *\}\}')


def test_the_thousand_separator_would_break_an_id() -> None:
    with translation.override("vi"):
        assert Template("{{ n }}").render(Context({"n": 1234})) == "1.234"
        assert Template("{% load l10n %}{{ n|unlocalize }}").render(Context({"n": 1234})) == "1234"


def test_no_template_writes_a_localized_number_into_an_attribute() -> None:
    offenders = []
    for path in ROOT.glob("*/templates/**/*.html"):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if ATTRIBUTE_WITH_NUMBER.search(line):
                offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()[:120]}")
    assert not offenders, "\n".join(offenders)
