"""The REST API: OpenAPI schema and docs, tokens, organisations, programs, enrollments, profiles."""

from __future__ import annotations

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView

from mentora.api.schema import SCHEMA_SETTINGS
from mentora.api.views import auth, docs, enrollments, organisations, profiles, programs, questions

app_name = "api"

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(custom_settings=SCHEMA_SETTINGS), name="schema"),
    path("docs/", docs.SwaggerView.as_view(url_name="api:schema"), name="docs"),
    path(
        "redoc/",
        SpectacularRedocView.as_view(url_name="api:schema", template_name="api/redoc.html"),
        name="redoc",
    ),
    path("auth/token/", auth.TokenView.as_view(), name="token"),
    # Organisations
    path("organisations/", organisations.OrganisationListView.as_view(), name="organisations"),
    path(
        "organisations/<int:organisation_id>/",
        organisations.OrganisationDetailView.as_view(),
        name="organisation",
    ),
    path(
        "organisations/<int:organisation_id>/managers/",
        organisations.OrganisationManagersView.as_view(),
        name="organisation-managers",
    ),
    # Programs and their questionnaires
    path("programs/", programs.ProgramListView.as_view(), name="programs"),
    path("programs/<int:program_id>/", programs.ProgramDetailView.as_view(), name="program"),
    path(
        "programs/<int:program_id>/transition/",
        programs.ProgramTransitionView.as_view(),
        name="program-transition",
    ),
    path(
        "programs/<int:program_id>/invitations/",
        programs.ProgramInvitationsView.as_view(),
        name="program-invitations",
    ),
    path(
        "programs/<int:program_id>/questions/",
        questions.QuestionListView.as_view(),
        name="program-questions",
    ),
    path(
        "programs/<int:program_id>/questions/<int:question_id>/",
        questions.QuestionDetailView.as_view(),
        name="program-question",
    ),
    path(
        "programs/<int:program_id>/enroll/",
        enrollments.ProgramEnrollView.as_view(),
        name="program-enroll",
    ),
    # Enrollments
    path("enrollments/", enrollments.EnrollmentListView.as_view(), name="enrollments"),
    path(
        "enrollments/<int:enrollment_id>/",
        enrollments.EnrollmentDetailView.as_view(),
        name="enrollment",
    ),
    path(
        "enrollments/<int:enrollment_id>/answers/",
        enrollments.EnrollmentAnswersView.as_view(),
        name="enrollment-answers",
    ),
    path(
        "enrollments/<int:enrollment_id>/approve/",
        enrollments.EnrollmentApproveView.as_view(),
        name="enrollment-approve",
    ),
    path(
        "enrollments/<int:enrollment_id>/decline/",
        enrollments.EnrollmentDeclineView.as_view(),
        name="enrollment-decline",
    ),
    path(
        "enrollments/<int:enrollment_id>/withdraw/",
        enrollments.EnrollmentWithdrawView.as_view(),
        name="enrollment-withdraw",
    ),
    # Profiles and skills
    path("profiles/", profiles.ProfileListView.as_view(), name="profiles"),
    path("profiles/me/", profiles.MyProfileView.as_view(), name="my-profile"),
    path(
        "profiles/me/demographics/",
        profiles.MyDemographicsView.as_view(),
        name="my-demographics",
    ),
    path("profiles/<int:profile_id>/", profiles.ProfileDetailView.as_view(), name="profile"),
    path("skills/", profiles.SkillListView.as_view(), name="skills"),
    path("notifications/", include("mentora.notifications.api.urls")),
    path("relationships/", include("mentora.relationships.api.urls")),
    # These apps write their paths in full (/api/match-runs/..., /api/programs/<id>/...).
    path("", include("mentora.matching.api.urls")),
    path("", include("mentora.finding.api.urls")),
    path("", include("mentora.surveys.api.urls")),
    path("", include("mentora.reports.api.urls")),
]
