"""Admin for relationships: what site staff may see of a pair is metadata (who, when, stage,
counts), never what the two people wrote to each other. Private notes are not registered at all:
nobody but their author may read them, not even staff.

Every row here is written by the relationships services (the stage only by the lifecycle's
writer, which records an event): the admin adds and changes none of it. Staff may delete what
the two people wrote when it breaks the rules; the records of the lifecycle (events, agreements,
meetings, separation proposals, new terms, health signals) are not deleted here.
"""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Model
from django.http import HttpRequest

from mentora.lib.admin import MetadataAdmin, ReadOnlyAdmin
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

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(Relationship)
class RelationshipAdmin(MetadataAdmin[Relationship]):
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


# The records of the lifecycle: what happened and when, never what was written.


@admin.register(RelationshipEvent)
class RelationshipEventAdmin(ReadOnlyAdmin[RelationshipEvent]):
    # The note (a reason to end, a manager's decision) is the two people's, like the timeline's.
    list_display = ["relationship", "from_stage", "to_stage", "actor", "created_at"]
    list_filter = ["to_stage"]
    fields = ("relationship", "from_stage", "to_stage", "actor", "created_at")


@admin.register(Agreement)
class AgreementAdmin(ReadOnlyAdmin[Agreement]):
    list_display = ["relationship", "version", "mentor_confirmed_at", "mentee_confirmed_at"]
    fields = ("relationship", "version", "mentor_confirmed_at", "mentee_confirmed_at", "updated_at")


@admin.register(Meeting)
class MeetingAdmin(ReadOnlyAdmin[Meeting]):
    list_display = ["relationship", "starts_at", "duration_minutes", "status", "sequence"]
    list_filter = ["status"]
    # Place, agenda and shared notes stay between the two people.
    fields = ("relationship", "starts_at", "duration_minutes", "status", "sequence", "uid")


@admin.register(HealthSignal)
class HealthSignalAdmin(ReadOnlyAdmin[HealthSignal]):
    list_display = ["relationship", "kind", "key", "sent_at", "recipients"]
    list_filter = ["kind"]
    fields = ("relationship", "kind", "key", "sent_at", "recipients")


@admin.register(SeparationProposal)
class SeparationProposalAdmin(ReadOnlyAdmin[SeparationProposal]):
    list_display = ["relationship", "proposed_by", "status", "created_at", "escalated_at"]
    list_filter = ["status"]
    fields = ("relationship", "proposed_by", "status", "created_at", "escalated_at", "resolved_at")


@admin.register(RedefinitionTerms)
class RedefinitionTermsAdmin(ReadOnlyAdmin[RedefinitionTerms]):
    list_display = ["relationship", "relation", "check_in_frequency", "updated_at"]
    fields = ("relationship", "relation", "check_in_frequency", "set_by", "updated_at")


# What the two people wrote to each other: that it exists, by whom and when. Staff may delete
# something that breaks the rules, without reading it here.


class ContentAdmin[M: Model](ReadOnlyAdmin[M]):
    deletable = True


@admin.register(Goal)
class GoalAdmin(ContentAdmin[Goal]):
    list_display = ["__str__", "relationship", "owner", "due_on", "progress", "met_at"]
    fields = ("relationship", "owner", "due_on", "progress", "met_at", "created_at", "updated_at")


@admin.register(Milestone)
class MilestoneAdmin(ContentAdmin[Milestone]):
    list_display = ["__str__", "goal", "due_on", "done_at"]
    fields = ("goal", "due_on", "done_at")


@admin.register(Question)
class QuestionAdmin(ContentAdmin[Question]):
    list_display = ["__str__", "relationship", "asked_by", "created_at"]
    fields = ("relationship", "asked_by", "created_at")


@admin.register(Reply)
class ReplyAdmin(ContentAdmin[Reply]):
    list_display = ["__str__", "question", "author", "created_at"]
    fields = ("question", "author", "created_at")


@admin.register(Lesson)
class LessonAdmin(ContentAdmin[Lesson]):
    list_display = ["__str__", "relationship", "author", "kind", "created_at"]
    list_filter = ["kind"]
    fields = ("relationship", "author", "kind", "goal", "created_at")


@admin.register(Resource)
class ResourceAdmin(ContentAdmin[Resource]):
    """Shared links and files: that one exists, who added it, how large; never its title, its
    address or its file (the file is served only to the two people)."""

    list_display = ["__str__", "relationship", "added_by", "size", "created_at"]
    fields = ("relationship", "added_by", "size", "created_at")


@admin.register(ClosingReflection)
class ClosingReflectionAdmin(ContentAdmin[ClosingReflection]):
    list_display = ["__str__", "relationship", "author", "updated_at"]
    fields = ("relationship", "author", "updated_at")


@admin.register(Acknowledgment)
class AcknowledgmentAdmin(ReadOnlyAdmin[Acknowledgment]):
    """A thank-you is the mentee's to the mentor until the mentor makes it public on their
    profile; staff may read a public one (to moderate it and delete it), never a private one."""

    deletable = True
    list_display = ["__str__", "relationship", "created_at", "made_public_at"]
    fields = ("relationship", "public_text", "created_at", "made_public_at")
    readonly_fields = ("public_text",)

    @admin.display(description="text")
    def public_text(self, acknowledgment: Acknowledgment) -> str:
        if not acknowledgment.is_public:
            return "(private between the two people until the mentor makes it public)"
        return acknowledgment.text
