from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from mentora.programs import views_participant

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("allauth.urls")),
    path("api/", include("mentora.api.urls")),
    path("profile/", include("mentora.profiles.urls")),
    path("relationships/", include("mentora.relationships.urls")),
    path("notifications/", include("mentora.notifications.urls")),
    path("matching/", include("mentora.matching.urls")),
    path("find/", include("mentora.finding.urls")),
    path("surveys/", include("mentora.surveys.urls")),
    path("reports/", include("mentora.reports.urls")),
    path("", include("mentora.programs.urls")),
    path("", views_participant.home, name="home"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
