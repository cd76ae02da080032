"""Every write to relationships, split like the pages: the relationship and its stage, initiation,
meetings, the content the pair works on, and closing.

`relationship_advance` is the only code that changes a relationship's stage. Other apps (matching,
finding, surveys, the demo) import the services from here.
"""

from __future__ import annotations

from mentora.relationships.services.closing import (
    CLOSING_STAGES,
    acknowledgment_set_public,
    acknowledgment_write,
    closing_reflection_save,
    redefinition_set,
    separation_confirm,
    separation_decide,
    separation_propose,
    separation_withdraw,
)
from mentora.relationships.services.common import ACKNOWLEDGMENT_STAGES, WORKING_STAGES
from mentora.relationships.services.content import (
    RESOURCE_EXTENSIONS,
    RESOURCE_MAX_BYTES,
    goal_create,
    goal_update_progress,
    lesson_record,
    milestone_add,
    milestone_set_done,
    question_ask,
    question_reply,
    resource_add,
)
from mentora.relationships.services.initiation import (
    AGREEMENT_FIELDS,
    AGREEMENT_STAGES,
    acquaintance_update,
    agreement_confirm,
    agreement_save,
)
from mentora.relationships.services.meetings import (
    meeting_cancel,
    meeting_record,
    meeting_reschedule,
    meeting_schedule,
    private_note_save,
)
from mentora.relationships.services.relationship import (
    enrollments_lock_for_pairing,
    relationship_accept,
    relationship_advance,
    relationship_create,
    relationship_end,
)

__all__ = [
    "ACKNOWLEDGMENT_STAGES",
    "AGREEMENT_FIELDS",
    "AGREEMENT_STAGES",
    "CLOSING_STAGES",
    "RESOURCE_EXTENSIONS",
    "RESOURCE_MAX_BYTES",
    "WORKING_STAGES",
    "acknowledgment_set_public",
    "acknowledgment_write",
    "acquaintance_update",
    "agreement_confirm",
    "agreement_save",
    "closing_reflection_save",
    "enrollments_lock_for_pairing",
    "goal_create",
    "goal_update_progress",
    "lesson_record",
    "meeting_cancel",
    "meeting_record",
    "meeting_reschedule",
    "meeting_schedule",
    "milestone_add",
    "milestone_set_done",
    "private_note_save",
    "question_ask",
    "question_reply",
    "redefinition_set",
    "relationship_accept",
    "relationship_advance",
    "relationship_create",
    "relationship_end",
    "resource_add",
    "separation_confirm",
    "separation_decide",
    "separation_propose",
    "separation_withdraw",
]
