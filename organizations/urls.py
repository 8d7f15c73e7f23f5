"""Organization pages: the tree at /organizations/ (the home page at / is the home app's)."""

from django.urls import path

from organizations import pick_views, unit_views, views

app_name = "organizations"

urlpatterns = [
    path("organizations/", views.tree, name="tree"),
    path("organizations/search/", views.search, name="search"),
    path("organizations/pick/", pick_views.pick, name="pick"),
    path("organizations/as-of/", views.as_of, name="as_of"),
    path("organizations/<int:pk>/", views.detail, name="detail"),
    path("organizations/<int:pk>/children/", views.children, name="children"),
    path("organizations/<int:pk>/establish/", views.establish, name="establish"),
    path("organizations/<int:pk>/dissolve/", views.dissolve, name="dissolve"),
    path("organizations/<int:pk>/rename/", views.rename, name="rename"),
    path("organizations/<int:pk>/move/", views.move, name="move"),
    path("organizations/<int:pk>/merge/", views.merge, name="merge"),
    path("organizations/<int:pk>/split/", views.split, name="split"),
    path("organizations/<int:pk>/units/new/", views.unit_create, name="unit_create"),
    path("organizations/units/<int:pk>/cover/", views.unit_cover, name="unit_cover"),
    path("organizations/units/<int:pk>/", unit_views.unit_detail, name="unit_detail"),
    path("organizations/units/<int:pk>/rename/", unit_views.unit_rename, name="unit_rename"),
    path("organizations/units/<int:pk>/dissolve/", unit_views.unit_dissolve, name="unit_dissolve"),
    path("organizations/units/<int:pk>/merge/", unit_views.unit_merge, name="unit_merge"),
    path("organizations/units/<int:pk>/split/", unit_views.unit_split, name="unit_split"),
    path("organizations/<int:pk>/coverage/", unit_views.coverage, name="coverage"),
]
