import json
import pytest
from django.test import Client

@pytest.mark.django_db
def test_probe(cast):
    c = Client(enforce_csrf_checks=True)
    r = c.post("/api/v1/organizations", data=json.dumps({}), content_type="application/json", HTTP_AUTHORIZATION="Bearer wrong")
    print("anon post", r.status_code, r.content)
    c = Client()
    c.force_login(cast.district_officer)
    for body in [{"kind": "nope"}, {}, {"kind": "dissolve"}, {"kind": "merge", "source_ids": [-1], "effective_on": "2020-01-01", "decision": {"number": 1, "date": "x"}}, "[1,2]", "null", "{bad"]:
        r = c.post("/api/v1/lineage-events", data=body if isinstance(body, str) else json.dumps(body), content_type="application/json")
        print(r.status_code, r.content[:600])
    r = c.get("/api/v1/organizations/-3")
    print(r.status_code, r.content[:300])
    r = c.get("/api/v1/organizations/99999999999999999999999")
    print(r.status_code, r.content[:300])
    r = c.get("/api/v1/organizations?q=%00&parent=abc")
    print(r.status_code, r.content[:300])
