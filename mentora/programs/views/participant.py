"""Pages for participants: home, the program directory, a program, enrollment, invitations."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from mentora.accounts.http import AuthenticatedHttpRequest
from mentora.accounts.models import User
from mentora.lib.forms import attach_errors, fail
from mentora.lib.wording import role_words
from mentora.profiles.forms import MenteeNeedsForm, MentorOfferForm, ProfileForm, split_commas
from mentora.profiles.models import Profile
from mentora.profiles.selectors import skills_for_organisation
from mentora.profiles.services import PROFILE_FIELDS
from mentora.programs import selectors, services
from mentora.programs.access import (
    INVITED,
    INVITEE,
    MANAGER,
    access_enrollment,
    access_invitation,
    access_program,
)
from mentora.programs.forms import QuestionnaireForm
from mentora.programs.lifecycle import LIVE
from mentora.programs.models import Enrollment, Invitation, Program


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    """The landing page for visitors; a participant's home listing their programs."""
    user = request.user
    if not isinstance(user, User) or not user.is_authenticated:
        return render(request, "programs/landing.html")
    return render(
        request,
        "programs/home.html",
        {
            "nav_section": "home",
            "enrollments": selectors.enrollments_of_user(user=user),
            "managed_programs": selectors.programs_managed_by(user=user),
            "invitations": selectors.invitations_of_user(user=user),
            "has_profile": Profile.objects.filter(user=user).exists(),
            "missing_answers": selectors.enrollments_missing_answers(user=user),
        },
    )


@require_safe
@login_required
def directory(request: AuthenticatedHttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    programs = selectors.program_directory(user=request.user)
    if query:
        programs = programs.filter(name__icontains=query) | programs.filter(
            description__icontains=query
        )
    return render(
        request,
        "programs/directory.html",
        {"nav_section": "directory", "programs": programs, "query": query},
    )


@require_safe
@login_required
def program_detail(request: AuthenticatedHttpRequest, program_id: int) -> HttpResponse:
    access = access_program(user=request.user, program_id=program_id)
    program = access.obj
    mine = selectors.enrollments_in_program(user=request.user, program=program)
    live = {e.role for e in mine if e.status in LIVE}
    # Withdraw buttons only where the enrollment lifecycle lets the person withdraw now.
    withdrawable = {
        e.pk
        for e in mine
        if Enrollment.Status.WITHDRAWN
        in services.enrollment_moves_available(enrollment=e, user=request.user)
    }
    # Offer only the roles the person can still take: not one they hold, and not a second
    # role unless the program allows both.
    open_roles = [
        role
        for role in (Enrollment.Role.MENTEE, Enrollment.Role.MENTOR)
        if role not in live and (not live or program.allow_dual_role)
    ]
    can_enroll = program.enrollment_is_open() or (
        access.has(INVITED) and program.state in {Program.State.OPEN, Program.State.RUNNING}
    )
    return render(
        request,
        "programs/program_detail.html",
        {
            "program": program,
            "my_enrollments": mine,
            "withdrawable": withdrawable,
            "open_roles": [(role, program.role_label(role)) for role in open_roles],
            "manages": access.has(MANAGER),
            "can_enroll": can_enroll,
        },
    )


def _invitation_data(user: User, program: Program, role: str) -> dict[str, Any]:
    """What an import carried for this person and role, to fill the form they accept it with."""
    for invitation in services.open_program_invitations(user=user, program=program):
        if invitation.role in {role, Invitation.Role.ANY} and invitation.data:
            return dict(invitation.data)
    return {}


def _initial_profile(profile: Profile | None, carried: dict[str, Any]) -> dict[str, Any]:
    """The profile form's initial values: the person's own, and what an invitation carried for
    the fields they have left empty (they see it all before they enroll, and can change it)."""
    initial: dict[str, Any] = {}
    for name, value in carried.get("profile", {}).items():
        if name in PROFILE_FIELDS and (profile is None or not getattr(profile, name, None)):
            initial[name] = value
    if profile is not None and profile.manager:
        initial["manager_email"] = profile.manager.email
    elif carried.get("manager_email"):
        initial["manager_email"] = carried["manager_email"]
    return initial


def _initial_side(program: Program, carried: dict[str, Any]) -> dict[str, Any]:
    initial: dict[str, Any] = {
        "capacity": program.default_mentor_capacity,
        "meeting_cadence": program.meeting_cadence,
    }
    for name, value in carried.get("side", {}).items():
        if name in {"skills", "free_tags"} and isinstance(value, list):
            initial[name] = ", ".join(map(str, value))
        elif name == "career_goals" and isinstance(value, list):
            initial[name] = "\n".join(map(str, value))
        else:
            initial[name] = value
    return initial


@login_required
def enroll(request: AuthenticatedHttpRequest, program_id: int) -> HttpResponse:
    """Choose a role, complete the profile and the questionnaire, and enroll."""
    user = request.user
    program = access_program(user=user, program_id=program_id, to="enroll").obj
    role = request.POST.get("role") or request.GET.get("role")
    if role not in Enrollment.Role.values:
        return render(
            request,
            "programs/enroll_role.html",
            {"program": program, "words": role_words(coaching=program.is_coaching)},
        )
    questions = [q for q in program.questions.all() if q.applies_to(role)]
    profile = Profile.objects.filter(user=user).first()
    side_form_class = MentorOfferForm if role == Enrollment.Role.MENTOR else MenteeNeedsForm
    if request.method == "POST":
        profile_form = ProfileForm(request.POST, request.FILES, instance=profile, prefix="profile")
        side_form = side_form_class(request.POST, prefix="side")
        questionnaire = QuestionnaireForm(request.POST, questions=questions, prefix="q")
        if profile_form.is_valid() and side_form.is_valid() and questionnaire.is_valid():
            try:
                enrollment = _enroll(request, program, role, profile_form, side_form, questionnaire)
            except ValidationError as error:
                attach_errors(error, profile_form, side_form, questionnaire)
            except PermissionDenied as error:
                messages.error(request, str(error))
            else:
                if enrollment.status == Enrollment.Status.PENDING:
                    messages.info(
                        request,
                        f"Thank you. A manager of {program} will review your enrollment.",
                    )
                else:
                    messages.success(
                        request,
                        f"You are enrolled in {program} as {enrollment.role_label.lower()}.",
                    )
                return redirect("home")
    else:
        carried = _invitation_data(user, program, role)
        profile_form = ProfileForm(
            instance=profile, prefix="profile", initial=_initial_profile(profile, carried)
        )
        side_form = side_form_class(prefix="side", initial=_initial_side(program, carried))
        questionnaire = QuestionnaireForm(questions=questions, prefix="q")
    return render(
        request,
        "programs/enroll.html",
        {
            "program": program,
            "role": role,
            "role_label": program.role_label(role),
            "profile_form": profile_form,
            "side_form": side_form,
            "questionnaire": questionnaire,
            "skills": skills_for_organisation(organisation=program.organisation),
        },
    )


def _enroll(
    request: AuthenticatedHttpRequest,
    program: Program,
    role: str,
    profile_form: ProfileForm,
    side_form: MentorOfferForm | MenteeNeedsForm,
    questionnaire: QuestionnaireForm,
) -> Enrollment:
    with transaction.atomic():
        fields = dict(profile_form.cleaned_data)
        manager_email = fields.pop("manager_email", "") or ""
        services.profile_save(user=request.user, editor=request.user, **fields)
        side = dict(side_form.cleaned_data)
        side["skills"] = split_commas(side.get("skills", ""))
        if "free_tags" in side:
            side["free_tags"] = split_commas(side["free_tags"])
        if "people_to_avoid" in side:
            emails = split_commas(side.pop("people_to_avoid"))
            side["people_to_avoid"] = list(
                User.objects.filter(email__in=[e.lower() for e in emails])
            )
        if "career_goals" in side:
            side["career_goals"] = side["career_goals"].splitlines()
        enrollment = services.enrollment_submit(
            program=program,
            user=request.user,
            role=role,
            answers=questionnaire.answers(),
            mentor_offer=side if role == Enrollment.Role.MENTOR else None,
            mentee_needs=side if role == Enrollment.Role.MENTEE else None,
        )
        if manager_email:
            # Named once enrolled: enrolling accepts the person's invitations, which makes them a
            # member of the organisation, whose members they may then name.
            services.profile_save(
                user=request.user, editor=request.user, manager_email=manager_email
            )
        return enrollment


@login_required
@require_POST
def enrollment_withdraw(request: AuthenticatedHttpRequest, enrollment_id: int) -> HttpResponse:
    enrollment = access_enrollment(
        user=request.user, enrollment_id=enrollment_id, to="withdraw"
    ).obj
    back = request.POST.get("next") or reverse("home")
    if not back.startswith("/") or back.startswith("//"):
        back = reverse("home")
    try:
        services.enrollment_withdraw(enrollment=enrollment, withdrawn_by=request.user)
    except ValidationError as error:
        return fail(request, error, back)
    messages.success(request, f"Your enrollment in {enrollment.program} is withdrawn.")
    return redirect(back)


def invitation(request: HttpRequest, token: str) -> HttpResponse:
    """Where an invitation link lands: log in or sign up first, then accept or enroll."""
    user = request.user
    if not isinstance(user, User) or not user.is_authenticated:
        # The secret link itself is what lets a visitor see where it leads.
        invite = selectors.invitation_for_link(token=token)
        return render(request, "programs/invitation.html", {"invitation": invite})
    access = access_invitation(user=user, token=token)
    invite = access.obj
    if not access.has(INVITEE):
        return render(
            request,
            "programs/invitation.html",
            {"invitation": invite, "wrong_account": True},
            status=403,
        )
    if invite.role == Invitation.Role.MANAGER:
        if request.method == "POST":
            services.invitation_accept(invitation=invite, user=user)
            messages.success(request, f"You now manage programs of {invite.organisation}.")
            return redirect("programs:manage")
        return render(request, "programs/invitation.html", {"invitation": invite})
    assert invite.program is not None
    url = reverse("programs:enroll", kwargs={"program_id": invite.program.pk})
    if invite.role in {Invitation.Role.MENTOR, Invitation.Role.MENTEE}:
        url += f"?role={invite.role}"
    return redirect(url)


@login_required
def answers(request: AuthenticatedHttpRequest, program_id: int, role: str) -> HttpResponse:
    """A participant reviews and changes their questionnaire answers in one enrollment."""
    enrollment = selectors.get_own_enrollment(user=request.user, program_id=program_id, role=role)
    program = enrollment.program
    questions = [q for q in program.questions.all() if q.applies_to(role)]
    if request.method == "POST":
        form = QuestionnaireForm(request.POST, questions=questions, prefix="q")
        if form.is_valid():
            try:
                services.enrollment_answers_update(
                    enrollment=enrollment, by=request.user, answers=form.answers()
                )
            except ValidationError as error:
                attach_errors(error, form)
            else:
                messages.success(request, f"Your answers for {program} are saved.")
                return redirect("home")
    else:
        current = {f"question_{a.question_id}": a.value for a in enrollment.answers.all()}
        form = QuestionnaireForm(questions=questions, prefix="q", initial=current)
    return render(
        request,
        "programs/answers.html",
        {"program": program, "enrollment": enrollment, "questionnaire": form},
    )
