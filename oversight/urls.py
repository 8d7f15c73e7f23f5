"""URL map of the oversight pages."""

from django.urls import path

from oversight import views

app_name = "oversight"

urlpatterns = [
    path("organizations/<int:pk>/", views.coverage, name="coverage"),
    path("organizations/<int:pk>/assign/", views.assign, name="assign"),
    path("assignments/<int:pk>/end/", views.end, name="end"),
]
