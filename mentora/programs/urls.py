from django.urls import include, path

from mentora.programs import views_manage, views_participant

app_name = "programs"

urlpatterns = [
    path("programs/", views_participant.directory, name="directory"),
    path("programs/<int:program_id>/", views_participant.program_detail, name="detail"),
    path("programs/<int:program_id>/enroll/", views_participant.enroll, name="enroll"),
    path(
        "programs/<int:program_id>/answers/<str:role>/",
        views_participant.answers,
        name="answers",
    ),
    path(
        "enrollments/<int:enrollment_id>/withdraw/",
        views_participant.enrollment_withdraw,
        name="withdraw",
    ),
    path("invitations/<str:token>/", views_participant.invitation, name="invitation"),
    path("manage/", views_manage.manage, name="manage"),
    path(
        "manage/organisations/<int:organisation_id>/managers/",
        views_manage.organisation_managers,
        name="organisation_managers",
    ),
    path(
        "manage/organisations/<int:organisation_id>/skills/",
        views_manage.organisation_skills,
        name="organisation_skills",
    ),
    path(
        "manage/organisations/<int:organisation_id>/programs/new/",
        views_manage.program_create,
        name="program_create",
    ),
    path("manage/programs/<int:program_id>/", views_manage.manage_program, name="manage_program"),
    path("manage/programs/<int:program_id>/edit/", views_manage.program_edit, name="program_edit"),
    path(
        "manage/programs/<int:program_id>/transition/",
        views_manage.program_transition,
        name="program_transition",
    ),
    path("manage/programs/<int:program_id>/invite/", views_manage.program_invite, name="invite"),
    path("manage/programs/<int:program_id>/questions/", views_manage.questions, name="questions"),
    path(
        "manage/programs/<int:program_id>/questions/<int:question_id>/",
        views_manage.question_edit,
        name="question_edit",
    ),
    path(
        "manage/enrollments/<int:enrollment_id>/<str:action>/",
        views_manage.enrollment_decide,
        name="enrollment_decide",
    ),
    path("manage/programs/<int:program_id>/participants/", include("mentora.programs.urls_import")),
]
