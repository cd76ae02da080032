"""The finding pages, mounted at /find/."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from mentora.finding.views import availability, pages, requests

app_name = "finding"

P = "<int:program_id>/"
M = P + "mentors/<int:mentor_id>/"
R = "requests/<int:request_id>/"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", pages.finding_home, name="home"),
    path(P, pages.recommendations, name="recommendations"),
    path(M, pages.mentor_detail, name="mentor"),
    path(M + "bookmark/", pages.bookmark_toggle, name="bookmark"),
    path(M + "checklist/", pages.checklist_save, name="checklist"),
    path(M + "request/", pages.request_create, name="request_create"),
    path("requests/", requests.request_list, name="requests"),
    path(R, requests.request_detail, name="request"),
    path(R + "accept/", requests.request_accept, name="request_accept"),
    path(R + "decline/", requests.request_decline, name="request_decline"),
    path(R + "withdraw/", requests.request_withdraw, name="request_withdraw"),
    path(R + "messages/", requests.request_message, name="request_message"),
    path("availability/", availability.availability, name="availability"),
    path("availability/" + P + "pause/", availability.pause, name="pause"),
    path("availability/" + P + "resume/", availability.resume, name="resume"),
]
