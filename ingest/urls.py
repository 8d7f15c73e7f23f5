"""URL map of the ingest pages (mounted under /imports/)."""

from django.urls import path

from ingest import views

app_name = "ingest"

urlpatterns = [
    path("", views.batch_list, name="batch_list"),
    path("<int:pk>/", views.batch_detail, name="batch"),
    path("report.xlsx", views.batch_list_xlsx, name="batch_list_xlsx"),
    path("<int:pk>/report.xlsx", views.batch_xlsx, name="batch_xlsx"),
    path("members/", views.member_import, name="member_import"),
    path("members/template.xlsx", views.member_template, name="member_template"),
    path("members/export.xlsx", views.member_export, name="member_export"),
]
