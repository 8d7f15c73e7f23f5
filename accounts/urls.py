"""URL map of the account pages (mounted under /account/)."""

from django.urls import path

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("tokens/", views.tokens, name="tokens"),
    path("language/", views.language, name="language"),
    path("users/", views.users, name="users"),
    path("users/<int:pk>/", views.user_manage, name="user"),
    path("tokens/<int:pk>/revoke/", views.token_revoke, name="token_revoke"),
]
