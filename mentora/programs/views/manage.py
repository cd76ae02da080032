"""Pages for program managers: organisations, programs, questionnaires, invitations, enrollments.

Every page asks `mentora.programs.access` (or a selector that agrees with it) who may see what;
the services refuse through the same roles, and their errors are shown with `mentora.lib.forms`.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from mentora.accounts.http import AuthenticatedHttpRequest
from mentora.lib.forms import attach_errors, fail
from mentora.lib.wording import role_words
from mentora.profiles.forms import split_commas
from mentora.profiles.selectors import skills_for_organisation
from mentora.programs import selectors, services
from mentora.programs.access import (
    MANAGER,
    access_enrollment,
    access_question,
    enrollment_roles,
    program_roles,
)
from mentora.programs.forms import (
    InvitationForm,
    ManagerInvitationForm,
    OrganisationForm,
    ProgramForm,
    QuestionForm,
    SkillForm,
)
from mentora.programs.lifecycle import ENROLLMENT_LIFECYCLE, PROGRAM_LIFECYCLE
from mentora.programs.models import Enrollment, Invitation

# The enrollment decisions a manager's buttons name, and the status each moves to.
DECISIONS: dict[str, str] = {
    "approve": Enrollment.Status.ACTIVE.value,
    "decline": Enrollment.Status.DECLINED.value,
    "withdraw": Enrollment.Status.WITHDRAWN.value,
}
DECISION_OF = {status: action for action, status in DECISIONS.items()}


@login_required
def manage(request: AuthenticatedHttpRequest) -> HttpResponse:
    """A manager's start page: their organisations and programs, and (when the operator lets
    them) a form to create or ask for an organisation."""
    user = request.user
    may_create = services.may_create_organisations(user=user)
    form = OrganisationForm(request.POST or None)
    if request.method == "POST" and may_create and form.is_valid():
        try:
            organisation = services.organisation_create(
                name=form.cleaned_data["name"],
                description=form.cleaned_data["description"],
                created_by=user,
            )
        except ValidationError as error:
            attach_errors(error, form)
        else:
            if organisation.is_approved:
                messages.success(
                    request, f"{organisation} is created; you are its program manager."
                )
            else:
                messages.info(
                    request,
                    f"{organisation} is created and waits for a site staff member's approval; "
                    "you can set it up once it is approved.",
                )
            return redirect("programs:manage")
    return render(
        request,
        "programs/manage.html",
        {
            "nav_section": "manage",
            "organisations": selectors.organisations_managed_by(user=user).prefetch_related(
                "programs", "managers__user__profile"
            ),
            "form": form if may_create else None,
        },
    )


@login_required
def organisation_managers(request: AuthenticatedHttpRequest, organisation_id: int) -> HttpResponse:
    organisation = selectors.get_managed_organisation(
        user=request.user, organisation_id=organisation_id
    )
    form = ManagerInvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.invitation_create(
                organisation=organisation,
                email=form.cleaned_data["email"],
                role=Invitation.Role.MANAGER,
                invited_by=request.user,
            )
        except ValidationError as error:
            attach_errors(error, form)
        else:
            messages.success(request, f"Invitation sent to {form.cleaned_data['email']}.")
            return redirect("programs:organisation_managers", organisation_id=organisation.pk)
    return render(
        request,
        "programs/organisation_managers.html",
        {
            "nav_section": "manage",
            "organisation": organisation,
            "managers": selectors.organisation_managers(organisation=organisation),
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
            attach_errors(error, form)
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
            attach_errors(error, form)
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


@require_safe
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
    rows = []
    for enrollment in page:
        # Only the buttons for the moves the lifecycle allows this manager now.
        enrollment.program = program
        roles = enrollment_roles(enrollment=enrollment, user=request.user)
        decisions = [
            DECISION_OF[move.target]
            for move in ENROLLMENT_LIFECYCLE.available(enrollment, roles=roles)
            if move.target in DECISION_OF
        ]
        rows.append((enrollment, decisions))
    return render(
        request,
        "programs/manage_program.html",
        {
            "nav_section": "manage",
            "program": program,
            "counts": selectors.program_counts(program=program),
            "page": page,
            "rows": rows,
            "status": status,
            "role": role,
            "statuses": Enrollment.Status.choices,
            "words": role_words(coaching=program.is_coaching),
            "next_states": [
                (move.target, PROGRAM_LIFECYCLE.label(move.target))
                for move in PROGRAM_LIFECYCLE.available(
                    program, roles=program_roles(program=program, user=request.user)
                )
            ],
            "invite_form": InvitationForm(),
            "invitations": selectors.program_invitations(program=program)[:20],
            "questions": program.questions.all(),
        },
    )


@login_required
@require_POST
def program_transition(request: AuthenticatedHttpRequest, program_id: int) -> HttpResponse:
    program = selectors.get_managed_program(user=request.user, program_id=program_id)
    back = reverse("programs:manage_program", kwargs={"program_id": program.pk})
    try:
        services.program_transition(
            program=program,
            to_state=request.POST.get("to_state", ""),
            changed_by=request.user,
        )
    except ValidationError as error:
        return fail(request, error, back)
    messages.success(request, f"{program} is now {program.get_state_display().lower()}.")
    return redirect(back)


@login_required
@require_POST
def program_invite(request: AuthenticatedHttpRequest, program_id: int) -> HttpResponse:
    program = selectors.get_managed_program(user=request.user, program_id=program_id)
    back = reverse("programs:manage_program", kwargs={"program_id": program.pk})
    form = InvitationForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Enter a valid email address and a role to invite.")
        return redirect(back)
    try:
        services.invitation_create(
            organisation=program.organisation,
            program=program,
            email=form.cleaned_data["email"],
            role=form.cleaned_data["role"],
            invited_by=request.user,
        )
    except ValidationError as error:
        return fail(request, error, back)
    messages.success(request, f"Invitation sent to {form.cleaned_data['email']}.")
    return redirect(back)


@login_required
@require_POST
def enrollment_decide(
    request: AuthenticatedHttpRequest, enrollment_id: int, action: str
) -> HttpResponse:
    """Approve, decline or withdraw an enrollment of a program the person manages."""
    enrollment = access_enrollment(user=request.user, enrollment_id=enrollment_id).obj
    if action not in DECISIONS or MANAGER not in enrollment_roles(
        enrollment=enrollment, user=request.user
    ):
        # The managers' door: a participant (even the person enrolled) learns nothing here.
        raise Http404("No such enrollment.")
    back = reverse("programs:manage_program", kwargs={"program_id": enrollment.program_id})
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
        return fail(request, error, back)
    messages.success(request, f"{enrollment.user.display_name}: {action} done.")
    return redirect(back)


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
            attach_errors(error, form, field_names={"choices": "choices_text"})
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


@login_required
def question_edit(
    request: AuthenticatedHttpRequest, program_id: int, question_id: int
) -> HttpResponse:
    program = selectors.get_managed_program(user=request.user, program_id=program_id)
    question = access_question(
        user=request.user, program_id=program.pk, question_id=question_id, to="change"
    ).obj
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
            attach_errors(error, form, field_names={"choices": "choices_text"})
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
            skill = services.organisation_skill_create(
                organisation=organisation,
                created_by=request.user,
                name=form.cleaned_data["name"],
                category=form.cleaned_data["category"],
                synonyms=split_commas(form.cleaned_data["synonyms"]),
            )
        except ValidationError as error:
            attach_errors(error, form)
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
