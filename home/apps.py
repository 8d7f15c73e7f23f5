from django.apps import AppConfig


class HomeConfig(AppConfig):
    """The home page "Việc cần làm": what every app's task providers (core.tasks) say needs doing."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "home"
