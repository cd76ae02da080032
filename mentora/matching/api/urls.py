"""The matching endpoints, included by mentora/api/urls.py at /api/ (paths are written in full)."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from mentora.matching.api.views import review, runs

P = "programs/<int:program_id>/"
R = "match-runs/<int:run_id>/"

urlpatterns: list[URLPattern | URLResolver] = [
    path(P + "match-runs/", runs.RunListView.as_view(), name="match-runs"),
    path(P + "matching-settings/", runs.SettingsView.as_view(), name="matching-settings"),
    path(P + "match-pins/", review.PinListView.as_view(), name="match-pins"),
    path(P + "match-pins/<int:pin_id>/", review.PinDetailView.as_view(), name="match-pin"),
    path(R, runs.RunDetailView.as_view(), name="match-run"),
    path(R + "proposals/", review.ProposalListView.as_view(), name="match-run-proposals"),
    path(
        R + "proposals/<int:proposal_id>/move/",
        review.ProposalMoveView.as_view(),
        name="match-run-proposal-move",
    ),
    path(R + "unmatched/", review.UnmatchedListView.as_view(), name="match-run-unmatched"),
    path(R + "publish/", runs.RunPublishView.as_view(), name="match-run-publish"),
    path(R + "discard/", runs.RunDiscardView.as_view(), name="match-run-discard"),
    path(R + "fairness/", runs.RunFairnessView.as_view(), name="match-run-fairness"),
    path(R + "changes/", runs.RunChangesView.as_view(), name="match-run-changes"),
    path(
        R + "weights-preview/",
        runs.RunWeightsPreviewView.as_view(),
        name="match-run-weights-preview",
    ),
]
