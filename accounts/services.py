"""Writes on users, roles and API tokens; each logged in the change log."""

from __future__ import annotations

import secrets
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import ApiToken, Role, RoleKind, User, hash_token
from core.changelog import log_change, snapshot
from core.errors import DomainError
from core.models import ChangeAction
from core.scope import CHANGE, forget_cached_scope, require_in_scope


@transaction.atomic
def user_create(
    *, actor: Any, username: str, password: str, full_name: str = "", is_superuser: bool = False, reason: str = ""
) -> User:
    """Create a user with an argon2-hashed password. Only an administrator creates administrators."""
    username = (username or "").strip()
    if not username:
        raise DomainError(_("The user name is required."), field="username")
    if User.objects.filter(username=username).exists():
        raise DomainError(_("The user name “%(name)s” is taken.") % {"name": username}, field="username")
    if is_superuser and not getattr(actor, "is_superuser", False):
        raise DomainError(_("Only an administrator can create an administrator."), field="is_superuser")
    first, _sep, last = full_name.strip().rpartition(" ")
    user = User(username=username, first_name=first, last_name=last, is_superuser=is_superuser, is_staff=is_superuser)
    user.set_password(password)
    user.save()
    log_change(actor=actor, action=ChangeAction.CREATE, instance=user, reason=reason)
    return user


@transaction.atomic
def role_grant(*, actor: Any, user: User, kind: RoleKind, organization: Any, reason: str = "") -> Role:
    """Give a user a role over an organization subtree the actor itself may change."""
    require_in_scope(organization, actor, CHANGE)
    role, created = Role.objects.get_or_create(user=user, kind=kind, organization=organization)
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
    require_in_scope(role.organization, actor, CHANGE)
    before = snapshot(role)
    role.is_active = False
    role.save(update_fields=["is_active"])
    log_change(actor=actor, action=ChangeAction.UPDATE, instance=role, before=before, reason=reason)
    forget_cached_scope(role.user)
    return role


@transaction.atomic
def api_token_create(*, actor: Any, user: User, name: str) -> tuple[ApiToken, str]:
    """Issue a token; returns the row and the raw key, which is never stored and shown only now."""
    if actor.pk != user.pk and not getattr(actor, "is_superuser", False):
        raise DomainError(_("You can only create tokens for yourself."), field="user")
    raw = "dv_" + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(user=user, name=name.strip() or "api", key_hash=hash_token(raw), prefix=raw[:8])
    log_change(actor=actor, action=ChangeAction.CREATE, instance=token)
    return token, raw
