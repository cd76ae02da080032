"""Permission-filtered reads of organisations, programs, enrollments, invitations and profiles.

Each list selector (`<things>_visible_to`) agrees with its resource's roles function in
`mentora.programs.access`: an object is in the list exactly when the person has a role that may
view it. The `get_<thing>_for_user` helpers raise 404 for everything else.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from allauth.account.models import EmailAddress
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from mentora.accounts.models import User
from mentora.profiles.models import Profile
from mentora.programs.access import (
    email_domain,
    signed_in,
    verified_domains,
    verified_login_email,
)
from mentora.programs.lifecycle import LIVE
from mentora.programs.models import (
    Enrollment,
    Invitation,
    Organisation,
    OrganisationDomain,
    OrganisationManager,
    OrganisationMembership,
    Program,
)

if TYPE_CHECKING:
    from mentora.programs.access import Person


# --- Organisations --------------------------------------------------------------------------------


def organisations_managed_by(*, user: Person) -> QuerySet[Organisation]:
    """Organisations in which the person is a program manager."""
    person = signed_in(user)
    if person is None:
        return Organisation.objects.none()
    return Organisation.objects.filter(managers__user=person)


def get_managed_organisation(*, user: Person, organisation_id: int) -> Organisation:
    """An organisation the person manages, or 404 (its manager pages show nothing to others)."""
    try:
        return organisations_managed_by(user=user).get(pk=organisation_id)
    except Organisation.DoesNotExist:
        raise Http404("No such organisation.") from None


def organisations_visible_to(*, user: Person) -> QuerySet[Organisation]:
    """Organisations a person manages, belongs to, is invited by, or that run a program the
    person may see; each annotated with `manages`."""
    person = signed_in(user)
    if person is None:
        return Organisation.objects.none()
    domains = {
        email_domain(address)
        for address in EmailAddress.objects.filter(user=person, verified=True).values_list(
            "email", flat=True
        )
    }
    by_domain = OrganisationDomain.objects.filter(
        domain__in=domains, verified_at__isnull=False
    ).values("organisation_id")
    email = verified_login_email(person)
    invited = (
        Invitation.objects.filter(email=email).values("organisation_id")
        if email
        else Invitation.objects.none().values("organisation_id")
    )
    manages = OrganisationManager.objects.filter(organisation_id=OuterRef("pk"), user=person)
    return (
        Organisation.objects.filter(
            Q(managers__user=person)
            | Q(pk__in=OrganisationMembership.objects.filter(user=person).values("organisation_id"))
            | Q(pk__in=by_domain)
            | Q(pk__in=invited)
            | Q(pk__in=programs_visible_to(user=person).values("organisation_id"))
        )
        .distinct()
        .annotate(manages=Exists(manages))
        .order_by("name")
    )


def get_organisation_for_user(*, user: Person, organisation_id: int) -> Organisation:
    """The organisation, or 404 when the person may not see it."""
    try:
        return organisations_visible_to(user=user).get(pk=organisation_id)
    except Organisation.DoesNotExist:
        raise Http404("No such organisation.") from None


def member_emails(*, organisation_id: int, emails: set[str]) -> set[str]:
    """Which of these log-in addresses are members of the organisation (explicitly, or through
    a verified address in one of its verified domains). Agrees with `access.is_member`."""
    if not emails:
        return set()
    explicit = set(
        OrganisationMembership.objects.filter(
            organisation_id=organisation_id, user__email__in=emails
        ).values_list("user__email", flat=True)
    )
    domains = verified_domains(organisation_id=organisation_id)
    by_domain = {
        login
        for login, address in EmailAddress.objects.filter(
            user__email__in=emails, verified=True
        ).values_list("user__email", "email")
        if email_domain(address) in domains
    }
    return explicit | by_domain


def organisations_of_member(*, user: Person) -> QuerySet[Organisation]:
    """The organisations a person belongs to: explicitly, or through a verified address in one of
    their verified domains (agrees with `access.is_member`)."""
    person = signed_in(user)
    if person is None:
        return Organisation.objects.none()
    domains = {
        email_domain(address)
        for address in EmailAddress.objects.filter(user=person, verified=True).values_list(
            "email", flat=True
        )
    }
    return Organisation.objects.filter(
        Q(pk__in=OrganisationMembership.objects.filter(user=person).values("organisation_id"))
        | Q(
            pk__in=OrganisationDomain.objects.filter(
                domain__in=domains, verified_at__isnull=False
            ).values("organisation_id")
        )
    )


def people_sharing_with(*, user: User) -> QuerySet[User]:
    """People who share an organisation (both members) or a program (enrolled in it, in any role
    or status, or managing it) with the person, the person aside: those they may name (as their
    manager) without learning anything about anyone else's account."""
    organisations = organisations_of_member(user=user).values("pk")
    by_domain = Q()
    for domain in OrganisationDomain.objects.filter(
        organisation__in=organisations, verified_at__isnull=False
    ).values_list("domain", flat=True):
        by_domain |= Q(email__iendswith=f"@{domain}")
    members_by_domain = (
        EmailAddress.objects.filter(by_domain, verified=True).values("user_id")
        if by_domain
        else EmailAddress.objects.none().values("user_id")
    )
    # A program is shared by the people enrolled in it and its organisation's managers.
    programs = Program.objects.filter(
        Q(pk__in=Enrollment.objects.filter(user=user).values("program_id"))
        | Q(organisation__in=OrganisationManager.objects.filter(user=user).values("organisation"))
    ).values("pk")
    return User.objects.filter(
        Q(
            pk__in=OrganisationMembership.objects.filter(organisation__in=organisations).values(
                "user_id"
            )
        )
        | Q(pk__in=members_by_domain)
        | Q(pk__in=Enrollment.objects.filter(program__in=programs).values("user_id"))
        | Q(
            pk__in=OrganisationManager.objects.filter(organisation__programs__in=programs).values(
                "user_id"
            )
        )
    ).exclude(pk=user.pk)


def first_manager(*, organisation: Organisation) -> User | None:
    """The organisation's longest-standing program manager (commands act as them by default)."""
    manager = (
        OrganisationManager.objects.filter(organisation=organisation)
        .select_related("user")
        .order_by("created_at", "pk")
        .first()
    )
    return manager.user if manager is not None else None


def organisation_managers(*, organisation: Organisation) -> QuerySet[OrganisationManager]:
    """The managers of an organisation (the caller has checked the person manages it)."""
    return (
        OrganisationManager.objects.filter(organisation=organisation)
        .select_related("user", "user__profile")
        .order_by("created_at", "pk")
    )


# --- Programs -------------------------------------------------------------------------------------


def programs_managed_by(*, user: Person) -> QuerySet[Program]:
    """Programs of the organisations the person manages."""
    person = signed_in(user)
    if person is None:
        return Program.objects.none()
    return Program.objects.filter(organisation__managers__user=person).select_related(
        "organisation"
    )


def programs_visible_to(*, user: Person) -> QuerySet[Program]:
    """Programs a person may open: managed ones, ones they are (or were) enrolled in or are
    invited to (at their verified address), and the listed programs open for enrollment."""
    person = signed_in(user)
    if person is None:
        return Program.objects.none()
    manages = OrganisationManager.objects.filter(
        organisation_id=OuterRef("organisation_id"), user=person
    )
    enrolled = Enrollment.objects.filter(program_id=OuterRef("pk"), user=person)
    email = verified_login_email(person)
    visible = Q(_manages=True) | Q(_enrolled=True) | Q(state=Program.State.OPEN, listed=True)
    programs = Program.objects.annotate(_manages=Exists(manages), _enrolled=Exists(enrolled))
    if email is not None:
        invited = Invitation.objects.filter(program_id=OuterRef("pk"), email=email)
        programs = programs.annotate(_invited=Exists(invited))
        visible |= Q(_invited=True)
    return programs.filter(visible).select_related("organisation")


def program_directory(*, user: Person) -> QuerySet[Program]:
    """Listed programs that are open for enrollment, for the directory page."""
    return (
        Program.objects.filter(state=Program.State.OPEN, listed=True)
        .select_related("organisation")
        .order_by("name")
    )


def get_program_for_user(*, user: Person, program_id: int) -> Program:
    """The program, or 404 when the person may not see it."""
    try:
        return programs_visible_to(user=user).get(pk=program_id)
    except Program.DoesNotExist:
        raise Http404("No such program.") from None


def get_managed_program(*, user: Person, program_id: int) -> Program:
    """A program the person manages, or 404 (never 403: its manager pages show nothing to
    participants and outsiders)."""
    try:
        return programs_managed_by(user=user).get(pk=program_id)
    except Program.DoesNotExist:
        raise Http404("No such program.") from None


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


def program_invitations(*, program: Program) -> QuerySet[Invitation]:
    """The participant invitations of a program (the caller has checked the person manages it)."""
    return Invitation.objects.filter(program=program).order_by("-created_at", "-pk")


def invitations_of_user(*, user: Person) -> QuerySet[Invitation]:
    """The invitations sent to the person's verified address that they have not accepted."""
    email = verified_login_email(user)
    if email is None:
        return Invitation.objects.none()
    return Invitation.objects.filter(email=email, accepted_at=None).select_related(
        "program", "organisation"
    )


def invitation_for_link(*, token: str) -> Invitation:
    """The invitation a secret link names, or 404 (for a visitor who must log in first: the
    page shows where it leads, not to whom it was sent)."""
    invitation = (
        Invitation.objects.select_related("program", "organisation").filter(token=token).first()
        if token
        else None
    )
    if invitation is None:
        raise Http404("This invitation link is not valid.")
    return invitation


# --- Enrollments ----------------------------------------------------------------------------------


def enrollments_visible_to(*, user: Person) -> QuerySet[Enrollment]:
    """A person's own enrollments and every enrollment of the programs they manage."""
    person = signed_in(user)
    if person is None:
        return Enrollment.objects.none()
    return Enrollment.objects.filter(
        Q(user=person) | Q(program__organisation__managers__user=person)
    ).select_related("program", "program__organisation", "user", "user__profile")


def get_enrollment_for_user(*, user: Person, enrollment_id: int) -> Enrollment:
    """An enrollment the person may see, or 404."""
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
        .filter(status__in=LIVE)
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
            .filter(status__in=LIVE)
            .get(user=user, program_id=program_id, role=role)
        )
    except Enrollment.DoesNotExist:
        raise Http404("You have no such enrollment.") from None


def enrollments_in_program(*, user: User, program: Program) -> list[Enrollment]:
    """The person's own enrollments in one program (every status)."""
    return list(Enrollment.objects.filter(program=program, user=user))


# --- Profiles -------------------------------------------------------------------------------------


def profiles_visible_to(*, user: Person) -> QuerySet[Profile]:
    """Profiles a person may read: their own; everyone enrolled in a program they manage; and,
    in a program where they are actively enrolled, the active participants of the other role
    (mentees see mentors, mentors see mentees). Demographics are never part of a profile.
    Agrees with `mentora.programs.access.profile_roles`."""
    person = signed_in(user)
    if person is None:
        return Profile.objects.none()
    managed = Enrollment.objects.filter(
        user_id=OuterRef("user_id"),
        program__organisation__in=OrganisationManager.objects.filter(user=person).values(
            "organisation"
        ),
    )
    mine = Enrollment.objects.filter(user=person, status=Enrollment.Status.ACTIVE)
    counterpart = Enrollment.objects.filter(
        user_id=OuterRef("user_id"), status=Enrollment.Status.ACTIVE
    ).filter(
        Q(
            role=Enrollment.Role.MENTOR,
            program__in=mine.filter(role=Enrollment.Role.MENTEE).values("program"),
        )
        | Q(
            role=Enrollment.Role.MENTEE,
            program__in=mine.filter(role=Enrollment.Role.MENTOR).values("program"),
        )
    )
    return Profile.objects.annotate(
        _managed=Exists(managed), _counterpart=Exists(counterpart)
    ).filter(Q(user=person) | Q(_managed=True) | Q(_counterpart=True))


def get_profile_for_user(*, user: Person, profile_id: int) -> Profile:
    """A profile the person may see, or 404."""
    try:
        return profiles_visible_to(user=user).select_related("user").get(pk=profile_id)
    except Profile.DoesNotExist:
        raise Http404("No such profile.") from None


def profile_enrollments_shown_to(*, profile: Profile, viewer: User) -> QuerySet[Enrollment]:
    """A profile's active enrollments in the programs the viewer may see (a profile never
    reveals the person's other programs)."""
    return (
        Enrollment.objects.filter(
            user_id=profile.user_id,
            status=Enrollment.Status.ACTIVE,
            program__in=programs_visible_to(user=viewer),
        )
        .select_related("program", "mentor_offer", "mentee_needs")
        .prefetch_related("mentor_offer__skills", "mentee_needs__skills")
    )
