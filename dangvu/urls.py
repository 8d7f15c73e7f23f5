"""URL map: pages per app, the API under /api/v1, sign-in, language switch."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from dangvu.api import api

urlpatterns = [
    path("", include("home.urls")),  # the home page "Việc cần làm"
    path("help/", include("home.help_urls")),
    path("", include("organizations.urls")),
    path("members/", include("members.urls")),
    path("figures/", include("reports.urls")),
    path("imports/", include("ingest.urls")),
    path("committees/", include("committees.urls")),
    path("training/", include("training.urls")),
    path("honours/", include("honours.urls")),
    path("oversight/", include("oversight.urls")),
    path("documents/", include("documents.urls")),
    path("mobilisation/", include("mobilisation.urls")),
    path("inspection/", include("inspection.urls")),
    path("targets/", include("targets.urls")),
    path("rating/", include("rating.urls")),
    path("restructuring/", include("restructuring.urls")),
    path("account/", include("accounts.urls")),
    path("login/", auth_views.LoginView.as_view(template_name="core/login.html"), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]

# Error pages in the user's language with the top bar; under /api/ the API's JSON {"detail": ...} instead.
handler400 = "core.views.bad_request"
handler403 = "core.views.permission_denied"
handler404 = "core.views.page_not_found"
handler500 = "core.views.server_error"
