"""URL map of the mass mobilisation pages."""

from django.urls import path

from mobilisation import views

app_name = "mobilisation"

urlpatterns = [
    path("dialogues/", views.dialogue_list, name="dialogues"),
    path("dialogues/new/", views.dialogue_new, name="dialogue_new"),
    path("dialogues/<int:pk>/", views.dialogue_detail, name="dialogue"),
    path("follow-ups/<int:pk>/status/", views.follow_up_status, name="follow_up_status"),
    path("models/", views.model_list, name="models"),
    path("models/new/", views.model_new, name="model_new"),
]
