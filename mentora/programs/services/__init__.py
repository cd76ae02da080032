"""Every write to organisations, programs, questionnaires, invitations and enrollments (and a
profile's manager, an organisation rule), one module per noun; the names are gathered here so
callers import `mentora.programs.services`."""

from mentora.programs.services.enrollments import (
    enrollment_answers_update,
    enrollment_approve,
    enrollment_decline,
    enrollment_moves_available,
    enrollment_submit,
    enrollment_withdraw,
)
from mentora.programs.services.invitations import (
    invitation_accept,
    invitation_create,
    open_program_invitations,
)
from mentora.programs.services.organisations import (
    may_create_organisations,
    organisation_approve,
    organisation_create,
    organisation_domain_add,
    organisation_domain_verify,
    organisation_manager_add,
    organisation_member_add,
    organisation_skill_create,
)
from mentora.programs.services.profiles import profile_manager_find, profile_save
from mentora.programs.services.programs import (
    PROGRAM_EDITABLE_FIELDS,
    program_create,
    program_transition,
    program_update,
)
from mentora.programs.services.questionnaire import (
    LONG_TEXT_MAX,
    SHORT_TEXT_MAX,
    answer_clean,
    answers_clean,
    question_create,
    question_delete,
    question_update,
)

__all__ = [
    "LONG_TEXT_MAX",
    "PROGRAM_EDITABLE_FIELDS",
    "SHORT_TEXT_MAX",
    "answer_clean",
    "answers_clean",
    "enrollment_answers_update",
    "enrollment_approve",
    "enrollment_decline",
    "enrollment_moves_available",
    "enrollment_submit",
    "enrollment_withdraw",
    "invitation_accept",
    "invitation_create",
    "may_create_organisations",
    "open_program_invitations",
    "organisation_approve",
    "organisation_create",
    "organisation_domain_add",
    "organisation_domain_verify",
    "organisation_manager_add",
    "organisation_member_add",
    "organisation_skill_create",
    "profile_manager_find",
    "profile_save",
    "program_create",
    "program_transition",
    "program_update",
    "question_create",
    "question_delete",
    "question_update",
]
