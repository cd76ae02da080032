"""The matching pages."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from mentora.matching.views import review, runs

app_name = "matching"

urlpatterns: list[URLPattern | URLResolver] = [
    path("programs/<int:program_id>/", runs.run_list, name="runs"),
    path("programs/<int:program_id>/preview/", runs.weights_preview, name="preview"),
    path("runs/<int:run_id>/", review.run_detail, name="run"),
    path("runs/<int:run_id>/progress/", runs.run_progress, name="progress"),
    path("runs/<int:run_id>/publish/", runs.run_publish, name="publish"),
    path("runs/<int:run_id>/discard/", runs.run_discard, name="discard"),
    path("runs/<int:run_id>/pins/", review.pin_set, name="pin"),
    path("proposals/<int:proposal_id>/move/", review.proposal_move, name="move"),
]
