from __future__ import annotations

from django.urls import path

from mentora.relationships.views import closing, content, initiation, meetings, pages

app_name = "relationships"

R = "<int:relationship_id>/"
M = R + "meetings/<int:meeting_id>/"

urlpatterns = [
    path("", pages.relationship_list, name="list"),
    path("new/<int:program_id>/", pages.relationship_create, name="create"),
    path(R, pages.relationship_detail, name="detail"),
    path(R + "accept/", pages.relationship_accept, name="accept"),
    path(R + "end/", pages.relationship_end, name="end"),
    path(R + "back-to-initiation/", pages.relationship_back_to_initiation, name="back"),
    # Initiation
    path(R + "acquaintance/", initiation.acquaintance, name="acquaintance"),
    path(R + "agreement/", initiation.agreement, name="agreement"),
    path(R + "agreement/confirm/", initiation.agreement_confirm, name="agreement_confirm"),
    # Cultivation
    path(R + "goals/new/", content.goal_create, name="goal_create"),
    path(R + "goals/<int:goal_id>/progress/", content.goal_progress, name="goal_progress"),
    path(
        R + "goals/<int:goal_id>/milestones/<int:milestone_id>/",
        content.milestone_toggle,
        name="milestone_toggle",
    ),
    path(R + "meetings/new/", meetings.meeting_create, name="meeting_create"),
    path(M, meetings.meeting_detail, name="meeting"),
    path(M + "calendar.ics", meetings.meeting_calendar, name="meeting_ics"),
    path(M + "reschedule/", meetings.meeting_reschedule, name="meeting_reschedule"),
    path(M + "cancel/", meetings.meeting_cancel, name="meeting_cancel"),
    path(M + "record/", meetings.meeting_record, name="meeting_record"),
    path(M + "private-note/", meetings.private_note, name="private_note"),
    path(R + "questions/new/", content.question_create, name="question_create"),
    path(R + "questions/<int:question_id>/", content.question_detail, name="question"),
    path(R + "lessons/new/", content.lesson_create, name="lesson_create"),
    path(R + "resources/new/", content.resource_create, name="resource_create"),
    path(
        R + "resources/<int:resource_id>/download/",
        content.resource_download,
        name="resource_download",
    ),
    # Separation and redefinition
    path(R + "separation/", closing.separation, name="separation"),
    path(
        R + "separation/<int:proposal_id>/answer/",
        closing.separation_answer,
        name="separation_answer",
    ),
    path(
        R + "separation/<int:proposal_id>/decide/",
        closing.separation_decide,
        name="separation_decide",
    ),
    path(R + "reflection/", closing.closing_reflection, name="closing_reflection"),
    path(R + "redefinition/", closing.redefinition, name="redefinition"),
    path(R + "acknowledgment/", closing.acknowledgment_write, name="acknowledgment"),
    path(
        R + "acknowledgment/public/",
        closing.acknowledgment_publish,
        name="acknowledgment_public",
    ),
]
