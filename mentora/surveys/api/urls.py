"""The surveys endpoints, included by mentora/api/urls.py at /api/ (paths are written in full)."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from mentora.surveys.api import views

P = "programs/<int:program_id>/"

urlpatterns: list[URLPattern | URLResolver] = [
    path("survey-instruments/", views.InstrumentListView.as_view(), name="survey-instruments"),
    path(
        "survey-instruments/<int:instrument_id>/",
        views.InstrumentDetailView.as_view(),
        name="survey-instrument",
    ),
    path("my-surveys/", views.MySurveyListView.as_view(), name="my-surveys"),
    path("my-surveys/<int:survey_id>/", views.MySurveyDetailView.as_view(), name="my-survey"),
    path(
        "my-surveys/<int:survey_id>/response/",
        views.MySurveyResponseView.as_view(),
        name="my-survey-response",
    ),
    path(P + "survey-schedule/", views.ScheduleView.as_view(), name="survey-schedule"),
    path(P + "custom-surveys/", views.CustomSurveyListView.as_view(), name="custom-surveys"),
    path(
        "custom-surveys/<int:instrument_id>/",
        views.CustomSurveyDetailView.as_view(),
        name="custom-survey",
    ),
    path(
        "custom-surveys/<int:instrument_id>/send/",
        views.CustomSurveySendView.as_view(),
        name="custom-survey-send",
    ),
    path(
        P + "survey-response-rates/",
        views.ResponseRatesView.as_view(),
        name="survey-response-rates",
    ),
]
