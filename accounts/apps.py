from django.apps import AppConfig

from core.permissions import ACCOUNTS, READ


class AccountsConfig(AppConfig):
    default_auto_field = 'django.db.models.BigAutoField'
    name = 'accounts'
    # What can be done with this app's data, by permission family (core.permissions).
    permissions = {"view": READ, "change": ACCOUNTS}
