"""Pages for program managers: organisations, programs, questionnaires, invitations, enrollments."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from mentora.accounts.http import AuthenticatedHttpRequest
from mentora.profiles.forms import split_commas
from mentora.profiles.selectors import skills_for_organisation
from mentora.profiles.services import skill_create
from mentora.programs import selectors, services
from mentora.programs.forms import (
    InvitationForm,
    ManagerInvitationForm,
    OrganisationForm,
    ProgramForm,
    QuestionForm,
    SkillForm,
)
from mentora.programs.models import PROGRAM_TRANSITIONS, Enrollment, Invitation, Program


def _error_text(error: ValidationError | PermissionDenied) -> str:
    return " ".join(getattr(error, "messages", None) or [str(error)])


@login_required
def manage(request: AuthenticatedHttpRequest) -> HttpResponse:
    """A manager's start page: their organisations and programs; anyone may start one."""
    user = request.user
    form = OrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            organisation = services.organisation_create(
                name=form.cleaned_data["name"],
                description=form.cleaned_data["description"],
                created_by=user,
            )
        except ValidationError as error:
            form.add_error("name", _error_text(error))
        else:
            messages.success(request, f"{organisation} is created; you are its program manager.")
            return redirect("programs:manage")
    return render(
        request,
        "programs/manage.html",
        {
            "nav_section": "manage",
            "organisations": selectors.organisations_managed_by(user=user).prefetch_related(
                "programs", "managers__user__profile"
            ),
            "form": form,
        },
    )


@login_required
def organisation_managers(request: AuthenticatedHttpRequest, organisation_id: int) -> HttpResponse:
    organisation = selectors.get_managed_organisation(
        user=request.user, organisation_id=organisation_id
    )
    form = ManagerInvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.invitation_create(
            organisation=organisation,
            email=form.cleaned_data["email"],
            role=Invitation.Role.MANAGER,
            invited_by=request.user,
        )
        messages.success(request, f"Invitation sent to {form.cleaned_data['email']}.")
        return redirect("programs:organisation_managers", organisation_id=organisation.pk)
    return render(
        request,
        "programs/organisation_managers.html",
        {
            "nav_section": "manage",
            "organisation": organisation,
            "managers": organisation.managers.select_related("user__profile"),
            "invitations": organisation.invitations.filter(role=Invitation.Role.MANAGER),
            "form": form,
        },
    )


@login_required
def program_create(request: AuthenticatedHttpRequest, organisation_id: int) -> HttpResponse:
    organisation = selectors.get_managed_organisation(
        user=request.user, organisation_id=organisation_id
    )
    form = ProgramForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            program = services.program_create(
                organisation=organisation,
                created_by=request.user,
                **form.cleaned_data,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"{program} is created as a draft. Add its questions next.")
            return redirect("programs:manage_program", program_id=program.pk)
    return render(
        request,
        "programs/program_form.html",
        {"nav_section": "manage", "form": form, "organisation": organisation},
    )


@login_required
def program_edit(request: AuthenticatedHttpRequest, program_id: int) -> HttpResponse:
    program = selectors.get_managed_program(user=request.user, program_id=program_id)
    form = ProgramForm(request.POST or None, instance=program)
    if request.method == "POST" and form.is_valid():
        try:
            services.program_update(program=program, updated_by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "The program's settings are saved.")
            return redirect("programs:manage_program", program_id=program.pk)
    return render(
        request,
        "programs/program_form.html",
        {
            "nav_section": "manage",
            "form": form,
            "program": program,
            "organisation": program.organisation,
        },
    )


@login_required
def manage_program(request: AuthenticatedHttpRequest, program_id: int) -> HttpResponse:
    """The manager's program page: state, participants, invitations, import and export."""
    program = selectors.get_managed_program(user=request.user, program_id=program_id)
    participants = selectors.program_participants(program=program)
    status = request.GET.get("status", "")
    role = request.GET.get("role", "")
    if status in Enrollment.Status.values:
        participants = participants.filter(status=status)
    if role in Enrollment.Role.values:
        participants = participants.filter(role=role)
    page = Paginator(participants, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "programs/manage_program.html",
        {
            "nav_section": "manage",
            "program": program,
            "counts": selectors.program_counts(program=program),
            "page": page,
            "status": status,
            "role": role,
            "statuses": Enrollment.Status.choices,
            "next_states": [
                (state, Program.State(state).label)
                for state in sorted(PROGRAM_TRANSITIONS[program.state])
            ],
            "invite_form": InvitationForm(),
            "invitations": program.invitations.all()[:20],
            "questions": program.questions.all(),
        },
    )


@login_required
@require_POST
def program_transition(request: AuthenticatedHttpRequest, program_id: int) -> HttpResponse:
    program = selectors.get_managed_program(user=request.user, program_id=program_id)
    try:
        services.program_transition(
            program=program,
            to_state=request.POST.get("to_state", ""),
            changed_by=request.user,
        )
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, f"{program} is now {program.get_state_display().lower()}.")
    return redirect("programs:manage_program", program_id=program.pk)


@login_required
@require_POST
def program_invite(request: AuthenticatedHttpRequest, program_id: int) -> HttpResponse:
    program = selectors.get_managed_program(user=request.user, program_id=program_id)
    form = InvitationForm(request.POST)
    if form.is_valid():
        services.invitation_create(
            organisation=program.organisation,
            program=program,
            email=form.cleaned_data["email"],
            role=form.cleaned_data["role"],
            invited_by=request.user,
        )
        messages.success(request, f"Invitation sent to {form.cleaned_data['email']}.")
    else:
        messages.error(request, "Enter a valid email address and a role to invite.")
    return redirect("programs:manage_program", program_id=program.pk)


@login_required
@require_POST
def enrollment_decide(
    request: AuthenticatedHttpRequest, enrollment_id: int, action: str
) -> HttpResponse:
    """Approve, decline or withdraw an enrollment of a program the person manages."""
    enrollment = selectors.get_enrollment_for_user(user=request.user, enrollment_id=enrollment_id)
    if not selectors.user_manages_program(user=request.user, program=enrollment.program):
        raise PermissionDenied("Only the program's managers can do this.")
    note = request.POST.get("note", "")
    try:
        if action == "approve":
            services.enrollment_approve(enrollment=enrollment, approved_by=request.user)
        elif action == "decline":
            services.enrollment_decline(enrollment=enrollment, declined_by=request.user, note=note)
        else:
            services.enrollment_withdraw(
                enrollment=enrollment, withdrawn_by=request.user, note=note
            )
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, f"{enrollment.user.display_name}: {action} done.")
    return redirect("programs:manage_program", program_id=enrollment.program_id)


@login_required
def questions(request: AuthenticatedHttpRequest, program_id: int) -> HttpResponse:
    """The questionnaire editor: the list of questions and a form to add one."""
    program = selectors.get_managed_program(user=request.user, program_id=program_id)
    form = QuestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.question_create(
                program=program, created_by=request.user, **form.service_fields()
            )
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, "The question is added.")
            return redirect("programs:questions", program_id=program.pk)
    return render(
        request,
        "programs/questions.html",
        {
            "nav_section": "manage",
            "program": program,
            "form": form,
            "questions": program.questions.all(),
        },
    )


def _form_errors(form: QuestionForm, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(
                field if field in form.fields else ("choices_text" if field == "choices" else None),
                errors,
            )
    else:
        form.add_error(None, error)


@login_required
def question_edit(
    request: AuthenticatedHttpRequest, program_id: int, question_id: int
) -> HttpResponse:
    program = selectors.get_managed_program(user=request.user, program_id=program_id)
    question = selectors.get_question(program=program, question_id=question_id)
    if request.method == "POST" and request.POST.get("delete"):
        services.question_delete(question=question, deleted_by=request.user)
        messages.success(request, "The question is deleted.")
        return redirect("programs:questions", program_id=program.pk)
    form = QuestionForm(request.POST or None, instance=question)
    if request.method == "POST" and form.is_valid():
        try:
            services.question_update(
                question=question, updated_by=request.user, **form.service_fields()
            )
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, "The question is saved.")
            return redirect("programs:questions", program_id=program.pk)
    return render(
        request,
        "programs/question_edit.html",
        {"nav_section": "manage", "program": program, "form": form, "question": question},
    )


@login_required
def organisation_skills(request: AuthenticatedHttpRequest, organisation_id: int) -> HttpResponse:
    """The skills taxonomy as this organisation sees it; managers add their own skills."""
    organisation = selectors.get_managed_organisation(
        user=request.user, organisation_id=organisation_id
    )
    form = SkillForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            skill = skill_create(
                organisation=organisation,
                created_by=request.user,
                name=form.cleaned_data["name"],
                category=form.cleaned_data["category"],
                synonyms=split_commas(form.cleaned_data["synonyms"]),
            )
        except ValidationError as error:
            form.add_error("name", _error_text(error))
        else:
            messages.success(request, f"{skill} is added to the taxonomy of {organisation}.")
            return redirect("programs:organisation_skills", organisation_id=organisation.pk)
    return render(
        request,
        "programs/organisation_skills.html",
        {
            "nav_section": "manage",
            "organisation": organisation,
            "form": form,
            "skills": skills_for_organisation(organisation=organisation),
        },
    )
