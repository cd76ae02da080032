"""The matching endpoints, included by mentora/api/urls.py at /api/ (paths are written in full)."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from mentora.matching import api

P = "programs/<int:program_id>/"
R = "match-runs/<int:run_id>/"

urlpatterns: list[URLPattern | URLResolver] = [
    path(P + "match-runs/", api.RunListView.as_view(), name="match-runs"),
    path(P + "matching-settings/", api.SettingsView.as_view(), name="matching-settings"),
    path(P + "match-pins/", api.PinListView.as_view(), name="match-pins"),
    path(P + "match-pins/<int:pin_id>/", api.PinDetailView.as_view(), name="match-pin"),
    path(R, api.RunDetailView.as_view(), name="match-run"),
    path(R + "proposals/", api.ProposalListView.as_view(), name="match-run-proposals"),
    path(
        R + "proposals/<int:proposal_id>/move/",
        api.ProposalMoveView.as_view(),
        name="match-run-proposal-move",
    ),
    path(R + "unmatched/", api.UnmatchedListView.as_view(), name="match-run-unmatched"),
    path(R + "publish/", api.RunPublishView.as_view(), name="match-run-publish"),
    path(R + "discard/", api.RunDiscardView.as_view(), name="match-run-discard"),
    path(R + "fairness/", api.RunFairnessView.as_view(), name="match-run-fairness"),
    path(R + "changes/", api.RunChangesView.as_view(), name="match-run-changes"),
    path(
        R + "weights-preview/",
        api.RunWeightsPreviewView.as_view(),
        name="match-run-weights-preview",
    ),
]
