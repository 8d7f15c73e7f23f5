"""Writes on users, roles and API tokens; each logged in the change log, never with a secret in it.

`actor=None` means the installation itself (a management command run on the server, the demo loader's
first administrator); pages and the API always pass the signed-in user.
"""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import ApiToken, Role, RoleKind, User, hash_token
from core.changelog import log_change, snapshot
from core.errors import DomainError, NotInScope
from core.models import ChangeAction
from core.scope import forget_cached_scope, require_covers
from core.services import validation_error_as_domain
from core.validators import refuse_control_characters, refuse_control_characters_in

MAX_TOKEN_DAYS = 3650
PASSWORD_CHANGED = "password changed"  # noqa: S105 - a reason, not a password
USER_DEACTIVATED = "user deactivated"


def is_administrator(actor: Any) -> bool:
    return bool(getattr(actor, "is_superuser", False) and getattr(actor, "is_active", False))


def _installation_or_administrator(actor: Any) -> bool:
    return actor is None or is_administrator(actor)


def _not_found() -> NotInScope:
    return NotInScope(_("Not found."))


def _check_user_fields(user: User) -> None:
    refuse_control_characters_in(user, fields=["username", "first_name", "last_name", "email"])
    try:
        user.full_clean(exclude=["password", "last_login", "date_joined"])
    except ValidationError as exc:
        raise validation_error_as_domain(User, exc) from exc


def _check_password(password: str, user: User) -> None:
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise DomainError(" ".join(exc.messages), field="password") from exc


# ----------------------------------------------------------------------------- users


@transaction.atomic
def user_create(
    *,
    actor: Any,
    username: str,
    password: str | None,
    full_name: str = "",
    email: str = "",
    is_superuser: bool = False,
    reason: str = "",
) -> User:
    """Create a user with an argon2-hashed password (None: no password sign-in). Only an administrator (or the
    installation itself) creates users; the log says a password was set, never its hash."""
    if not _installation_or_administrator(actor):
        raise DomainError(_("Only an administrator can create users."), field="username")
    username = (username or "").strip()
    if not username:
        raise DomainError(_("The user name is required."), field="username")
    if User.objects.filter(username=username).exists():
        raise DomainError(_("The user name “%(name)s” is taken.") % {"name": username}, field="username")
    first, _sep, last = full_name.strip().rpartition(" ")
    user = User(
        username=username, first_name=first, last_name=last, email=(email or "").strip(),
        is_superuser=is_superuser, is_staff=is_superuser,
    )
    _check_user_fields(user)
    if password is None:
        user.set_unusable_password()
    else:
        user.set_password(password)
    user.save()
    log_change(actor=actor, action=ChangeAction.CREATE, instance=user, reason=reason)
    return user


_UNSET: Any = object()


@transaction.atomic
def user_update(
    *,
    actor: Any,
    user: User,
    username: str = _UNSET,
    first_name: str = _UNSET,
    last_name: str = _UNSET,
    email: str = _UNSET,
    is_active: bool = _UNSET,
    is_staff: bool = _UNSET,
    is_superuser: bool = _UNSET,
    reason: str = "",
) -> User:
    """Change a user's names, e-mail or standing (not the password: `user_password_set`). Users change their own
    names and e-mail; only an administrator changes other users or anyone's standing, and never removes their
    own. An update that changes nothing writes nothing; deactivating a user revokes their API tokens."""
    changes = {
        name: value for name, value in {
            "username": username, "first_name": first_name, "last_name": last_name, "email": email,
            "is_active": is_active, "is_staff": is_staff, "is_superuser": is_superuser,
        }.items() if value is not _UNSET
    }
    user = User.objects.select_for_update().get(pk=user.pk)
    own = getattr(actor, "pk", None) == user.pk
    standing = {"username", "is_active", "is_staff", "is_superuser"} & set(changes)
    if not _installation_or_administrator(actor) and (not own or standing):
        if not own:
            raise _not_found()
        raise DomainError(_("Only an administrator can change this."), field=sorted(standing)[0])
    if own and (changes.get("is_active") is False or changes.get("is_superuser") is False):
        field = "is_active" if changes.get("is_active") is False else "is_superuser"
        raise DomainError(_("You cannot take away your own administrator rights or account."), field=field)
    before = snapshot(user)
    for name, value in changes.items():
        setattr(user, name, value.strip() if isinstance(value, str) else value)
    if snapshot(user) == before:
        return user
    _check_user_fields(user)
    if user.username != before["username"] and User.objects.filter(username=user.username).exclude(pk=user.pk).exists():
        raise DomainError(_("The user name “%(name)s” is taken.") % {"name": user.username}, field="username")
    user.save()
    log_change(actor=actor, action=ChangeAction.UPDATE, instance=user, before=before, reason=reason)
    if before["is_active"] and not user.is_active:
        _revoke_all_tokens(actor=actor, user=user, reason=USER_DEACTIVATED)
    return user


@transaction.atomic
def user_password_set(*, actor: Any, user: User, password: str | None, reason: str = "") -> User:
    """Set a user's password (None: disable password sign-in). The user themself or an administrator may; the
    password must pass the installation's validators. The change record says the password changed, never
    what it is, and every API token of the user stops working (each revocation logged)."""
    if not _installation_or_administrator(actor) and getattr(actor, "pk", None) != user.pk:
        raise _not_found()
    user = User.objects.select_for_update().get(pk=user.pk)
    if password is None:
        user.set_unusable_password()
    else:
        if not password:
            raise DomainError(_("The password is required."), field="password")
        _check_password(password, user)
        user.set_password(password)
    before = snapshot(user)
    user.save(update_fields=["password"])
    log_change(
        actor=actor, action=ChangeAction.UPDATE, instance=user, before=before, secrets_changed=("password",),
        reason=reason or PASSWORD_CHANGED,
    )
    _revoke_all_tokens(actor=actor, user=user, reason=PASSWORD_CHANGED)
    return user


@transaction.atomic
def user_language_set(*, actor: Any, user: User, language: str, reason: str = "") -> User:
    """Store the language a user chose for the pages ("" for the installation's default). The user themself or an
    administrator may; a code outside settings.LANGUAGES is refused. Choosing the same language writes nothing."""
    if not _installation_or_administrator(actor) and getattr(actor, "pk", None) != user.pk:
        raise _not_found()
    codes = {code for code, _name in settings.LANGUAGES}
    if language and language not in codes:
        raise DomainError(_("Unknown language “%(code)s”.") % {"code": language[:20]}, field="language")
    user = User.objects.select_for_update().get(pk=user.pk)
    if user.language == language:
        return user
    before = snapshot(user)
    user.language = language
    user.save(update_fields=["language"])
    log_change(actor=actor, action=ChangeAction.UPDATE, instance=user, before=before, reason=reason)
    return user


SIGN_IN_UNLOCKED = "sign-in unlocked"


@transaction.atomic
def user_unlock(*, actor: Any, user: User, reason: str = "") -> int:
    """Lift a sign-in lock-out (django-axes) of the user name before its cool-off ends: an administrator only.
    Returns the failed attempts cleared; the change log records the unlock on the user (nothing when none)."""
    from axes.utils import reset

    if not is_administrator(actor):
        raise _not_found()
    cleared = reset(username=user.username)
    if cleared:
        log_change(actor=actor, action=ChangeAction.UPDATE, instance=user, before=snapshot(user),
                   reason=reason or SIGN_IN_UNLOCKED)
    return int(cleared)


# ----------------------------------------------------------------------------- roles


@transaction.atomic
def role_grant(
    *, actor: Any, user: User, kind: RoleKind, organization: Any = None, person: Any = None, reason: str = ""
) -> Role:
    """Give a user a role over an organization subtree, or (`person`) over one person's own file, registered at
    that person's cell. The actor must manage roles ("accounts.change") there."""
    if person is not None:
        organization = person.organization
    if organization is None:
        raise DomainError(_("Choose the organization."), field="organization")
    require_covers(actor, organization, "accounts.change")
    role, created = Role.objects.get_or_create(user=user, kind=kind, organization=organization,
                                               defaults={"person": person})
    if role.person_id != getattr(person, "pk", None):
        raise DomainError(_("This user already holds this kind of role here, over someone else."), field="kind")
    before = None if created else snapshot(role)
    if not created and role.is_active:
        return role
    role.is_active = True
    role.save()
    log_change(
        actor=actor, action=ChangeAction.CREATE if created else ChangeAction.UPDATE, instance=role, before=before,
        reason=reason,
    )
    forget_cached_scope(user)
    return role


@transaction.atomic
def role_revoke(*, actor: Any, role: Role, reason: str = "") -> Role:
    """Withdraw a role (kept, inactive, for the record)."""
    require_covers(actor, role.organization, "accounts.change")
    if not role.is_active:
        return role
    before = snapshot(role)
    role.is_active = False
    role.save(update_fields=["is_active"])
    log_change(actor=actor, action=ChangeAction.UPDATE, instance=role, before=before, reason=reason)
    forget_cached_scope(role.user)
    return role


# ----------------------------------------------------------------------------- API tokens


@transaction.atomic
def api_token_create(*, actor: Any, user: User, name: str, days: int | None = None) -> tuple[ApiToken, str]:
    """Issue a token that lives `days` days (default: setting DANGVU_API_TOKEN_DAYS); returns the row and the raw
    key, which is never stored and shown only now."""
    if getattr(actor, "pk", None) != user.pk and not is_administrator(actor):
        raise DomainError(_("You can only create tokens for yourself."), field="user")
    if not user.is_active:
        raise DomainError(_("This user is deactivated."), field="user")
    days = settings.DANGVU_API_TOKEN_DAYS if days is None else days
    if not 1 <= days <= MAX_TOKEN_DAYS:
        raise DomainError(
            _("A token lives from 1 to %(max)d days.") % {"max": MAX_TOKEN_DAYS}, field="days"
        )
    name = (name or "").strip() or "api"
    if len(name) > 100:
        raise DomainError(_("The token name must be at most 100 characters."), field="name")
    refuse_control_characters({"name": name}, model=ApiToken)
    raw = "dv_" + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name, key_hash=hash_token(raw), prefix=raw[:8],
        expires_at=timezone.now() + dt.timedelta(days=days),
    )
    log_change(actor=actor, action=ChangeAction.CREATE, instance=token)
    return token, raw


@transaction.atomic
def api_token_revoke(*, actor: Any, token: ApiToken, reason: str = "") -> ApiToken:
    """Revoke a token: its owner or an administrator may; for anyone else it does not exist. Kept, inactive."""
    if getattr(actor, "pk", None) != token.user_id and not _installation_or_administrator(actor):
        raise _not_found()
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if not token.is_active:
        return token
    before = snapshot(token)
    token.is_active = False
    token.save(update_fields=["is_active"])
    log_change(actor=actor, action=ChangeAction.UPDATE, instance=token, before=before, reason=reason)
    return token


def _revoke_all_tokens(*, actor: Any, user: User, reason: str) -> None:
    for token in ApiToken.objects.filter(user=user, is_active=True).order_by("pk"):
        api_token_revoke(actor=actor, token=token, reason=reason)
