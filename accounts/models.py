"""Users, the roles they hold over organization subtrees, and API tokens."""

from __future__ import annotations

import hashlib

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A person who signs in. What they see comes only from their roles."""

    changelog_secret_fields = ("password",)

    # The language the user chose for the pages (settings.LANGUAGES); empty: the installation's (Vietnamese),
    # whatever the browser asks for (accounts.middleware).
    language = models.CharField(_("language"), max_length=10, blank=True, default="")

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")


class RoleKind(models.Model):
    """A kind of role (data), e.g. organization-board officer, cell secretary, with its permissions."""

    code = models.SlugField(_("code"), max_length=50, unique=True)
    name = models.CharField(_("name"), max_length=200)
    name_en = models.CharField(_("English name"), max_length=200, blank=True)
    # Permission families (core.permissions: "read", "records", "structure", "accounts", "inspection", "*"):
    # the kind gets every permission that an installed app declares in these families, new apps included.
    families = models.JSONField(_("permission families"), default=list, blank=True)
    # Permission codes "<app>.<action>" given one by one, besides the families, e.g. "members.change".
    permissions = models.JSONField(_("permissions"), default=list, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("role kind")
        verbose_name_plural = _("role kinds")

    def __str__(self) -> str:
        return self.name

    def natural_key(self) -> tuple[str]:
        return (self.code,)

    def granted(self) -> frozenset[str]:
        """The permission codes this kind gives: its families' (from the installed apps) and its own list."""
        from core.permissions import permissions_of

        return permissions_of(self.families or []) | frozenset(self.permissions or [])


class Role(models.Model):
    """A user's role over one organization and everything under it, or over one person's own file.

    With `person` set, the role reaches that person's file (and what hangs from it) and nothing else —
    a member seeing their own file; `organization` then records where the role was granted. `core.scope`
    answers both kinds in the same functions.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="roles", verbose_name=_("user"))
    kind = models.ForeignKey(RoleKind, on_delete=models.PROTECT, related_name="roles", verbose_name=_("kind"))
    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="roles",
        verbose_name=_("organization"),
    )
    person = models.ForeignKey(
        "members.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="own_roles",
        verbose_name=_("over one person"),
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "kind", "organization"], name="role_unique_per_user_kind_org")
        ]
        verbose_name = _("role")
        verbose_name_plural = _("roles")

    def __str__(self) -> str:
        return f"{self.user} · {self.kind} · {self.organization}"


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiToken(models.Model):
    """A bearer token for the API. Only its hash is stored; the raw key is shown once."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100)
    key_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=8)
    created_at = models.DateTimeField(_("created on"), auto_now_add=True)
    # After this moment the token authenticates nobody (setting DANGVU_API_TOKEN_DAYS, or --days).
    expires_at = models.DateTimeField(_("expires"))
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    # False once revoked by its owner or an administrator, or when the owner's password changed.
    is_active = models.BooleanField(_("active"), default=True)
    changelog_secret_fields = ("key_hash",)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.user} · {self.name} ({self.prefix}…)"

    @property
    def is_usable(self) -> bool:
        """Whether the token would authenticate its owner now."""
        return self.is_active and self.expires_at > timezone.now()
