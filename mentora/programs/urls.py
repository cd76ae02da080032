from django.urls import path

from mentora.programs.views import imports, manage, participant, profiles

app_name = "programs"

urlpatterns = [
    path("programs/", participant.directory, name="directory"),
    path("programs/<int:program_id>/", participant.program_detail, name="detail"),
    path("programs/<int:program_id>/enroll/", participant.enroll, name="enroll"),
    path("programs/<int:program_id>/answers/<str:role>/", participant.answers, name="answers"),
    path(
        "enrollments/<int:enrollment_id>/withdraw/",
        participant.enrollment_withdraw,
        name="withdraw",
    ),
    path("invitations/<str:token>/", participant.invitation, name="invitation"),
    # Another person's profile (one's own is edited under /profile/: profile_urls.py).
    path("profile/<int:profile_id>/", profiles.profile_detail, name="profile"),
    path("profile/<int:profile_id>/photo/", profiles.profile_photo, name="profile_photo"),
    path("manage/", manage.manage, name="manage"),
    path(
        "manage/organisations/<int:organisation_id>/managers/",
        manage.organisation_managers,
        name="organisation_managers",
    ),
    path(
        "manage/organisations/<int:organisation_id>/skills/",
        manage.organisation_skills,
        name="organisation_skills",
    ),
    path(
        "manage/organisations/<int:organisation_id>/programs/new/",
        manage.program_create,
        name="program_create",
    ),
    path("manage/programs/<int:program_id>/", manage.manage_program, name="manage_program"),
    path("manage/programs/<int:program_id>/edit/", manage.program_edit, name="program_edit"),
    path(
        "manage/programs/<int:program_id>/transition/",
        manage.program_transition,
        name="program_transition",
    ),
    path("manage/programs/<int:program_id>/invite/", manage.program_invite, name="invite"),
    path("manage/programs/<int:program_id>/questions/", manage.questions, name="questions"),
    path(
        "manage/programs/<int:program_id>/questions/<int:question_id>/",
        manage.question_edit,
        name="question_edit",
    ),
    path(
        "manage/enrollments/<int:enrollment_id>/<str:action>/",
        manage.enrollment_decide,
        name="enrollment_decide",
    ),
    # Import and export of a program's participants.
    path(
        "manage/programs/<int:program_id>/participants/import/",
        imports.upload,
        name="import",
    ),
    path(
        "manage/programs/<int:program_id>/participants/import/<str:token>/",
        imports.confirm,
        name="import_confirm",
    ),
    path(
        "manage/programs/<int:program_id>/participants/export/",
        imports.export,
        name="export",
    ),
]
