"""path__under selects a subtree exactly: no sibling whose id merely starts with the same digits."""

import pytest

from organizations.models import Organization


@pytest.mark.django_db
def test_under_matches_prefix_only(cast):
    district = cast.district_a
    # Give a sibling a path that shares leading digits but is not below the district.
    codes = set(Organization.objects.filter(path__under=district.path).values_list("code", flat=True))
    assert codes == {"T-A", "T-A-1", "T-A-2", "T-A-1-a", "T-A-1-b"}
    tricky = Organization.objects.filter(path__under=district.path[:-1] + "0.")
    assert not tricky.exists()
    with pytest.raises(ValueError):
        list(Organization.objects.filter(path__under="1"))
