"""URL map of the rating pages."""

from django.urls import path

from rating import views

app_name = "rating"

urlpatterns = [
    path("organizations/<int:pk>/", views.campaigns, name="campaigns"),
    path("organizations/<int:pk>/results/", views.results_page, name="results"),
    path("organizations/<int:pk>/results/<int:year>/lists.xlsx", views.results_lists_xlsx, name="results_lists"),
    path("organizations/<int:pk>/results/<int:year>/<slug:layout>.xlsx", views.results_summary_xlsx,
         name="results_summary"),
    path("campaigns/<int:pk>/", views.board, name="board"),
    path("campaigns/<int:pk>/entry/<int:cell_pk>/", views.entry, name="entry"),
    path("campaigns/<int:pk>/organizations/", views.organizations_entry, name="organizations_entry"),
    path("campaigns/<int:pk>/leaders/", views.leaders_entry, name="leaders_entry"),
    path("campaigns/<int:pk>/export.xlsx", views.export, name="export"),
    path("campaigns/<int:pk>/import/", views.import_results, name="import"),
]
