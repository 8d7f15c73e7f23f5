"""URL map of the training pages."""

from django.urls import path

from training import views

app_name = "training"

urlpatterns = [
    path("", views.class_list, name="class_list"),
    path("export.xlsx", views.class_list_export, name="class_list_export"),
    path("new/", views.class_create, name="class_create"),
    path("<int:pk>/", views.class_detail, name="class_detail"),
    path("<int:pk>/export.xlsx", views.class_export, name="class_export"),
    path("<int:pk>/edit/", views.class_edit, name="class_edit"),
    path("learners/<int:pk>/edit/", views.learner_edit, name="learner_edit"),
    path("<int:pk>/learners/", views.learners_add, name="learners_add"),
    path("learners/<int:pk>/result/", views.learner_result, name="learner_result"),
]
