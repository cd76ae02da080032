"""Permission-filtered reads of organisations, programs and enrollments."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from mentora.profiles.models import Profile
from mentora.programs.models import (
    Enrollment,
    Invitation,
    Organisation,
    OrganisationManager,
    Program,
    Question,
)

if TYPE_CHECKING:
    from mentora.accounts.models import User


def organisations_managed_by(*, user: User) -> QuerySet[Organisation]:
    """Organisations in which the person is a program manager."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(managers__user=user)


def user_manages_program(*, user: User, program: Program) -> bool:
    """Whether the person is a program manager of the program's organisation."""
    if not user.is_authenticated:
        return False
    return OrganisationManager.objects.filter(
        organisation_id=program.organisation_id, user=user
    ).exists()


def programs_managed_by(*, user: User) -> QuerySet[Program]:
    if not user.is_authenticated:
        return Program.objects.none()
    return Program.objects.filter(organisation__managers__user=user).select_related("organisation")


def programs_visible_to(*, user: User) -> QuerySet[Program]:
    """Programs a person may open: managed ones, ones they are enrolled or invited in, and the
    listed programs open for enrollment."""
    if not user.is_authenticated:
        return Program.objects.none()
    manages = OrganisationManager.objects.filter(
        organisation_id=OuterRef("organisation_id"), user=user
    )
    enrolled = Enrollment.objects.filter(program_id=OuterRef("pk"), user=user)
    invited = Invitation.objects.filter(program_id=OuterRef("pk"), email__iexact=user.email)
    return (
        Program.objects.annotate(
            _manages=Exists(manages), _enrolled=Exists(enrolled), _invited=Exists(invited)
        )
        .filter(
            Q(_manages=True)
            | Q(_enrolled=True)
            | Q(_invited=True)
            | Q(state=Program.State.OPEN, listed=True)
        )
        .select_related("organisation")
    )


def program_directory(*, user: User) -> QuerySet[Program]:
    """Listed programs that are open for enrollment, for the directory page."""
    return (
        Program.objects.filter(state=Program.State.OPEN, listed=True)
        .select_related("organisation")
        .order_by("name")
    )


def get_program_for_user(*, user: User, program_id: int) -> Program:
    """The program, or 404 when the person may not see it."""
    try:
        return programs_visible_to(user=user).get(pk=program_id)
    except Program.DoesNotExist:
        raise Http404("No such program.") from None


def get_managed_program(*, user: User, program_id: int) -> Program:
    """A program the person manages, or 404 (never 403: outsiders learn nothing)."""
    try:
        return programs_managed_by(user=user).get(pk=program_id)
    except Program.DoesNotExist:
        raise Http404("No such program.") from None


def get_managed_organisation(*, user: User, organisation_id: int) -> Organisation:
    try:
        return organisations_managed_by(user=user).get(pk=organisation_id)
    except Organisation.DoesNotExist:
        raise Http404("No such organisation.") from None


def enrollments_visible_to(*, user: User) -> QuerySet[Enrollment]:
    """A person's own enrollments and every enrollment of the programs they manage."""
    if not user.is_authenticated:
        return Enrollment.objects.none()
    return Enrollment.objects.filter(
        Q(user=user) | Q(program__organisation__managers__user=user)
    ).select_related("program", "program__organisation", "user", "user__profile")


def get_enrollment_for_user(*, user: User, enrollment_id: int) -> Enrollment:
    try:
        return enrollments_visible_to(user=user).distinct().get(pk=enrollment_id)
    except Enrollment.DoesNotExist:
        raise Http404("No such enrollment.") from None


def enrollments_of_user(*, user: User) -> QuerySet[Enrollment]:
    """The person's own enrollments, newest program first."""
    return (
        Enrollment.objects.filter(user=user)
        .select_related("program", "program__organisation")
        .order_by("-created_at")
    )


def enrollments_missing_answers(*, user: User) -> list[Enrollment]:
    """The person's live enrollments with a required question of their role still unanswered."""
    live = (
        enrollments_of_user(user=user)
        .filter(status__in=[Enrollment.Status.ACTIVE, Enrollment.Status.PENDING])
        .prefetch_related("program__questions", "answers")
    )
    missing = []
    for enrollment in live:
        answered = {answer.question_id for answer in enrollment.answers.all()}
        if any(
            question.required
            and question.applies_to(enrollment.role)
            and question.pk not in answered
            for question in enrollment.program.questions.all()
        ):
            missing.append(enrollment)
    return missing


def get_own_enrollment(*, user: User, program_id: int, role: str) -> Enrollment:
    """The person's own live enrollment in a program in one role, or 404."""
    try:
        return (
            Enrollment.objects.select_related("program")
            .filter(status__in=[Enrollment.Status.ACTIVE, Enrollment.Status.PENDING])
            .get(user=user, program_id=program_id, role=role)
        )
    except Enrollment.DoesNotExist:
        raise Http404("You have no such enrollment.") from None


def program_participants(*, program: Program) -> QuerySet[Enrollment]:
    """Every enrollment of a program with what listing it needs (for managers)."""
    return (
        Enrollment.objects.filter(program=program)
        .select_related("user", "user__profile")
        .order_by("role", "user__profile__display_name", "user__email")
    )


def program_counts(*, program: Program) -> dict[str, int]:
    """Participants by role and status, for the manager's program page."""
    counts = {"mentors": 0, "mentees": 0, "pending": 0, "withdrawn": 0}
    for role, status in Enrollment.objects.filter(program=program).values_list("role", "status"):
        if status == Enrollment.Status.ACTIVE:
            counts["mentors" if role == Enrollment.Role.MENTOR else "mentees"] += 1
        elif status == Enrollment.Status.PENDING:
            counts["pending"] += 1
        elif status == Enrollment.Status.WITHDRAWN:
            counts["withdrawn"] += 1
    return counts


def invitation_for_token(*, token: str) -> Invitation:
    try:
        return Invitation.objects.select_related("program", "organisation").get(token=token)
    except Invitation.DoesNotExist:
        raise Http404("This invitation link is not valid.") from None


def get_question(*, program: Program, question_id: int) -> Question:
    """A question of a program (the caller has already checked the program's permissions)."""
    try:
        return program.questions.get(pk=question_id)
    except Question.DoesNotExist:
        raise Http404("No such question.") from None


def organisations_visible_to(*, user: User) -> QuerySet[Organisation]:
    """Organisations a person manages, or that run a program the person may see."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    managed = organisations_managed_by(user=user).values("pk")
    with_visible_programs = programs_visible_to(user=user).values("organisation_id")
    manages = OrganisationManager.objects.filter(organisation_id=OuterRef("pk"), user=user)
    return (
        Organisation.objects.filter(Q(pk__in=managed) | Q(pk__in=with_visible_programs))
        .annotate(manages=Exists(manages))
        .order_by("name")
    )


def get_organisation_for_user(*, user: User, organisation_id: int) -> Organisation:
    """The organisation, or 404 when the person may not see it."""
    try:
        return organisations_visible_to(user=user).get(pk=organisation_id)
    except Organisation.DoesNotExist:
        raise Http404("No such organisation.") from None


def organisation_managers(*, organisation: Organisation) -> QuerySet[OrganisationManager]:
    """The managers of an organisation (the caller has checked the person manages it)."""
    return (
        OrganisationManager.objects.filter(organisation=organisation)
        .select_related("user", "user__profile")
        .order_by("created_at", "pk")
    )


def program_invitations(*, program: Program) -> QuerySet[Invitation]:
    """The participant invitations of a program (the caller has checked the person manages it)."""
    return Invitation.objects.filter(program=program).order_by("-created_at", "-pk")


# --- Profiles -------------------------------------------------------------------------------------


def profiles_visible_to(*, user: User) -> QuerySet[Profile]:
    """Profiles a person may read: their own; everyone enrolled in a program they manage; and,
    in a program where they are actively enrolled, the active participants of the other role
    (mentees see mentors, mentors see mentees). Demographics are never part of a profile."""
    if not user.is_authenticated:
        return Profile.objects.none()
    managed = Enrollment.objects.filter(
        user_id=OuterRef("user_id"),
        program__organisation__in=OrganisationManager.objects.filter(user=user).values(
            "organisation"
        ),
    )
    mine = Enrollment.objects.filter(user=user, status=Enrollment.Status.ACTIVE)
    counterpart = Enrollment.objects.filter(
        user_id=OuterRef("user_id"), status=Enrollment.Status.ACTIVE
    ).filter(
        Q(role=Enrollment.Role.MENTOR, program__in=mine.filter(role="mentee").values("program"))
        | Q(role=Enrollment.Role.MENTEE, program__in=mine.filter(role="mentor").values("program"))
    )
    return Profile.objects.annotate(
        _managed=Exists(managed), _counterpart=Exists(counterpart)
    ).filter(Q(user=user) | Q(_managed=True) | Q(_counterpart=True))


def get_profile_for_user(*, user: User, profile_id: int) -> Profile:
    """A profile the person may see, or 404."""
    try:
        return profiles_visible_to(user=user).select_related("user").get(pk=profile_id)
    except Profile.DoesNotExist:
        raise Http404("No such profile.") from None
