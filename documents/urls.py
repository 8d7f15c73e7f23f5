"""URL map of the register pages."""

from django.urls import path

from documents import views

app_name = "documents"

urlpatterns = [
    path("", views.document_list, name="list"),
    path("export.xlsx", views.export, name="export"),
    path("new/", views.document_new, name="new"),
    path("<int:pk>/", views.document_detail, name="detail"),
    path("<int:pk>/links/", views.link_add, name="link_add"),
    path("<int:pk>/files/", views.attachment_upload, name="attach"),
    path("files/<int:pk>/", views.download, name="download"),
]
