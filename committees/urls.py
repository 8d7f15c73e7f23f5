"""URL map of the committee pages."""

from django.urls import path

from committees import views

app_name = "committees"

urlpatterns = [
    path("organizations/<int:pk>/", views.leadership, name="leadership"),
    path("organizations/<int:pk>/congress/", views.congress, name="congress"),
    path("organizations/<int:pk>/appointment/", views.appointment, name="appointment"),
    path("organizations/<int:pk>/export.xlsx", views.export, name="export"),
    path("terms/<int:pk>/seats/", views.seats_add, name="seats_add"),
    path("seats/<int:pk>/end/", views.seat_end, name="seat_end"),
    path("seats/<int:pk>/correct/", views.seat_correct, name="seat_correct"),
]
