"""Every write to organisations, programs, questionnaires, invitations and enrollments."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from mentora.programs.models import (
    ENROLLMENT_TRANSITIONS,
    PROGRAM_TRANSITIONS,
    Answer,
    Enrollment,
    Invitation,
    Organisation,
    OrganisationManager,
    Program,
    ProgramStateChange,
    Question,
)
from mentora.programs.selectors import user_manages_program

if TYPE_CHECKING:
    from mentora.accounts.models import User

PROGRAM_EDITABLE_FIELDS = (
    "name",
    "description",
    "kind",
    "format",
    "matching_mode",
    "listed",
    "enrollment_opens_at",
    "enrollment_closes_at",
    "expected_duration_weeks",
    "meeting_cadence",
    "default_mentor_capacity",
    "max_mentors_per_mentee",
    "same_organisation_only",
    "requires_approval",
    "allow_dual_role",
    "publish_needs_acceptance",
    "max_open_requests",
    "request_expiry_days",
    "inactivity_days",
    "separation_notice_days",
)
SHORT_TEXT_MAX = 200
LONG_TEXT_MAX = 5000


def _require_manager(*, user: User, program: Program) -> None:
    if not user_manages_program(user=user, program=program):
        raise PermissionDenied("Only the program's managers can do this.")


def _unique_slug(*, base: str, taken: set[str]) -> str:
    slug = slugify(base)[:70] or "program"
    candidate, n = slug, 2
    while candidate in taken:
        candidate = f"{slug}-{n}"
        n += 1
    return candidate


@transaction.atomic
def organisation_create(*, name: str, created_by: User, description: str = "") -> Organisation:
    """Create an organisation with its creator as its first program manager."""
    name = name.strip()
    if not name:
        raise ValidationError({"name": "An organisation needs a name."})
    if Organisation.objects.filter(name__iexact=name).exists():
        raise ValidationError({"name": f"An organisation called {name!r} already exists."})
    slug = _unique_slug(base=name, taken=set(Organisation.objects.values_list("slug", flat=True)))
    organisation = Organisation.objects.create(name=name, slug=slug, description=description)
    OrganisationManager.objects.create(organisation=organisation, user=created_by)
    return organisation


@transaction.atomic
def organisation_manager_add(
    *, organisation: Organisation, user: User, added_by: User | None
) -> OrganisationManager:
    """Make a person a program manager of the organisation (idempotent)."""
    manager, _ = OrganisationManager.objects.get_or_create(
        organisation=organisation, user=user, defaults={"added_by": added_by}
    )
    return manager


def _clean_program_fields(fields: Mapping[str, Any]) -> dict[str, Any]:
    unknown = set(fields) - set(PROGRAM_EDITABLE_FIELDS)
    if unknown:
        raise ValidationError(f"Unknown program fields: {', '.join(sorted(unknown))}.")
    return dict(fields)


@transaction.atomic
def program_create(*, organisation: Organisation, created_by: User, **fields: Any) -> Program:
    """Create a draft program in an organisation the person manages."""
    if not OrganisationManager.objects.filter(organisation=organisation, user=created_by).exists():
        raise PermissionDenied("Only the organisation's program managers can create programs.")
    cleaned = _clean_program_fields(fields)
    taken = set(organisation.programs.values_list("slug", flat=True))
    program = Program(
        organisation=organisation,
        slug=_unique_slug(base=str(cleaned.get("name", "")), taken=taken),
        **cleaned,
    )
    program.full_clean()
    program.save()
    return program


@transaction.atomic
def program_update(*, program: Program, updated_by: User, **fields: Any) -> Program:
    """Change a program's settings (not its state: see `program_transition`)."""
    _require_manager(user=updated_by, program=program)
    for name, value in _clean_program_fields(fields).items():
        setattr(program, name, value)
    program.full_clean()
    program.save()
    return program


@transaction.atomic
def program_transition(*, program: Program, to_state: str, changed_by: User) -> Program:
    """Move a program through its lifecycle, recording the change; refuse moves not in the table."""
    _require_manager(user=changed_by, program=program)
    locked = Program.objects.select_for_update().get(pk=program.pk)
    if to_state not in PROGRAM_TRANSITIONS.get(locked.state, set()):
        raise ValidationError(
            f"A program cannot move from {locked.get_state_display()!r} to "
            f"{Program.State(to_state).label if to_state in Program.State.values else to_state!r}."
        )
    ProgramStateChange.objects.create(
        program=locked, from_state=locked.state, to_state=to_state, changed_by=changed_by
    )
    locked.state = to_state
    locked.save(update_fields=["state"])
    program.state = to_state
    return locked


# --- Questionnaire -------------------------------------------------------------------------------


def _clean_choices(*, kind: str, choices: Sequence[str]) -> list[str]:
    cleaned = [str(c).strip() for c in choices if str(c).strip()]
    if kind in {Question.Kind.SINGLE_CHOICE, Question.Kind.MULTIPLE_CHOICE}:
        if len(cleaned) < 2:
            raise ValidationError({"choices": "A choice question needs at least two choices."})
        if len({c.lower() for c in cleaned}) != len(cleaned):
            raise ValidationError({"choices": "Each choice must be different."})
        return cleaned
    return []


@transaction.atomic
def question_create(
    *,
    program: Program,
    created_by: User,
    text: str,
    kind: str,
    choices: Sequence[str] = (),
    required: bool = False,
    audience: str = Question.Audience.BOTH,
    matching_rule: str = Question.MatchingRule.IGNORE,
    weight: float = 1.0,
    help_text: str = "",
) -> Question:
    """Add a question at the end of a program's questionnaire."""
    _require_manager(user=created_by, program=program)
    last = program.questions.order_by("-position").values_list("position", flat=True).first()
    question = Question(
        program=program,
        position=(last or 0) + 1,
        text=text.strip(),
        help_text=help_text.strip(),
        kind=kind,
        choices=_clean_choices(kind=kind, choices=choices),
        required=required,
        audience=audience,
        matching_rule=matching_rule,
        weight=weight,
    )
    _validate_matching_rule(question)
    question.full_clean()
    question.save()
    return question


def _validate_matching_rule(question: Question) -> None:
    if question.matching_rule == Question.MatchingRule.IGNORE:
        return
    if question.kind == Question.Kind.LONG_TEXT:
        raise ValidationError({"matching_rule": "Long-text answers cannot be matched by a rule."})
    if question.audience != Question.Audience.BOTH:
        raise ValidationError(
            {"matching_rule": "A question used in matching must be answered by both sides."}
        )


@transaction.atomic
def question_update(*, question: Question, updated_by: User, **fields: Any) -> Question:
    """Change a question; its kind and choices are validated as on creation."""
    _require_manager(user=updated_by, program=question.program)
    allowed = {"text", "help_text", "kind", "choices", "required", "audience", "matching_rule"}
    allowed |= {"weight", "position"}
    for name, value in fields.items():
        if name not in allowed:
            raise ValidationError(f"Unknown question field {name!r}.")
        setattr(question, name, value)
    question.choices = _clean_choices(kind=question.kind, choices=question.choices)
    _validate_matching_rule(question)
    question.full_clean()
    question.save()
    return question


@transaction.atomic
def question_delete(*, question: Question, deleted_by: User) -> None:
    """Remove a question and its answers."""
    _require_manager(user=deleted_by, program=question.program)
    question.delete()


def answer_clean(*, question: Question, value: Any) -> Any:
    """Return the answer in its stored form, or raise a ValidationError saying what is wrong."""
    kind = question.kind
    if value is None or value == "" or value == []:
        return None
    if kind == Question.Kind.SINGLE_CHOICE:
        if not isinstance(value, str) or value not in question.choices:
            raise ValidationError(f"{value!r} is not one of the choices.")
        return value
    if kind == Question.Kind.MULTIPLE_CHOICE:
        values = [value] if isinstance(value, str) else value
        if not isinstance(values, list | tuple) or not all(isinstance(v, str) for v in values):
            raise ValidationError("Choose from the list.")
        unknown = [v for v in values if v not in question.choices]
        if unknown:
            raise ValidationError(f"{', '.join(map(repr, unknown))} is not one of the choices.")
        return [c for c in question.choices if c in values]
    if kind == Question.Kind.SCALE:
        try:
            number = int(value)
        except (TypeError, ValueError):
            raise ValidationError(f"{value!r} is not a whole number from 1 to 5.") from None
        if isinstance(value, float) and not value.is_integer():
            raise ValidationError(f"{value!r} is not a whole number from 1 to 5.")
        if not 1 <= number <= 5:
            raise ValidationError(f"{number} is outside the scale of 1 to 5.")
        return number
    limit = SHORT_TEXT_MAX if kind == Question.Kind.SHORT_TEXT else LONG_TEXT_MAX
    if not isinstance(value, str):
        raise ValidationError("Write your answer as text.")
    text = value.strip()
    if len(text) > limit:
        raise ValidationError(f"Keep the answer under {limit} characters (it has {len(text)}).")
    return text or None


def answers_clean(
    *,
    program: Program,
    role: str,
    answers: Mapping[int, Any] | Mapping[str, Any],
    require_answers: bool = True,
) -> dict[int, Any]:
    """Validate a whole questionnaire; errors are keyed `question_<id>`.

    Without `require_answers`, required questions may stay unanswered (an import cannot answer
    them; the person is asked to later).
    """
    questions = [q for q in program.questions.all() if q.applies_to(role)]
    # Forms give integer keys, JSON gives string keys: accept both.
    given: dict[str, Any] = {str(key): value for key, value in answers.items()}
    by_id = {q.pk: q for q in questions}
    errors: dict[str, list[str]] = {}
    cleaned: dict[int, Any] = {}
    for key in answers:
        try:
            qid = int(key)
        except (TypeError, ValueError):
            errors.setdefault("answers", []).append(f"{key!r} is not a question number.")
            continue
        if qid not in by_id:
            errors.setdefault("answers", []).append(
                f"Question {qid} is not part of this questionnaire for a {role}."
            )
    for question in questions:
        raw = given.get(str(question.pk))
        try:
            value = answer_clean(question=question, value=raw)
        except ValidationError as error:
            errors[f"question_{question.pk}"] = list(error.messages)
            continue
        if value is None:
            if question.required and require_answers:
                errors[f"question_{question.pk}"] = ["This question needs an answer."]
            continue
        cleaned[question.pk] = value
    if errors:
        raise ValidationError(errors)
    return cleaned


# --- Invitations ----------------------------------------------------------------------------------


@transaction.atomic
def invitation_create(
    *,
    organisation: Organisation,
    email: str,
    role: str,
    invited_by: User,
    program: Program | None = None,
) -> Invitation:
    """Invite a person by email, as a manager of the organisation or to enroll in a program."""
    if not OrganisationManager.objects.filter(organisation=organisation, user=invited_by).exists():
        raise PermissionDenied("Only the organisation's program managers can invite.")
    if program is not None and program.organisation_id != organisation.pk:
        raise ValidationError({"program": "That program belongs to another organisation."})
    if role == Invitation.Role.MANAGER:
        program = None
    elif program is None:
        raise ValidationError({"program": "Say which program the invitation is for."})
    email = email.strip().lower()
    invitation = Invitation(
        organisation=organisation, program=program, email=email, role=role, invited_by=invited_by
    )
    invitation.full_clean()
    invitation.save()
    transaction.on_commit(lambda: _send_invitation(invitation))
    return invitation


def _send_invitation(invitation: Invitation) -> None:
    from django.conf import settings

    link = settings.SITE_URL.rstrip("/") + reverse(
        "programs:invitation", kwargs={"token": invitation.token}
    )
    if invitation.role == Invitation.Role.MANAGER:
        subject = f"You are invited to manage programs at {invitation.organisation}"
        what = f"help manage the mentoring programs of {invitation.organisation}"
    else:
        assert invitation.program is not None
        subject = f"You are invited to join {invitation.program}"
        what = f"join {invitation.program} ({invitation.organisation})"
    inviter = invitation.invited_by.display_name if invitation.invited_by else "A program manager"
    send_mail(
        subject=f"[Mentora] {subject}",
        message=(
            f"{inviter} invites you to {what} on Mentora.\n\n"
            f"Open this link to accept (sign up first if you have no account):\n{link}\n"
        ),
        from_email=None,
        recipient_list=[invitation.email],
    )


@transaction.atomic
def invitation_accept(*, invitation: Invitation, user: User) -> Invitation:
    """Accept a manager invitation (program invitations are accepted by enrolling)."""
    if invitation.email.lower() != user.email.lower():
        raise PermissionDenied("This invitation was sent to another email address.")
    if invitation.role == Invitation.Role.MANAGER:
        organisation_manager_add(
            organisation=invitation.organisation, user=user, added_by=invitation.invited_by
        )
    if invitation.accepted_at is None:
        invitation.accepted_at = timezone.now()
        invitation.accepted_by = user
        invitation.save(update_fields=["accepted_at", "accepted_by"])
    return invitation


def user_is_invited(*, user: User, program: Program) -> bool:
    return Invitation.objects.filter(program=program, email__iexact=user.email).exists()


# --- Enrollment -----------------------------------------------------------------------------------


@transaction.atomic
def enrollment_submit(
    *,
    program: Program,
    user: User,
    role: str,
    answers: Mapping[int, Any] | Mapping[str, Any],
    mentor_offer: Mapping[str, Any] | None = None,
    mentee_needs: Mapping[str, Any] | None = None,
    bypass_window: bool = False,
    require_answers: bool = True,
) -> Enrollment:
    """Enroll a person in a program in one role, with their side of the profile and answers.

    The person's profile must already exist (see `profiles.services.profile_update`). The
    enrollment is active at once, or pending when the program needs a manager's approval.
    `require_answers=False` (imports) leaves required questions for the person to answer later
    with `enrollment_answers_update`.
    """
    from mentora.profiles.models import Profile
    from mentora.profiles.services import mentee_needs_save, mentor_offer_save

    if role not in Enrollment.Role.values:
        raise ValidationError({"role": f"{role!r} is not a role; choose mentor or mentee."})
    invited = user_is_invited(user=user, program=program)
    invited_while_active = invited and program.state in {Program.State.OPEN, Program.State.RUNNING}
    if not bypass_window and not program.enrollment_is_open() and not invited_while_active:
        raise ValidationError("This program is not open for enrollment.")
    if not Profile.objects.filter(user=user).exists():
        raise ValidationError("Complete your profile before enrolling.")
    existing = {
        e.role: e for e in Enrollment.objects.select_for_update().filter(program=program, user=user)
    }
    current = existing.get(role)
    if current is not None and current.status in {
        Enrollment.Status.ACTIVE,
        Enrollment.Status.PENDING,
    }:
        raise ValidationError(
            f"You are already enrolled as {program.role_label(role).lower()} in this program."
        )
    other_active = [
        e
        for r, e in existing.items()
        if r != role and e.status in {Enrollment.Status.ACTIVE, Enrollment.Status.PENDING}
    ]
    if other_active and not program.allow_dual_role:
        raise ValidationError(
            "This program does not let one person be both "
            f"{program.role_label('mentor').lower()} and {program.role_label('mentee').lower()}."
        )
    cleaned_answers = answers_clean(
        program=program, role=role, answers=answers, require_answers=require_answers
    )
    status = Enrollment.Status.PENDING if program.requires_approval else Enrollment.Status.ACTIVE
    if current is None:
        enrollment = Enrollment.objects.create(program=program, user=user, role=role, status=status)
    else:
        enrollment = current
        enrollment.status = status
        enrollment.withdrawn_at = None
        enrollment.decided_at = None
        enrollment.decided_by = None
        enrollment.save()
        enrollment.answers.all().delete()
    Answer.objects.bulk_create(
        [
            Answer(enrollment=enrollment, question_id=qid, value=v)
            for qid, v in cleaned_answers.items()
        ]
    )
    if role == Enrollment.Role.MENTOR:
        mentor_offer_save(enrollment=enrollment, data=mentor_offer or {})
    else:
        mentee_needs_save(enrollment=enrollment, data=mentee_needs or {})
    Invitation.objects.filter(program=program, email__iexact=user.email, accepted_at=None).update(
        accepted_at=timezone.now(), accepted_by=user
    )
    return enrollment


@transaction.atomic
def enrollment_answers_update(
    *, enrollment: Enrollment, by: User, answers: Mapping[int, Any] | Mapping[str, Any]
) -> Enrollment:
    """Replace a person's questionnaire answers in one of their enrollments (theirs alone)."""
    if enrollment.user_id != by.pk:
        raise PermissionDenied("Only the person enrolled can change their answers.")
    locked = Enrollment.objects.select_for_update().select_related("program").get(pk=enrollment.pk)
    if locked.status not in {Enrollment.Status.ACTIVE, Enrollment.Status.PENDING}:
        raise ValidationError(
            f"This enrollment is {locked.get_status_display().lower()}: its answers are closed."
        )
    cleaned = answers_clean(program=locked.program, role=locked.role, answers=answers)
    locked.answers.all().delete()
    Answer.objects.bulk_create(
        [Answer(enrollment=locked, question_id=qid, value=v) for qid, v in cleaned.items()]
    )
    return locked


def _enrollment_move(
    *, enrollment: Enrollment, to_status: str, by: User, note: str = ""
) -> Enrollment:
    locked = Enrollment.objects.select_for_update().select_related("program").get(pk=enrollment.pk)
    if to_status not in ENROLLMENT_TRANSITIONS.get(locked.status, set()):
        raise ValidationError(
            f"An enrollment that is {locked.get_status_display().lower()!r} cannot become "
            f"{Enrollment.Status(to_status).label.lower()!r}."
        )
    locked.status = to_status
    locked.status_note = note[:300]
    now = timezone.now()
    if to_status == Enrollment.Status.WITHDRAWN:
        locked.withdrawn_at = now
    else:
        locked.decided_at = now
        locked.decided_by = by
    locked.save()
    return locked


@transaction.atomic
def enrollment_approve(*, enrollment: Enrollment, approved_by: User) -> Enrollment:
    """A manager accepts a pending enrollment."""
    _require_manager(user=approved_by, program=enrollment.program)
    return _enrollment_move(
        enrollment=enrollment, to_status=Enrollment.Status.ACTIVE, by=approved_by
    )


@transaction.atomic
def enrollment_decline(*, enrollment: Enrollment, declined_by: User, note: str = "") -> Enrollment:
    """A manager turns down a pending enrollment."""
    _require_manager(user=declined_by, program=enrollment.program)
    return _enrollment_move(
        enrollment=enrollment, to_status=Enrollment.Status.DECLINED, by=declined_by, note=note
    )


@transaction.atomic
def enrollment_withdraw(
    *, enrollment: Enrollment, withdrawn_by: User, note: str = ""
) -> Enrollment:
    """The person themselves, or a manager, withdraws an enrollment."""
    if withdrawn_by.pk != enrollment.user_id:
        _require_manager(user=withdrawn_by, program=enrollment.program)
    return _enrollment_move(
        enrollment=enrollment, to_status=Enrollment.Status.WITHDRAWN, by=withdrawn_by, note=note
    )
