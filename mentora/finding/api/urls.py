"""The finding endpoints, included by mentora/api/urls.py at /api/ (paths are written in full)."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from mentora.finding.api.views import availability, choosing, requests

P = "finding/<int:program_id>/"
M = P + "mentors/<int:mentor_id>/"
R = "mentor-requests/<int:request_id>/"

urlpatterns: list[URLPattern | URLResolver] = [
    path(
        P + "recommendations/",
        choosing.RecommendationsView.as_view(),
        name="finding-recommendations",
    ),
    path(M, choosing.MentorDetailView.as_view(), name="finding-mentor"),
    path(M + "checklist/", choosing.ChecklistView.as_view(), name="finding-checklist"),
    path(P + "bookmarks/", choosing.BookmarkListView.as_view(), name="finding-bookmarks"),
    path(
        P + "bookmarks/<int:mentor_id>/",
        choosing.BookmarkDetailView.as_view(),
        name="finding-bookmark",
    ),
    path(P + "availability/", availability.AvailabilityView.as_view(), name="finding-availability"),
    path(P + "availability/pause/", availability.PauseView.as_view(), name="finding-pause"),
    path(P + "availability/resume/", availability.ResumeView.as_view(), name="finding-resume"),
    path("mentor-requests/", requests.RequestListView.as_view(), name="mentor-requests"),
    path(R, requests.RequestDetailView.as_view(), name="mentor-request"),
    path(R + "accept/", requests.RequestAcceptView.as_view(), name="mentor-request-accept"),
    path(R + "decline/", requests.RequestDeclineView.as_view(), name="mentor-request-decline"),
    path(R + "withdraw/", requests.RequestWithdrawView.as_view(), name="mentor-request-withdraw"),
    path(R + "messages/", requests.RequestMessagesView.as_view(), name="mentor-request-messages"),
]
