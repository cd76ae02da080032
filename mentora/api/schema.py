"""OpenAPI names for the choice sets that share a field name (role, kind) or a set of choices.

Without these drf-spectacular warns and invents hashed names such as `RoleB07Enum`. They are
applied by the schema view; `SPECTACULAR_SETTINGS["ENUM_NAME_OVERRIDES"]` should point here too
so that `manage.py spectacular` gives the same schema.
"""

from __future__ import annotations

from typing import Any

# Re-exported: the settings name it by this path.
from mentora.programs.api.serializers import PARTICIPANT_INVITATION_ROLES

__all__ = ["ENUM_NAME_OVERRIDES", "PARTICIPANT_INVITATION_ROLES", "SCHEMA_SETTINGS"]

ENUM_NAME_OVERRIDES: dict[str, Any] = {
    "EnrollmentRoleEnum": "mentora.programs.models.Enrollment.Role",
    "InvitationRoleEnum": "mentora.programs.models.Invitation.Role",
    "ParticipantInvitationRoleEnum": "mentora.api.schema.PARTICIPANT_INVITATION_ROLES",
    "ProgramKindEnum": "mentora.programs.models.Program.Kind",
    "ProgramStateEnum": "mentora.programs.models.Program.State",
    "QuestionKindEnum": "mentora.programs.models.Question.Kind",
    "PreferenceEnum": "mentora.profiles.choices.Preference",
}

SCHEMA_SETTINGS: dict[str, Any] = {"ENUM_NAME_OVERRIDES": ENUM_NAME_OVERRIDES}
