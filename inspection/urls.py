"""URL map of the inspection pages."""

from django.urls import path

from inspection import views

app_name = "inspection"

urlpatterns = [
    path("", views.index, name="index"),
    path("programmes/new/", views.programme_new, name="programme_new"),
    path("new/", views.inspection_new, name="inspection_new"),
    path("<int:pk>/", views.inspection_detail, name="inspection"),
    path("<int:pk>/conclude/", views.inspection_conclude, name="conclude"),
    path("follow-ups/<int:pk>/status/", views.follow_up_status, name="follow_up_status"),
    path("disciplines/new/", views.discipline_new, name="discipline_new"),
    path("disciplines/<int:pk>/", views.discipline_detail, name="discipline"),
    path("disciplines/<int:pk>/appeals/", views.appeal_new, name="appeal_new"),
    path("appeals/<int:pk>/decide/", views.appeal_decide, name="appeal_decide"),
    path("export.xlsx", views.export, name="export"),
    path("counts/", views.statistics, name="statistics"),
]
