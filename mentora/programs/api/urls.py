"""The programs endpoints, included by mentora/api/urls.py at /api/ (paths are written in full)."""

from __future__ import annotations

from django.urls import URLPattern, path

from mentora.programs.api.views import (
    enrollments,
    organisations,
    profiles,
    programs,
    questions,
    skills,
)

ORG = "organisations/<int:organisation_id>/"
P = "programs/<int:program_id>/"
E = "enrollments/<int:enrollment_id>/"

urlpatterns: list[URLPattern] = [
    # Organisations
    path("organisations/", organisations.OrganisationListView.as_view(), name="organisations"),
    path(ORG, organisations.OrganisationDetailView.as_view(), name="organisation"),
    path(
        ORG + "managers/",
        organisations.OrganisationManagersView.as_view(),
        name="organisation-managers",
    ),
    # Programs and their questionnaires
    path("programs/", programs.ProgramListView.as_view(), name="programs"),
    path(P, programs.ProgramDetailView.as_view(), name="program"),
    path(P + "transition/", programs.ProgramTransitionView.as_view(), name="program-transition"),
    path(P + "invitations/", programs.ProgramInvitationsView.as_view(), name="program-invitations"),
    path(P + "questions/", questions.QuestionListView.as_view(), name="program-questions"),
    path(
        P + "questions/<int:question_id>/",
        questions.QuestionDetailView.as_view(),
        name="program-question",
    ),
    path(P + "enroll/", enrollments.ProgramEnrollView.as_view(), name="program-enroll"),
    # Enrollments
    path("enrollments/", enrollments.EnrollmentListView.as_view(), name="enrollments"),
    path(E, enrollments.EnrollmentDetailView.as_view(), name="enrollment"),
    path(E + "answers/", enrollments.EnrollmentAnswersView.as_view(), name="enrollment-answers"),
    path(E + "approve/", enrollments.EnrollmentApproveView.as_view(), name="enrollment-approve"),
    path(E + "decline/", enrollments.EnrollmentDeclineView.as_view(), name="enrollment-decline"),
    path(E + "withdraw/", enrollments.EnrollmentWithdrawView.as_view(), name="enrollment-withdraw"),
    # The profiles a person may see, and the skills taxonomy
    path("profiles/", profiles.ProfileListView.as_view(), name="profiles"),
    path("profiles/me/", profiles.MyProfileView.as_view(), name="my-profile"),
    path("profiles/<int:profile_id>/", profiles.ProfileDetailView.as_view(), name="profile"),
    path("skills/", skills.SkillListView.as_view(), name="skills"),
]
