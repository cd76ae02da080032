"""Admin for relationships. Private notes are deliberately not registered: nobody but their
author may read them, not even staff. Content the two people share is shown read-only."""

from __future__ import annotations

from django.contrib import admin

from mentora.relationships.models import (
    Agreement,
    HealthSignal,
    Meeting,
    Relationship,
    RelationshipEvent,
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
    raw_id_fields = ["mentor", "mentee", "created_by", "program"]
    # The stage changes only through relationship_advance, which records an event.
    readonly_fields = ["stage", "stage_changed_at", "ended_at", "ended_reason", "kind"]
    exclude = ["career_goals", "why_this_mentor"]
    inlines = [EventInline]


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
