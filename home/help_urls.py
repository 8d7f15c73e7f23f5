"""The help pages, under /help/."""

from django.urls import path

from home import help as views

app_name = "help"

urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:slug>/", views.page, name="page"),
]
