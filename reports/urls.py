"""URL map of the reports pages (mounted at /figures/)."""

from django.urls import path

from reports import views

app_name = "reports"

urlpatterns = [
    path("<int:pk>/", views.organization_figures, name="organization"),
]
