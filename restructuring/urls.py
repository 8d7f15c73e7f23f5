"""URL map of the restructuring plan pages (mounted at /restructuring/)."""

from django.urls import path

from restructuring import views

app_name = "restructuring"

urlpatterns = [
    path("", views.plan_list, name="list"),
    path("template.xlsx", views.plan_template, name="template"),
    path("<int:pk>/", views.plan_detail, name="detail"),
    path("<int:pk>/apply/", views.plan_apply_view, name="apply"),
    path("<int:pk>/progress/", views.plan_progress, name="progress"),
    path("<int:pk>/rows.xlsx", views.plan_rows_xlsx, name="rows"),
]
