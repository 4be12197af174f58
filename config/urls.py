from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import RedirectView
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from .health import health, robots_txt


class FaviconView(RedirectView):
    """Browsers ask for /favicon.ico whatever the page says; the icon is an SVG."""

    permanent = True

    def get_redirect_url(self, *args, **kwargs):
        return static("img/favicon.svg")


urlpatterns = [
    path("health", health, name="health"),
    path("favicon.ico", FaviconView.as_view(), name="favicon"),
    path("robots.txt", robots_txt, name="robots-txt"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/", include("qualifications.api_urls")),
    path("api/", include("regions.api_urls")),
    path("api/", include("experiments.api_urls")),
    path("api/", include("pathways.api_urls")),
    path("api/", include("submissions.api_urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    # Each domain app owns its URLs (pages and API) under its own prefix.
    path("kwalificaties/", include("qualifications.urls")),
    path("regios/", include("regions.urls")),
    path("experimenten/", include("experiments.urls")),
    path("leerroutes/", include("pathways.urls")),
    path("certificaattrajecten/", include("certificates.urls")),
    path("", include("statements.urls")),
    path("indieningen/", include("submissions.urls")),
    path("meldingen/", include("notifications.urls")),
    path("ooapi/v5/", include("ooapi.urls")),
    path("open-data/", include("ooapi.opendata_urls")),
    path("", include("portal.urls")),
    path("", include("accounts.urls")),
]

# Under /api/ a URL that matches nothing answers with the API's JSON error body.
handler404 = "config.api.page_not_found"
