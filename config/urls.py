from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from .health import health, robots_txt

urlpatterns = [
    path("health", health, name="health"),
    path("robots.txt", robots_txt, name="robots-txt"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/", include("qualifications.api_urls")),
    path("api/", include("regions.api_urls")),
    path("api/", include("experiments.api_urls")),
    path("api/", include("pathways.api_urls")),
    path("api/", include("submissions.api_urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    # Each domain app owns its URLs (pages and API) under its own prefix.
    path("kwalificaties/", include("qualifications.urls")),
    path("regios/", include("regions.urls")),
    path("experimenten/", include("experiments.urls")),
    path("leerroutes/", include("pathways.urls")),
    path("indieningen/", include("submissions.urls")),
    path("meldingen/", include("notifications.urls")),
    path("", include("accounts.urls")),
]
