from django.apps import AppConfig

from core.permissions import INSPECTION, READ


class NewAppConfig(AppConfig):
    name = "core.tests.newapp"
    label = "newapp"
    permissions = {"view": READ, "change": INSPECTION}
