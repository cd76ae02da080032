"""The Django admin of organisations, programs, enrollments and invitations.

Statuses and states are read-only here: every change goes through the services' writers (as
admin actions), so the admin obeys the lifecycles and records their events like every other
door. Site staff approve organisations and verify their email domains here, and only here.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.forms import BaseInlineFormSet, ModelForm
from django.http import HttpRequest

from mentora.accounts.models import User
from mentora.lib.admin import ReadOnlyAdmin
from mentora.lib.forms import error_text
from mentora.programs.models import (
    Answer,
    Enrollment,
    EnrollmentEvent,
    Invitation,
    Organisation,
    OrganisationDomain,
    OrganisationManager,
    OrganisationMembership,
    Program,
    ProgramStateChange,
    Question,
)
from mentora.programs.services import (
    enrollment_approve,
    enrollment_decline,
    enrollment_withdraw,
    organisation_approve,
    organisation_domain_verify,
    organisation_manager_add,
    program_transition,
)


def _staff(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


def _each(
    admin_view: admin.ModelAdmin[Any],
    request: HttpRequest,
    objects: QuerySet[Any],
    action: Any,
    done: str,
) -> None:
    """Run a writer on each selected object; report what was done and what was refused."""
    count = 0
    for obj in objects:
        try:
            action(obj)
        except (ValidationError, PermissionDenied) as error:
            text = error_text(error) if isinstance(error, ValidationError) else str(error)
            admin_view.message_user(request, f"{obj}: {text}", level=messages.ERROR)
        else:
            count += 1
    if count:
        admin_view.message_user(request, f"{count} {done}.", level=messages.SUCCESS)


class OrganisationManagerInline(admin.TabularInline[OrganisationManager, Organisation]):
    model = OrganisationManager
    fk_name = "organisation"
    raw_id_fields = ["user", "added_by"]
    readonly_fields = ["added_by", "created_at"]
    extra = 0


class OrganisationDomainInline(admin.TabularInline[OrganisationDomain, Organisation]):
    model = OrganisationDomain
    fields = ["domain", "verified_at", "verified_by"]
    readonly_fields = ["verified_at", "verified_by"]
    extra = 0


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin[Organisation]):
    list_display = ["name", "slug", "created_at", "approved_at"]
    list_filter = [("approved_at", admin.EmptyFieldListFilter)]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["approved_at", "approved_by"]
    inlines = [OrganisationManagerInline, OrganisationDomainInline]
    actions = ["approve"]

    def save_model(
        self, request: HttpRequest, obj: Organisation, form: ModelForm[Organisation], change: bool
    ) -> None:
        super().save_model(request, obj, form, change)
        if not change:
            # Staff create organisations approved, as organisation_create does for them.
            organisation_approve(organisation=obj, approved_by=_staff(request))

    def save_formset(
        self,
        request: HttpRequest,
        form: ModelForm[Organisation],
        formset: BaseInlineFormSet[Any, Organisation, Any],
        change: bool,
    ) -> None:
        if formset.model is not OrganisationManager:
            super().save_formset(request, form, formset, change)
            return
        # New managers go through the service, which also makes them members.
        instances = formset.save(commit=False)
        for removed in formset.deleted_objects:
            removed.delete()
        for manager in instances:
            if manager.pk is None:
                organisation_manager_add(
                    organisation=form.instance, user=manager.user, added_by=_staff(request)
                )
            else:
                manager.save()

    @admin.action(description="Approve the selected organisations")
    def approve(self, request: HttpRequest, queryset: QuerySet[Organisation]) -> None:
        _each(
            self,
            request,
            queryset,
            lambda o: organisation_approve(organisation=o, approved_by=_staff(request)),
            "organisations approved",
        )


@admin.register(OrganisationDomain)
class OrganisationDomainAdmin(admin.ModelAdmin[OrganisationDomain]):
    """Staff verify a domain after checking the organisation controls it (for example a DNS
    record or a message from its IT department): its addresses then belong to the organisation."""

    list_display = ["domain", "organisation", "verified_at", "verified_by"]
    list_select_related = ["organisation", "verified_by"]
    search_fields = ["domain", "organisation__name"]
    readonly_fields = ["verified_at", "verified_by", "created_at"]
    actions = ["verify"]

    @admin.action(description="Verify the selected domains (the organisation controls them)")
    def verify(self, request: HttpRequest, queryset: QuerySet[OrganisationDomain]) -> None:
        _each(
            self,
            request,
            queryset,
            lambda d: organisation_domain_verify(domain=d, verified_by=_staff(request)),
            "domains verified",
        )


@admin.register(OrganisationManager)
class OrganisationManagerAdmin(admin.ModelAdmin[OrganisationManager]):
    list_display = ["user", "organisation", "created_at"]
    list_select_related = ["user", "organisation"]
    raw_id_fields = ["user", "added_by"]

    def save_model(
        self,
        request: HttpRequest,
        obj: OrganisationManager,
        form: ModelForm[OrganisationManager],
        change: bool,
    ) -> None:
        if change:
            super().save_model(request, obj, form, change)
            return
        saved = organisation_manager_add(
            organisation=obj.organisation, user=obj.user, added_by=_staff(request)
        )
        obj.pk = saved.pk


@admin.register(OrganisationMembership)
class OrganisationMembershipAdmin(admin.ModelAdmin[OrganisationMembership]):
    list_display = ["user", "organisation", "source", "created_at"]
    list_filter = ["source"]
    list_select_related = ["user", "organisation"]
    search_fields = ["user__email", "organisation__name"]
    raw_id_fields = ["user", "added_by"]
    readonly_fields = ["created_at"]


class QuestionInline(admin.StackedInline[Question, Program]):
    model = Question
    extra = 0


PROGRAM_MOVES = {
    "open": Program.State.OPEN,
    "matching": Program.State.MATCHING,
    "running": Program.State.RUNNING,
    "closed": Program.State.CLOSED,
    "draft": Program.State.DRAFT,
}


@admin.register(Program)
class ProgramAdmin(admin.ModelAdmin[Program]):
    list_display = ["name", "organisation", "kind", "matching_mode", "state", "created_at"]
    list_filter = ["kind", "state", "matching_mode"]
    search_fields = ["name", "organisation__name"]
    list_select_related = ["organisation"]
    # The state changes only through program_transition, so that every move is recorded.
    readonly_fields = ["state"]
    inlines = [QuestionInline]
    actions = [f"move_to_{name}" for name in PROGRAM_MOVES]

    def _move(self, request: HttpRequest, queryset: QuerySet[Program], state: str) -> None:
        _each(
            self,
            request,
            queryset,
            lambda p: program_transition(program=p, to_state=state, changed_by=_staff(request)),
            f"programs moved to {Program.State(state).label.lower()}",
        )

    @admin.action(description="Open the selected programs for enrollment")
    def move_to_open(self, request: HttpRequest, queryset: QuerySet[Program]) -> None:
        self._move(request, queryset, Program.State.OPEN)

    @admin.action(description="Move the selected programs to matching")
    def move_to_matching(self, request: HttpRequest, queryset: QuerySet[Program]) -> None:
        self._move(request, queryset, Program.State.MATCHING)

    @admin.action(description="Move the selected programs to running")
    def move_to_running(self, request: HttpRequest, queryset: QuerySet[Program]) -> None:
        self._move(request, queryset, Program.State.RUNNING)

    @admin.action(description="Close the selected programs")
    def move_to_closed(self, request: HttpRequest, queryset: QuerySet[Program]) -> None:
        self._move(request, queryset, Program.State.CLOSED)

    @admin.action(description="Move the selected programs back to draft")
    def move_to_draft(self, request: HttpRequest, queryset: QuerySet[Program]) -> None:
        self._move(request, queryset, Program.State.DRAFT)


@admin.register(ProgramStateChange)
class ProgramStateChangeAdmin(ReadOnlyAdmin[ProgramStateChange]):
    list_display = ["program", "from_state", "to_state", "changed_by", "changed_at"]
    list_select_related = ["program", "changed_by"]


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin[Question]):
    list_display = ["text", "program", "kind", "audience", "matching_rule", "weight", "required"]
    list_filter = ["kind", "audience", "matching_rule"]
    list_select_related = ["program"]


class AnswerInline(admin.TabularInline[Answer, Enrollment]):
    """The questionnaire's answers: only the person enrolled changes them (through the service
    that checks each answer against its question)."""

    model = Answer
    extra = 0
    can_delete = False
    fields = readonly_fields = ("question", "value")

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class EnrollmentEventInline(admin.TabularInline[EnrollmentEvent, Enrollment]):
    model = EnrollmentEvent
    fields = ["created_at", "from_status", "to_status", "actor", "note"]
    readonly_fields = ["created_at", "from_status", "to_status", "actor", "note"]
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Enrollment)
class EnrollmentAdmin(admin.ModelAdmin[Enrollment]):
    list_display = ["user", "program", "role", "status", "created_at"]
    list_filter = ["role", "status", "program"]
    search_fields = ["user__email", "program__name"]
    list_select_related = ["user", "program"]
    raw_id_fields = ["user", "decided_by"]
    # The status changes only through the enrollment services (the actions below).
    readonly_fields = ["status", "decided_at", "decided_by", "withdrawn_at", "status_note"]
    inlines = [AnswerInline, EnrollmentEventInline]
    actions = ["approve", "decline", "withdraw"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        # A person enrolls themselves (or is imported as a member): never created here.
        return False

    @admin.action(description="Approve the selected pending enrollments")
    def approve(self, request: HttpRequest, queryset: QuerySet[Enrollment]) -> None:
        _each(
            self,
            request,
            queryset,
            lambda e: enrollment_approve(enrollment=e, approved_by=_staff(request)),
            "enrollments approved",
        )

    @admin.action(description="Decline the selected pending enrollments")
    def decline(self, request: HttpRequest, queryset: QuerySet[Enrollment]) -> None:
        _each(
            self,
            request,
            queryset,
            lambda e: enrollment_decline(enrollment=e, declined_by=_staff(request)),
            "enrollments declined",
        )

    @admin.action(description="Withdraw the selected enrollments")
    def withdraw(self, request: HttpRequest, queryset: QuerySet[Enrollment]) -> None:
        _each(
            self,
            request,
            queryset,
            lambda e: enrollment_withdraw(enrollment=e, withdrawn_by=_staff(request)),
            "enrollments withdrawn",
        )


@admin.register(EnrollmentEvent)
class EnrollmentEventAdmin(ReadOnlyAdmin[EnrollmentEvent]):
    list_display = ["enrollment", "from_status", "to_status", "actor", "created_at"]
    list_filter = ["to_status"]
    list_select_related = ["enrollment__user", "enrollment__program", "actor"]


@admin.register(Answer)
class AnswerAdmin(ReadOnlyAdmin[Answer]):
    """Only the person enrolled changes their answers (`enrollment_answers_update`)."""

    list_display = ["enrollment", "question", "value"]


@admin.register(Invitation)
class InvitationAdmin(ReadOnlyAdmin[Invitation]):
    """Managers invite through `invitation_create` (which checks the address and sends it); the
    person accepts through the invitation's page. Staff may delete one to revoke it."""

    deletable = True
    list_display = ["email", "organisation", "program", "role", "created_at", "accepted_at"]
    list_filter = ["role"]
    search_fields = ["email"]
