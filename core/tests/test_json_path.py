"""A refusal names its input by the JSON path of the body as sent, whatever the service calls it."""

from __future__ import annotations

import pytest

from core.schemas import json_path

DECISION = {"number": "abc", "date": "2024-01-01", "issuer": ""}


@pytest.mark.parametrize(("field", "body", "path"), [
    ("decision_number", {"kind": "strike_off", "decision": DECISION}, "decision.number"),
    ("decision_date", {"kind": "recognition", "decision": DECISION}, "decision.date"),
    ("occurred_on", {"kind": "recognition", "decision": DECISION}, "decision.date"),
    ("occurred_on", {"kind": "admission_ceremony", "held_on": "2024-01-01"}, "held_on"),
    ("occurred_on", {"kind": "transfer_out", "occurred_on": "2024-01-01"}, "occurred_on"),
    ("occurred_on", {"kind": "x"}, None),  # no date in the body: no field to name
    ("destination", {"destination_id": 5}, "destination_id"),
    ("admission_decision_number", {"admitted": {"decision": DECISION}}, "admitted.decision.number"),
    ("recognition_decision_date", {"arriving": {"decision": DECISION, "recognition_decision": DECISION}},
     "arriving.recognition_decision.date"),
    ("ceremony_on", {"admitted": {"decision": DECISION, "ceremony_on": "2024-02-01"}}, "admitted.ceremony_on"),
    ("letter_register_number", {"letter": {"register_number": ""}}, "letter.register_number"),
    ("items.1.due_on", {"items": []}, "items.1.due_on"),  # already a path
    ("cell_resolution_on", {"decision": DECISION}, "cell_resolution_on"),  # not sent: the schema's name
    ("residence_since", {"residence": {"unit_id": 3}}, "residence.since"),  # a nested object sent without it
    ("reason", None, "reason"),
    (None, {"a": 1}, None),
])
def test_service_names_become_the_paths_of_the_body(field, body, path):
    assert json_path(field, body) == path
