"""Who may do what with organisations, programs, questions, invitations, enrollments and profiles.

This module is the one home of "is this person a manager of this program / organisation" and of
the organisation's wall (who is a member). Each resource has a `<resource>_roles(...)` function
(the person's roles toward one object; empty for an outsider and for anonymous visitors) and an
`access_<resource>(...)` function that loads the object and checks the roles against the
resource's table of capabilities: no role at all is a 404 (an outsider learns nothing), a role
without the capability a 403. Pages, REST views, admin actions and templates ask these; the
services refuse through the same roles functions, so every door gets the same answer. The list
selectors (`programs_visible_to`, `profiles_visible_to`, ...) in `selectors.py` agree with them.
"""

from __future__ import annotations

from collections.abc import Iterable

from allauth.account.models import EmailAddress
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Q

from mentora.accounts.models import User
from mentora.lib.access import Access, Capabilities, capabilities
from mentora.profiles.access import OWNER, own_profile_roles
from mentora.profiles.models import Profile
from mentora.programs.models import (
    Enrollment,
    Invitation,
    Organisation,
    OrganisationDomain,
    OrganisationManager,
    OrganisationMembership,
    Program,
    Question,
)

# Whoever is asking: a signed-in person, an anonymous visitor, or nobody (a background job).
type Person = User | AnonymousUser | None

# --- Roles ----------------------------------------------------------------------------------------

# A program manager of the organisation (manages every program it runs).
MANAGER = "manager"
# Belongs to the organisation: a manager, someone who accepted an invitation, or a verified
# address in one of its verified domains.
MEMBER = "member"
# Enrolled in the program in that role (the enrollment is active).
MENTOR = "mentor"
MENTEE = "mentee"
# Has (or had) an enrollment in the program, in any status.
PARTICIPANT = "participant"
# Holds an invitation to the program (or to a program of the organisation).
INVITED = "invited"
# The program is listed in the directory and open for enrollment: anyone signed in may see it.
PUBLIC = "public"
# A profile's counterpart: actively enrolled in the other role of a program the viewer is
# actively enrolled in (mentees see mentors, mentors see mentees).
COUNTERPART = "counterpart"
# The person an invitation was sent to (their verified log-in address), and anyone signed in who
# holds the invitation's secret link.
INVITEE = "invitee"
LINK_HOLDER = "link_holder"
# Site staff acting in the Django admin. No roles function gives it (pages and the REST API
# never see it); the writers add it for a staff actor, so admin actions go through them.
SITE_STAFF = "site_staff"

ORGANISATION_CAPABILITIES = capabilities(
    "organisation",
    {"view": {MANAGER, MEMBER, PARTICIPANT, INVITED, PUBLIC}, "manage": {MANAGER}},
    {"manage": "Only the organisation's program managers can do this."},
)
PROGRAM_CAPABILITIES = capabilities(
    "program",
    {
        "view": {MANAGER, MENTOR, MENTEE, PARTICIPANT, INVITED, PUBLIC},
        "enroll": {MANAGER, MENTOR, MENTEE, PARTICIPANT, INVITED, PUBLIC},
        "manage": {MANAGER},
        "administer": {MANAGER, SITE_STAFF},
    },
    {
        "manage": "Only the program's managers can do this.",
        "administer": "Only the program's managers can do this.",
    },
)
QUESTION_CAPABILITIES = capabilities(
    "question",
    {"view": PROGRAM_CAPABILITIES.roles_for("view"), "change": {MANAGER}},
    {"change": "Only the program's managers can change its questionnaire."},
)
ENROLLMENT_CAPABILITIES = capabilities(
    "enrollment",
    {
        "view": {OWNER, MANAGER},
        "answer": {OWNER},
        "decide": {MANAGER, SITE_STAFF},
        "withdraw": {OWNER, MANAGER, SITE_STAFF},
    },
    {
        "answer": "Only the person enrolled can change their answers.",
        "decide": "Only the program's managers can do this.",
    },
)
PROFILE_CAPABILITIES = capabilities(
    "profile",
    {"view": {OWNER, MANAGER, COUNTERPART}, "change": {OWNER}},
    {"change": "You can only edit your own profile."},
)
INVITATION_CAPABILITIES = capabilities(
    "invitation",
    {"view": {INVITEE, MANAGER, LINK_HOLDER}, "accept": {INVITEE}},
    {"accept": "This invitation was sent to another email address."},
)


def require(
    table: Capabilities, *, roles: Iterable[str], to: str, refusal: str | None = None
) -> None:
    """For services: refuse (PermissionDenied) a person whose roles lack the capability `to`,
    with `refusal` instead of the table's reason when given."""
    if refusal is None:
        table.require(roles, to)
    elif not table.allows(roles, to):
        raise PermissionDenied(refusal)


def with_staff(roles: Iterable[str], user: Person) -> frozenset[str]:
    """The roles, plus SITE_STAFF when the actor is site staff (for the writers only)."""
    person = signed_in(user)
    staff = person is not None and person.is_staff
    return frozenset(roles) | ({SITE_STAFF} if staff else frozenset())


# --- Who someone is -------------------------------------------------------------------------------


def signed_in(user: Person) -> User | None:
    """The person when they are signed in; None for anonymous visitors and background jobs."""
    return user if isinstance(user, User) and user.is_authenticated else None


def verified_login_email(user: Person) -> str | None:
    """The person's log-in address, lower-cased, when they have verified it; otherwise None.

    Invitations are addressed to it: holding an account is not enough, the address must be
    proven."""
    person = signed_in(user)
    if person is None:
        return None
    email = person.email.lower()
    verified = EmailAddress.objects.filter(user=person, email__iexact=email, verified=True)
    return email if verified.exists() else None


def email_domain(email: str) -> str:
    return email.rsplit("@", 1)[-1].strip().lower()


def verified_domains(*, organisation_id: int) -> set[str]:
    """The organisation's email domains that site staff have verified."""
    return set(
        OrganisationDomain.objects.filter(
            organisation_id=organisation_id, verified_at__isnull=False
        ).values_list("domain", flat=True)
    )


def manages_organisation(*, user: Person, organisation_id: int) -> bool:
    """Whether the person is a program manager of the organisation (the one home of this rule)."""
    person = signed_in(user)
    if person is None:
        return False
    return OrganisationManager.objects.filter(organisation_id=organisation_id, user=person).exists()


def manages_program(*, user: Person, program: Program) -> bool:
    """Whether the person is a program manager of the program's organisation."""
    return manages_organisation(user=user, organisation_id=program.organisation_id)


def is_member(*, user: Person, organisation_id: int) -> bool:
    """Whether the person belongs to the organisation: an explicit membership (managers, accepted
    invitations), or a verified address in one of its verified domains."""
    person = signed_in(user)
    if person is None:
        return False
    if OrganisationMembership.objects.filter(organisation_id=organisation_id, user=person).exists():
        return True
    domains = verified_domains(organisation_id=organisation_id)
    if not domains:
        return False
    addresses = EmailAddress.objects.filter(user=person, verified=True).values_list(
        "email", flat=True
    )
    return any(email_domain(address) in domains for address in addresses)


def may_be_enrolled_by_a_manager(*, user: User, organisation_id: int) -> bool:
    """Whether a manager may enroll this person without asking: a member of the organisation, or
    an account whose address is in one of its verified domains (the organisation controls those
    mailboxes; the person proves it when they first log in). Everyone else is invited."""
    if is_member(user=user, organisation_id=organisation_id):
        return True
    return email_domain(user.email) in verified_domains(organisation_id=organisation_id)


# --- Organisations --------------------------------------------------------------------------------


def organisation_roles(*, organisation: Organisation, user: Person) -> frozenset[str]:
    """The person's roles toward an organisation."""
    person = signed_in(user)
    if person is None:
        return frozenset()
    roles: set[str] = set()
    if manages_organisation(user=user, organisation_id=organisation.pk):
        roles.add(MANAGER)
    if is_member(user=user, organisation_id=organisation.pk):
        roles.add(MEMBER)
    if Enrollment.objects.filter(program__organisation=organisation, user=person).exists():
        roles.add(PARTICIPANT)
    email = verified_login_email(user)
    if email and Invitation.objects.filter(organisation=organisation, email=email).exists():
        roles.add(INVITED)
    if organisation.programs.filter(state=Program.State.OPEN, listed=True).exists():
        roles.add(PUBLIC)
    return frozenset(roles)


def access_organisation(
    *, user: Person, organisation_id: int, to: str = "view"
) -> Access[Organisation]:
    """The organisation with the person's roles, or 404 (no role) or 403 (not allowed `to`)."""
    organisation = Organisation.objects.filter(pk=organisation_id).first()
    roles = (
        organisation_roles(organisation=organisation, user=user)
        if organisation is not None
        else frozenset()
    )
    return ORGANISATION_CAPABILITIES.grant(organisation, roles=roles, to=to)


# --- Programs and their questions -----------------------------------------------------------------


def program_roles(*, program: Program, user: Person) -> frozenset[str]:
    """The person's roles toward a program."""
    person = signed_in(user)
    if person is None:
        return frozenset()
    roles: set[str] = set()
    if manages_program(user=user, program=program):
        roles.add(MANAGER)
    for role, status in Enrollment.objects.filter(program=program, user=person).values_list(
        "role", "status"
    ):
        roles.add(PARTICIPANT)
        if status == Enrollment.Status.ACTIVE:
            roles.add(MENTOR if role == Enrollment.Role.MENTOR else MENTEE)
    email = verified_login_email(user)
    if email and Invitation.objects.filter(program=program, email=email).exists():
        roles.add(INVITED)
    if program.state == Program.State.OPEN and program.listed:
        roles.add(PUBLIC)
    return frozenset(roles)


def access_program(*, user: Person, program_id: int, to: str = "view") -> Access[Program]:
    """The program with the person's roles, or 404 (no role) or 403 (not allowed `to`)."""
    program = Program.objects.select_related("organisation").filter(pk=program_id).first()
    roles = program_roles(program=program, user=user) if program is not None else frozenset()
    return PROGRAM_CAPABILITIES.grant(program, roles=roles, to=to)


def question_roles(*, question: Question, user: Person) -> frozenset[str]:
    """A question's roles are its program's."""
    return program_roles(program=question.program, user=user)


def access_question(
    *, user: Person, program_id: int, question_id: int, to: str = "view"
) -> Access[Question]:
    """A question of a program the person may see, or 404; 403 when they may not `to`."""
    program = access_program(user=user, program_id=program_id).obj
    question = (
        Question.objects.select_related("program").filter(program=program, pk=question_id).first()
    )
    roles = question_roles(question=question, user=user) if question is not None else frozenset()
    return QUESTION_CAPABILITIES.grant(question, roles=roles, to=to)


# --- Enrollments ----------------------------------------------------------------------------------


def enrollment_roles(*, enrollment: Enrollment, user: Person) -> frozenset[str]:
    """OWNER for the person enrolled, MANAGER for the program's managers."""
    person = signed_in(user)
    if person is None:
        return frozenset()
    roles: set[str] = set()
    if enrollment.user_id == person.pk:
        roles.add(OWNER)
    if manages_organisation(user=user, organisation_id=enrollment.program.organisation_id):
        roles.add(MANAGER)
    return frozenset(roles)


def access_enrollment(*, user: Person, enrollment_id: int, to: str = "view") -> Access[Enrollment]:
    """The enrollment with the person's roles, or 404 (no role) or 403 (not allowed `to`)."""
    enrollment = (
        Enrollment.objects.select_related(
            "program", "program__organisation", "user", "user__profile"
        )
        .filter(pk=enrollment_id)
        .first()
    )
    roles = (
        enrollment_roles(enrollment=enrollment, user=user)
        if enrollment is not None
        else frozenset()
    )
    return ENROLLMENT_CAPABILITIES.grant(enrollment, roles=roles, to=to)


# --- Profiles -------------------------------------------------------------------------------------


def profile_roles(*, profile: Profile, user: Person) -> frozenset[str]:
    """OWNER (their own); MANAGER (they manage a program the person is enrolled in, in any
    status); COUNTERPART (both actively enrolled in one program, in the two different roles)."""
    person = signed_in(user)
    if person is None:
        return frozenset()
    roles = set(own_profile_roles(profile=profile, user=person))
    theirs = Enrollment.objects.filter(user_id=profile.user_id)
    if theirs.filter(program__organisation__managers__user=person).exists():
        roles.add(MANAGER)
    mine = Enrollment.objects.filter(user=person, status=Enrollment.Status.ACTIVE)
    if (
        theirs.filter(status=Enrollment.Status.ACTIVE)
        .filter(
            Q(
                role=Enrollment.Role.MENTOR,
                program__in=mine.filter(role=Enrollment.Role.MENTEE).values("program"),
            )
            | Q(
                role=Enrollment.Role.MENTEE,
                program__in=mine.filter(role=Enrollment.Role.MENTOR).values("program"),
            )
        )
        .exists()
    ):
        roles.add(COUNTERPART)
    return frozenset(roles)


def access_profile(*, user: Person, profile_id: int, to: str = "view") -> Access[Profile]:
    """The profile with the person's roles, or 404 (no role) or 403 (not allowed `to`)."""
    profile = Profile.objects.select_related("user").filter(pk=profile_id).first()
    roles = profile_roles(profile=profile, user=user) if profile is not None else frozenset()
    return PROFILE_CAPABILITIES.grant(profile, roles=roles, to=to)


# --- Invitations ----------------------------------------------------------------------------------


def invitation_roles(*, invitation: Invitation, user: Person) -> frozenset[str]:
    """INVITEE for the addressee (by their verified log-in address), MANAGER for the
    organisation's managers, LINK_HOLDER for anyone signed in who opened its secret link."""
    if signed_in(user) is None:
        return frozenset()
    roles = {LINK_HOLDER}
    if verified_login_email(user) == invitation.email.lower():
        roles.add(INVITEE)
    if manages_organisation(user=user, organisation_id=invitation.organisation_id):
        roles.add(MANAGER)
    return frozenset(roles)


def access_invitation(*, user: Person, token: str, to: str = "view") -> Access[Invitation]:
    """The invitation behind a secret link, or 404; 403 when the person may not `to`."""
    invitation = (
        Invitation.objects.select_related("program", "organisation").filter(token=token).first()
        if token
        else None
    )
    roles = (
        invitation_roles(invitation=invitation, user=user)
        if invitation is not None
        else frozenset()
    )
    return INVITATION_CAPABILITIES.grant(invitation, roles=roles, to=to)
