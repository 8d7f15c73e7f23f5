"""URL map of the reports pages (mounted at /figures/)."""

from django.urls import path

from reports import dashboard_views, records_views, views
from reports.annual import template_views
from reports.annual import views as report_views

app_name = "reports"

urlpatterns = [
    path("<int:pk>/", views.organization_figures, name="organization"),
    path("<int:pk>/figures.xlsx", views.organization_figures_xlsx, name="organization_xlsx"),
    path("<int:pk>/dashboard/", dashboard_views.organization_dashboard, name="dashboard"),
    path("<int:pk>/records/<slug:namespace>/<str:key>/", records_views.figure_records, name="records"),
    path("<int:pk>/report/", report_views.organization_report, name="report"),
    path("<int:pk>/report/template.docx", report_views.default_template_download, name="report_template"),
    path("<int:pk>/report/templates/", template_views.organization_templates, name="report_templates"),
    path("templates/<int:pk>.docx", template_views.template_download, name="template_download"),
    path("jobs/<int:pk>/", report_views.job_page, name="job"),
    path("jobs/<int:pk>/download", report_views.job_download, name="job_download"),
]
