from django.contrib import admin

from mentora.programs.models import (
    Answer,
    Enrollment,
    Invitation,
    Organisation,
    OrganisationManager,
    Program,
    ProgramStateChange,
    Question,
)


class OrganisationManagerInline(admin.TabularInline):
    model = OrganisationManager
    fk_name = "organisation"
    raw_id_fields = ["user", "added_by"]
    extra = 0


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "created_at"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [OrganisationManagerInline]


@admin.register(OrganisationManager)
class OrganisationManagerAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation", "created_at"]
    list_select_related = ["user", "organisation"]
    raw_id_fields = ["user", "added_by"]


class QuestionInline(admin.StackedInline):
    model = Question
    extra = 0


@admin.register(Program)
class ProgramAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation", "kind", "matching_mode", "state", "created_at"]
    list_filter = ["kind", "state", "matching_mode"]
    search_fields = ["name", "organisation__name"]
    list_select_related = ["organisation"]
    # The state changes only through program_transition, so that every move is recorded.
    readonly_fields = ["state"]
    inlines = [QuestionInline]


@admin.register(ProgramStateChange)
class ProgramStateChangeAdmin(admin.ModelAdmin):
    list_display = ["program", "from_state", "to_state", "changed_by", "changed_at"]
    list_select_related = ["program", "changed_by"]
    readonly_fields = ["program", "from_state", "to_state", "changed_by", "changed_at"]


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ["text", "program", "kind", "audience", "matching_rule", "weight", "required"]
    list_filter = ["kind", "audience", "matching_rule"]
    list_select_related = ["program"]


class AnswerInline(admin.TabularInline):
    model = Answer
    extra = 0
    raw_id_fields = ["question"]


@admin.register(Enrollment)
class EnrollmentAdmin(admin.ModelAdmin):
    list_display = ["user", "program", "role", "status", "created_at"]
    list_filter = ["role", "status", "program"]
    search_fields = ["user__email", "program__name"]
    list_select_related = ["user", "program"]
    raw_id_fields = ["user", "decided_by"]
    inlines = [AnswerInline]


@admin.register(Answer)
class AnswerAdmin(admin.ModelAdmin):
    list_display = ["enrollment", "question", "value"]
    raw_id_fields = ["enrollment", "question"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "organisation", "program", "role", "created_at", "accepted_at"]
    list_filter = ["role"]
    search_fields = ["email"]
    readonly_fields = ["token"]
    raw_id_fields = ["invited_by", "accepted_by"]
