"""The surveys pages."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from mentora.surveys.views import manage, participant

app_name = "surveys"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", participant.my_surveys, name="mine"),
    path("<int:survey_id>/", participant.answer, name="answer"),
    path("progress/<int:program_id>/", participant.progress, name="progress"),
    path("programs/<int:program_id>/", manage.manage, name="manage"),
    path("programs/<int:program_id>/custom/new/", manage.custom_create, name="custom_create"),
    path("custom/<int:instrument_id>/", manage.custom_detail, name="custom"),
    path("custom/<int:instrument_id>/edit/", manage.custom_edit, name="custom_edit"),
    path("custom/<int:instrument_id>/send/", manage.custom_send, name="custom_send"),
]
