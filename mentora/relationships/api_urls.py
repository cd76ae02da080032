"""The relationship endpoints, included by mentora/api/urls.py under /api/relationships/."""

from __future__ import annotations

from django.urls import path

from mentora.relationships import api

R = "<int:relationship_id>/"
M = R + "meetings/<int:meeting_id>/"
P = R + "separation/<int:proposal_id>/"

urlpatterns = [
    path("", api.RelationshipListView.as_view(), name="relationships"),
    path(R, api.RelationshipDetailView.as_view(), name="relationship"),
    path(R + "advance/", api.RelationshipAdvanceView.as_view(), name="relationship-advance"),
    path(R + "events/", api.RelationshipEventsView.as_view(), name="relationship-events"),
    path(R + "acquaintance/", api.AcquaintanceView.as_view(), name="relationship-acquaintance"),
    path(R + "agreement/", api.AgreementView.as_view(), name="relationship-agreement"),
    path(
        R + "agreement/confirm/",
        api.AgreementConfirmView.as_view(),
        name="relationship-agreement-confirm",
    ),
    path(R + "goals/", api.GoalListView.as_view(), name="relationship-goals"),
    path(
        R + "goals/<int:goal_id>/progress/",
        api.GoalProgressView.as_view(),
        name="relationship-goal-progress",
    ),
    path(R + "meetings/", api.MeetingListView.as_view(), name="relationship-meetings"),
    path(M, api.MeetingDetailView.as_view(), name="relationship-meeting"),
    path(
        M + "reschedule/",
        api.MeetingRescheduleView.as_view(),
        name="relationship-meeting-reschedule",
    ),
    path(M + "cancel/", api.MeetingCancelView.as_view(), name="relationship-meeting-cancel"),
    path(M + "private-note/", api.PrivateNoteView.as_view(), name="relationship-private-note"),
    path(R + "questions/", api.QuestionListView.as_view(), name="relationship-questions"),
    path(
        R + "questions/<int:question_id>/replies/",
        api.ReplyView.as_view(),
        name="relationship-question-replies",
    ),
    path(R + "lessons/", api.LessonListView.as_view(), name="relationship-lessons"),
    path(R + "resources/", api.ResourceListView.as_view(), name="relationship-resources"),
    path(R + "separation/", api.SeparationView.as_view(), name="relationship-separation"),
    path(
        P + "confirm/", api.SeparationConfirmView.as_view(), name="relationship-separation-confirm"
    ),
    path(
        P + "withdraw/",
        api.SeparationWithdrawView.as_view(),
        name="relationship-separation-withdraw",
    ),
    path(P + "decide/", api.SeparationDecideView.as_view(), name="relationship-separation-decide"),
    path(R + "reflection/", api.ClosingReflectionView.as_view(), name="relationship-reflection"),
    path(R + "redefinition/", api.RedefinitionView.as_view(), name="relationship-redefinition"),
    path(
        R + "acknowledgment/", api.AcknowledgmentView.as_view(), name="relationship-acknowledgment"
    ),
    path(
        R + "acknowledgment/public/",
        api.AcknowledgmentPublicView.as_view(),
        name="relationship-acknowledgment-public",
    ),
]
