"""The relationship endpoints, included by mentora/api/urls.py under /api/relationships/."""

from __future__ import annotations

from django.urls import path

from mentora.relationships.api.views import closing, content, initiation, meetings, pages

R = "<int:relationship_id>/"
M = R + "meetings/<int:meeting_id>/"
P = R + "separation/<int:proposal_id>/"

urlpatterns = [
    path("", pages.RelationshipListView.as_view(), name="relationships"),
    path(R, pages.RelationshipDetailView.as_view(), name="relationship"),
    path(R + "advance/", pages.RelationshipAdvanceView.as_view(), name="relationship-advance"),
    path(R + "events/", pages.RelationshipEventsView.as_view(), name="relationship-events"),
    # Initiation
    path(
        R + "acquaintance/",
        initiation.AcquaintanceView.as_view(),
        name="relationship-acquaintance",
    ),
    path(R + "agreement/", initiation.AgreementView.as_view(), name="relationship-agreement"),
    path(
        R + "agreement/confirm/",
        initiation.AgreementConfirmView.as_view(),
        name="relationship-agreement-confirm",
    ),
    # What the pair works on
    path(R + "goals/", content.GoalListView.as_view(), name="relationship-goals"),
    path(
        R + "goals/<int:goal_id>/progress/",
        content.GoalProgressView.as_view(),
        name="relationship-goal-progress",
    ),
    path(R + "questions/", content.QuestionListView.as_view(), name="relationship-questions"),
    path(
        R + "questions/<int:question_id>/replies/",
        content.ReplyView.as_view(),
        name="relationship-question-replies",
    ),
    path(R + "lessons/", content.LessonListView.as_view(), name="relationship-lessons"),
    path(R + "resources/", content.ResourceListView.as_view(), name="relationship-resources"),
    # Meetings
    path(R + "meetings/", meetings.MeetingListView.as_view(), name="relationship-meetings"),
    path(M, meetings.MeetingDetailView.as_view(), name="relationship-meeting"),
    path(
        M + "reschedule/",
        meetings.MeetingRescheduleView.as_view(),
        name="relationship-meeting-reschedule",
    ),
    path(M + "cancel/", meetings.MeetingCancelView.as_view(), name="relationship-meeting-cancel"),
    path(
        M + "private-note/",
        meetings.PrivateNoteView.as_view(),
        name="relationship-private-note",
    ),
    # Separation, reflections, redefinition and the thank-you
    path(R + "separation/", closing.SeparationView.as_view(), name="relationship-separation"),
    path(
        P + "confirm/",
        closing.SeparationConfirmView.as_view(),
        name="relationship-separation-confirm",
    ),
    path(
        P + "withdraw/",
        closing.SeparationWithdrawView.as_view(),
        name="relationship-separation-withdraw",
    ),
    path(
        P + "decide/",
        closing.SeparationDecideView.as_view(),
        name="relationship-separation-decide",
    ),
    path(
        R + "reflection/",
        closing.ClosingReflectionView.as_view(),
        name="relationship-reflection",
    ),
    path(
        R + "redefinition/",
        closing.RedefinitionView.as_view(),
        name="relationship-redefinition",
    ),
    path(
        R + "acknowledgment/",
        closing.AcknowledgmentView.as_view(),
        name="relationship-acknowledgment",
    ),
    path(
        R + "acknowledgment/public/",
        closing.AcknowledgmentPublicView.as_view(),
        name="relationship-acknowledgment-public",
    ),
]
