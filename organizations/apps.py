from django.apps import AppConfig

from core.permissions import READ, STRUCTURE


class OrganizationsConfig(AppConfig):
    default_auto_field = 'django.db.models.BigAutoField'
    name = 'organizations'
    # What can be done with this app's data, by permission family (core.permissions).
    permissions = {"view": READ, "change": STRUCTURE}
