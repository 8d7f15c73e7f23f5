"""path__under selects a subtree exactly: no sibling whose id merely starts with the same digits."""

import datetime as dt

import pytest

from organizations.models import OrganizationVersion


@pytest.mark.django_db
def test_under_matches_the_subtree_and_nothing_else(cast):
    template = OrganizationVersion.objects.first()
    paths = ["9.2.", "9.2.5.", "9.2.5.77.", "9.20.", "9.21.3.", "9.3.", "9.", "8.2."]
    for path in paths:
        OrganizationVersion.objects.create(organization=template.organization, valid_from=dt.date(2000, 1, 1),
                                           name="x", kind=template.kind, path=path)
    found = set(OrganizationVersion.objects.filter(path__under="9.2.").values_list("path", flat=True))
    assert found == {"9.2.", "9.2.5.", "9.2.5.77."}
    assert set(OrganizationVersion.objects.filter(path__under="9.").values_list("path", flat=True)) >= {
        "9.", "9.20.", "9.3."}
    with pytest.raises(ValueError):
        list(OrganizationVersion.objects.filter(path__under="9"))
