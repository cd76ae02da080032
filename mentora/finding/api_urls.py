"""The finding endpoints, included by mentora/api/urls.py at /api/ (paths are written in full)."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from mentora.finding import api

P = "finding/<int:program_id>/"
M = P + "mentors/<int:mentor_id>/"
R = "mentor-requests/<int:request_id>/"

urlpatterns: list[URLPattern | URLResolver] = [
    path(P + "recommendations/", api.RecommendationsView.as_view(), name="finding-recommendations"),
    path(M, api.MentorDetailView.as_view(), name="finding-mentor"),
    path(M + "checklist/", api.ChecklistView.as_view(), name="finding-checklist"),
    path(P + "bookmarks/", api.BookmarkListView.as_view(), name="finding-bookmarks"),
    path(
        P + "bookmarks/<int:mentor_id>/",
        api.BookmarkDetailView.as_view(),
        name="finding-bookmark",
    ),
    path(P + "availability/", api.AvailabilityView.as_view(), name="finding-availability"),
    path(P + "availability/pause/", api.PauseView.as_view(), name="finding-pause"),
    path(P + "availability/resume/", api.ResumeView.as_view(), name="finding-resume"),
    path("mentor-requests/", api.RequestListView.as_view(), name="mentor-requests"),
    path(R, api.RequestDetailView.as_view(), name="mentor-request"),
    path(R + "accept/", api.RequestAcceptView.as_view(), name="mentor-request-accept"),
    path(R + "decline/", api.RequestDeclineView.as_view(), name="mentor-request-decline"),
    path(R + "withdraw/", api.RequestWithdrawView.as_view(), name="mentor-request-withdraw"),
    path(R + "messages/", api.RequestMessagesView.as_view(), name="mentor-request-messages"),
]
