"""The home page, at the root of the site."""

from django.urls import path

from home import views

app_name = "home"

urlpatterns = [
    path("", views.index, name="index"),
]
