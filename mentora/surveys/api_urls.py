"""The surveys endpoints, included by mentora/api/urls.py at /api/ (paths are written in full)."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from mentora.surveys import api

P = "programs/<int:program_id>/"

urlpatterns: list[URLPattern | URLResolver] = [
    path("survey-instruments/", api.InstrumentListView.as_view(), name="survey-instruments"),
    path(
        "survey-instruments/<int:instrument_id>/",
        api.InstrumentDetailView.as_view(),
        name="survey-instrument",
    ),
    path("my-surveys/", api.MySurveyListView.as_view(), name="my-surveys"),
    path("my-surveys/<int:survey_id>/", api.MySurveyDetailView.as_view(), name="my-survey"),
    path(
        "my-surveys/<int:survey_id>/response/",
        api.MySurveyResponseView.as_view(),
        name="my-survey-response",
    ),
    path(P + "survey-schedule/", api.ScheduleView.as_view(), name="survey-schedule"),
    path(P + "custom-surveys/", api.CustomSurveyListView.as_view(), name="custom-surveys"),
    path(
        "custom-surveys/<int:instrument_id>/",
        api.CustomSurveyDetailView.as_view(),
        name="custom-survey",
    ),
    path(
        "custom-surveys/<int:instrument_id>/send/",
        api.CustomSurveySendView.as_view(),
        name="custom-survey-send",
    ),
    path(
        P + "survey-response-rates/",
        api.ResponseRatesView.as_view(),
        name="survey-response-rates",
    ),
]
