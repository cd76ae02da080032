"""Admin for relationships. Private notes are deliberately not registered: nobody but their
author may read them, not even staff. Content the two people share is shown read-only."""

from __future__ import annotations

from django.contrib import admin
from django.db import models
from django.http import HttpRequest

from mentora.relationships.models import (
    Acknowledgment,
    Agreement,
    ClosingReflection,
    Goal,
    HealthSignal,
    Lesson,
    Meeting,
    Milestone,
    Question,
    RedefinitionTerms,
    Relationship,
    RelationshipEvent,
    Reply,
    Resource,
    SeparationProposal,
)


class EventInline(admin.TabularInline[RelationshipEvent, Relationship]):
    model = RelationshipEvent
    extra = 0
    can_delete = False
    fields = readonly_fields = ("created_at", "actor", "from_stage", "to_stage")


@admin.register(Relationship)
class RelationshipAdmin(admin.ModelAdmin[Relationship]):
    list_display = [
        "__str__",
        "program",
        "kind",
        "stage",
        "origin",
        "created_at",
        "last_activity_at",
    ]
    list_filter = ["stage", "kind", "origin", "program"]
    search_fields = ["mentor__email", "mentee__email", "program__name"]
    # The stage changes only through relationship_advance (which checks the lifecycle table and
    # records an event) and the pair only through relationship_create (capacity, limits): here
    # everything is read-only but the notice period. What the two wrote stays out entirely.
    fields = (
        "program",
        "mentor",
        "mentee",
        "kind",
        "origin",
        "stage",
        "created_at",
        "created_by",
        "stage_changed_at",
        "last_activity_at",
        "ended_at",
        "separation_notice_days",
    )
    readonly_fields = [name for name in fields if name != "separation_notice_days"]
    inlines = [EventInline]

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(Agreement)
class AgreementAdmin(admin.ModelAdmin[Agreement]):
    list_display = ["relationship", "version", "mentor_confirmed_at", "mentee_confirmed_at"]
    fields = readonly_fields = (
        "relationship",
        "version",
        "mentor_confirmed_at",
        "mentee_confirmed_at",
        "updated_at",
    )


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin[Meeting]):
    list_display = ["relationship", "starts_at", "duration_minutes", "status", "sequence"]
    list_filter = ["status"]
    # Shared notes and agenda stay between the two people; private notes have no admin at all.
    fields = readonly_fields = (
        "relationship",
        "starts_at",
        "duration_minutes",
        "status",
        "sequence",
        "uid",
    )


@admin.register(HealthSignal)
class HealthSignalAdmin(admin.ModelAdmin[HealthSignal]):
    list_display = ["relationship", "kind", "key", "sent_at", "recipients"]
    list_filter = ["kind"]
    readonly_fields = ["relationship", "kind", "key", "sent_at", "recipients"]


class ReadOnlyAdmin[M: models.Model](admin.ModelAdmin[M]):
    """Staff see that something exists and when, never edit it: writes go through services."""

    actions = None  # the action checkboxes would label each row with its text

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


# What the two people write to each other (goal descriptions, questions, lessons, reflections)
# stays out of the admin, like it stays out of the managers' pages: only metadata is shown.


@admin.register(RelationshipEvent)
class RelationshipEventAdmin(ReadOnlyAdmin[RelationshipEvent]):
    list_display = ["relationship", "from_stage", "to_stage", "actor", "created_at"]
    list_filter = ["to_stage"]
    fields = ("relationship", "from_stage", "to_stage", "actor", "created_at", "note")


@admin.register(Goal)
class GoalAdmin(ReadOnlyAdmin[Goal]):
    list_display = ["relationship", "owner", "due_on", "progress", "met_at"]
    fields = ("relationship", "owner", "due_on", "progress", "met_at", "created_at", "updated_at")


@admin.register(Question)
class QuestionAdmin(ReadOnlyAdmin[Question]):
    list_display = ["relationship", "asked_by", "created_at"]
    fields = ("relationship", "asked_by", "created_at")


@admin.register(Lesson)
class LessonAdmin(ReadOnlyAdmin[Lesson]):
    list_display = ["relationship", "author", "kind", "created_at"]
    list_filter = ["kind"]
    fields = ("relationship", "author", "kind", "created_at")


@admin.register(Resource)
class ResourceAdmin(admin.ModelAdmin[Resource]):
    """Shared links and files: staff may remove one that breaks the rules."""

    list_display = ["title", "relationship", "added_by", "size", "created_at"]
    # The file itself is never linked here: it is served only to the two people.
    fields = readonly_fields = ("relationship", "added_by", "title", "url", "original_name", "size")

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(SeparationProposal)
class SeparationProposalAdmin(ReadOnlyAdmin[SeparationProposal]):
    list_display = ["relationship", "proposed_by", "status", "created_at", "escalated_at"]
    list_filter = ["status"]
    fields = ("relationship", "proposed_by", "status", "created_at", "escalated_at", "resolved_at")


@admin.register(RedefinitionTerms)
class RedefinitionTermsAdmin(ReadOnlyAdmin[RedefinitionTerms]):
    list_display = ["relationship", "relation", "check_in_frequency", "updated_at"]
    fields = ("relationship", "relation", "check_in_frequency", "set_by", "updated_at")


@admin.register(Acknowledgment)
class AcknowledgmentAdmin(admin.ModelAdmin[Acknowledgment]):
    """A thank-you meant to be public: staff can read it to moderate it, not rewrite it."""

    list_display = ["relationship", "created_at", "made_public_at"]
    fields = readonly_fields = ("relationship", "text", "created_at", "made_public_at")

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(Milestone)
class MilestoneAdmin(ReadOnlyAdmin[Milestone]):
    list_display = ["goal_id", "due_on", "done_at"]
    fields = ("goal", "due_on", "done_at")


@admin.register(Reply)
class ReplyAdmin(ReadOnlyAdmin[Reply]):
    list_display = ["question_id", "author", "created_at"]
    fields = ("question", "author", "created_at")


@admin.register(ClosingReflection)
class ClosingReflectionAdmin(ReadOnlyAdmin[ClosingReflection]):
    list_display = ["relationship", "author", "updated_at"]
    fields = ("relationship", "author", "updated_at")
