from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path

from mentora.programs.views import participant
from mentora.site.csp_report import csp_report

# The admin has no log-in form of its own: it sends people to the log-in page, so the one
# attempt limit and the second factor hold for it too; a signed-in person who is not staff gets 403.
admin.site.login = secure_admin_login(admin.site.login)  # type: ignore[method-assign]

# Nothing under MEDIA_ROOT is served by URL: private files (photos, shared resources) go out
# only through the views that check who may see them (mentora.lib.files).
urlpatterns = [
    path("admin/", admin.site.urls),
    # settings.CSP_REPORT_PATH: where browsers report what the Content-Security-Policy blocked.
    path("csp-report/", csp_report, name="csp_report"),
    path("accounts/", include("mentora.accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("api/", include("mentora.api.urls")),
    path("profile/", include("mentora.programs.profile_urls")),
    path("relationships/", include("mentora.relationships.urls")),
    path("notifications/", include("mentora.notifications.urls")),
    path("matching/", include("mentora.matching.urls")),
    path("find/", include("mentora.finding.urls")),
    path("surveys/", include("mentora.surveys.urls")),
    path("reports/", include("mentora.reports.urls")),
    path("", include("mentora.programs.urls")),
    path("", participant.home, name="home"),
]
