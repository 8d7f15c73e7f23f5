"""URL map of the commendation pages."""

from django.urls import path

from honours import views

app_name = "honours"

urlpatterns = [
    path("", views.commendation_list, name="commendation_list"),
    path("export.xlsx", views.commendation_export, name="commendation_export"),
    path("new/", views.commendation_create, name="commendation_create"),
    path("<int:pk>/", views.commendation_detail, name="commendation_detail"),
    path("book/", views.honour_book, name="honour_book"),
    path("book/new/", views.honour_entry_create, name="honour_entry_create"),
    path("contests/new/", views.contest_entry, name="contest_entry"),
]
