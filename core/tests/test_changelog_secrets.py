"""Nothing secret ever reaches the change log, whose rows are never deleted.

The walk covers every installed model (Django's own included), because `log_change` accepts any instance:
a field whose name looks secret must be declared secret, and a sentinel value put in it must appear in no
snapshot and no stored record, whether the caller lets `log_change` take the snapshot or builds the dicts.
"""

from __future__ import annotations

import importlib
import json
import re

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import models

from accounts.models import ApiToken, User
from accounts.services import api_token_create, user_create
from core.changelog import CHANGED, REDACTED, log_change, secret_fields, snapshot
from core.models import ChangeAction, ChangeRecord

pytestmark = pytest.mark.django_db

# "secretary" (Bí thư) is a domain word, not a secret.
SECRET_LOOKING = re.compile(r"pass(word)?|hash|token|secret(?!ar)|session|salt|otp|private|api_?key|credential", re.I)
SENTINEL = "s3cr3t-sentinel-value"

# Fields whose name looks secret but whose value is not, each with the reason. Keep this short.
NOT_SECRET: dict[str, str] = {}


def _secret_looking_fields(model: type[models.Model]) -> list[models.Field]:
    return [f for f in model._meta.concrete_fields if SECRET_LOOKING.search(f.name)
            and f"{model._meta.label_lower}.{f.name}" not in NOT_SECRET]


def _models() -> list[type[models.Model]]:
    return list(apps.get_models(include_auto_created=True))


def test_the_walk_sees_the_known_secrets() -> None:
    """The walk is not empty: it finds the secrets the installation is known to hold."""
    found = {f"{m._meta.label_lower}.{f.name}" for m in _models() for f in _secret_looking_fields(m)}
    assert {"accounts.user.password", "accounts.apitoken.key_hash", "sessions.session.session_data"} <= found


@pytest.mark.parametrize("model", _models(), ids=lambda m: m._meta.label_lower)
def test_every_secret_looking_field_is_declared_secret(model: type[models.Model]) -> None:
    undeclared = [f.name for f in _secret_looking_fields(model) if f.name not in secret_fields(model)]
    assert not undeclared, (
        f"{model._meta.label}: {undeclared} look secret; declare them in `changelog_secret_fields` "
        "(or core.changelog.EXTRA_SECRET_FIELDS), or list them in NOT_SECRET with the reason"
    )


def _secret_text_fields(model: type[models.Model]) -> list[models.Field]:
    return [f for f in _secret_looking_fields(model) if isinstance(f, models.CharField | models.TextField)]


@pytest.mark.parametrize("model", [m for m in _models() if _secret_text_fields(m)], ids=lambda m: m._meta.label_lower)
def test_no_secret_value_reaches_a_snapshot_or_a_record(model: type[models.Model]) -> None:
    fields = _secret_text_fields(model)
    instance = model()
    for relation in model._meta.concrete_fields:
        if relation.many_to_one and not relation.null:  # so that str(instance) works, as for a stored row
            setattr(instance, relation.name, relation.related_model())
    for field in fields:
        setattr(instance, field.attname, SENTINEL)
    taken = snapshot(instance)
    assert SENTINEL not in json.dumps(taken, default=str)
    assert all(taken[f.attname] == REDACTED for f in fields)
    by_hand = {f.attname: SENTINEL for f in fields}
    log_change(actor=None, action=ChangeAction.UPDATE, instance=instance, before=by_hand, after=dict(by_hand))
    log_change(actor=None, action=ChangeAction.CREATE, instance=instance)
    content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
    stored = ChangeRecord.objects.filter(content_type=content_type).values_list("before", "after")
    assert len(stored) == 2
    assert SENTINEL not in json.dumps(list(stored), default=str)


def test_user_create_logs_that_a_password_was_set_never_its_hash() -> None:
    admin = user_create(actor=None, username="root", password="root-long-secret-1", is_superuser=True)
    user = user_create(actor=admin, username="lan", password="lan-long-secret-2", full_name="Hoàng Thị Lan")
    record = ChangeRecord.objects.for_object(user).get()
    assert record.after["password"] == REDACTED
    assert record.after["username"] == "lan"
    token, raw = api_token_create(actor=user, user=user, name="ci")
    every_record = json.dumps(list(ChangeRecord.objects.values("before", "after")))
    for secret in (admin.password, user.password, token.key_hash, raw):
        assert secret not in every_record


def test_secrets_changed_says_the_secret_changed() -> None:
    user = User(pk=10**6, username="ghost", password="argon2$whatever")
    record = log_change(actor=None, action=ChangeAction.UPDATE, instance=user, before=snapshot(user),
                        secrets_changed=("password",))
    assert ("password", REDACTED, CHANGED) in record.changed_fields()
    with pytest.raises(ValueError, match="not a declared secret"):
        log_change(actor=None, action=ChangeAction.UPDATE, instance=user, secrets_changed=("username",))


def test_the_migration_rewrites_records_written_before_redaction() -> None:
    """Rows as the old code wrote them: the hash in `after`, and an admin update with both hashes."""
    migration = importlib.import_module("core.migrations.0002_redact_secrets_in_change_log")
    user = user_create(actor=None, username="old", password="old-long-secret-3")
    token, _raw = api_token_create(actor=user, user=user, name="ci")
    user_type = ContentType.objects.get_for_model(User)
    common = {"user_name": "admin", "request_id": "r", "content_type": user_type, "object_id": str(user.pk),
              "object_repr": "old"}
    created = ChangeRecord.objects.create(action="create", after={"username": "old", "password": "argon2$AAA"},
                                          **common)
    updated = ChangeRecord.objects.create(action="update", before={"password": "argon2$AAA", "email": ""},
                                          after={"password": "argon2$BBB", "email": "x@y.vn"}, **common)
    renamed = ChangeRecord.objects.create(action="update", before={"password": "argon2$BBB", "first_name": ""},
                                          after={"password": "argon2$BBB", "first_name": "Lan"}, **common)
    token_row = ChangeRecord.objects.create(
        action="create", after={"name": "ci", "key_hash": "f" * 64}, user_name="admin", request_id="r",
        content_type=ContentType.objects.get_for_model(ApiToken), object_id=str(token.pk), object_repr="t",
    )
    other = ChangeRecord.objects.create(action="create", after={"password": "not a user row"},
                                        **{**common, "content_type": ContentType.objects.get_for_model(ChangeRecord)})

    migration.redact_secrets(apps, None)

    def fresh(record: ChangeRecord) -> ChangeRecord:
        return ChangeRecord.objects.get(pk=record.pk)

    assert fresh(created).after == {"username": "old", "password": REDACTED}
    assert (fresh(updated).before, fresh(updated).after) == (
        {"password": REDACTED, "email": ""}, {"password": CHANGED, "email": "x@y.vn"})
    assert fresh(updated).changed_fields() == [("email", "", "x@y.vn"), ("password", REDACTED, CHANGED)]
    assert fresh(renamed).changed_fields() == [("first_name", "", "Lan")]
    assert fresh(token_row).after == {"name": "ci", "key_hash": REDACTED}
    assert fresh(other).after == {"password": "not a user row"}
    assert "argon2$" not in json.dumps(list(ChangeRecord.objects.filter(content_type=user_type)
                                            .values("before", "after")))
    migration.redact_secrets(apps, None)  # running it again changes nothing
    assert fresh(updated).after == {"password": CHANGED, "email": "x@y.vn"}
