"""URL map of the target pages."""

from django.urls import path

from targets import views

app_name = "targets"

urlpatterns = [
    path("organizations/<int:pk>/", views.organization, name="organization"),
    path("organizations/<int:pk>/new/", views.resolution_new, name="resolution_new"),
    path("organizations/<int:pk>/new-rural/", views.newrural, name="newrural"),
    path("organizations/<int:pk>/ocop/", views.ocop, name="ocop"),
    path("resolutions/<int:pk>/", views.resolution, name="resolution"),
    path("resolutions/<int:pk>/targets/new/", views.target_new, name="target_new"),
    path("resolutions/<int:pk>/export.xlsx", views.export, name="export"),
    path("resolutions/<int:pk>/import/", views.import_results, name="import"),
    path("targets/<int:pk>/result/", views.result_new, name="result_new"),
]
