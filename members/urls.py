"""URL map of the members pages."""

from django.urls import path

from members import badge_views, report_views, views

app_name = "members"

urlpatterns = [
    path("", views.member_list, name="list"),
    path("report.xlsx", report_views.member_list_xlsx, name="list_xlsx"),
    path("due/report.xlsx", report_views.due_xlsx, name="due_xlsx"),
    path("pipeline/report.xlsx", report_views.pipeline_xlsx, name="pipeline_xlsx"),
    path("due/badges.xlsx", report_views.badges_xlsx, name="badges_xlsx"),
    path("pipeline/", views.pipeline, name="pipeline"),
    path("due/", views.due_lists, name="due"),
    path("late/", views.late_steps, name="late"),
    path("new/", views.person_create, name="create"),
    path("<int:pk>/", views.member_detail, name="detail"),
    path("<int:pk>/edit/", views.person_edit, name="edit"),
    path("<int:pk>/void/", views.person_void, name="void"),
    path("<int:pk>/badge-presented/", badge_views.badge_presented, name="badge_presented"),
    path("<int:pk>/events/<int:event_pk>/correct/", views.event_correct, name="correct"),
    path("<int:pk>/<slug:slug>/", views.event_form, name="event"),
]
