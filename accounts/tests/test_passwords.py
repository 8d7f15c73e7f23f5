import pytest

from accounts.models import User
from accounts.services import user_create


@pytest.mark.django_db
@pytest.mark.real_hashers
def test_passwords_are_hashed_with_argon2():
    admin = User.objects.create_superuser("root", password="x-very-long-secret")
    user = user_create(actor=admin, username="lan", password="another-long-secret", full_name="Hoàng Thị Lan")
    assert user.password.startswith("argon2$")
    assert user.check_password("another-long-secret")
    assert (user.first_name, user.last_name) == ("Hoàng Thị", "Lan")
