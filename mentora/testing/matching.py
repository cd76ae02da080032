"""Builders for the matching tests: numbered mentors and mentees, and drafts made by hand."""

from __future__ import annotations

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from mentora.accounts.models import User
from mentora.matching.models import MatchRun, Proposal
from mentora.profiles.models import MenteeNeeds, MentorOffer, Profile
from mentora.programs.models import Enrollment, Program
from mentora.programs.services import enrollment_submit
from mentora.testing import PASSWORD, make_person


def add_mentor(program: Program, email: str, **offer: object) -> User:
    """A mentor of the program (named after their email address), in healthcare."""
    user = make_person(email, email.split("@")[0].title(), industry="healthcare")
    offer.setdefault("capacity", 2)
    offer.setdefault("motivation", "I enjoy helping people grow.")
    enrollment_submit(
        program=program, user=user, role=Enrollment.Role.MENTOR, answers={}, mentor_offer=offer
    )
    return user


def add_mentee(program: Program, email: str, **needs: object) -> User:
    """A mentee of the program (named after their email address), in healthcare."""
    user = make_person(email, email.split("@")[0].title(), industry="healthcare")
    needs.setdefault("career_goals", ["Grow into a team lead"])
    enrollment_submit(
        program=program, user=user, role=Enrollment.Role.MENTEE, answers={}, mentee_needs=needs
    )
    return user


def populate(
    program: Program,
    *,
    mentors: int,
    mentees: int,
    capacity: int = 2,
    skills: tuple[str, ...] = ("Python",),
) -> None:
    """Enroll numbered mentors and mentees (mentor0@..., mentee0@...).

    Browser tests pass `skills=()`: their transactional database has no seeded taxonomy.
    """
    for i in range(mentors):
        add_mentor(program, f"mentor{i}@example.org", capacity=capacity, skills=list(skills))
    for i in range(mentees):
        add_mentee(program, f"mentee{i}@example.org", skills=list(skills))


def draft(program: Program, manager: User, pairs: list[tuple[User, User]]) -> MatchRun:
    """A draft run proposing the given (mentor, mentee) pairs, as if the engine had chosen them."""
    run = MatchRun.objects.create(
        program=program,
        started_by=manager,
        status=MatchRun.Status.DRAFT,
        percent=100,
        finished_at=timezone.now(),
    )
    Proposal.objects.bulk_create(
        [Proposal(run=run, mentor=mentor, mentee=mentee, score=70.0) for mentor, mentee in pairs]
    )
    return run


def crowd(
    program: Program, *, mentors: int, mentees: int, capacity: int = 2
) -> tuple[list[User], list[User]]:
    """Many active mentors (mentor0@...) and mentees (mentee0@...) at once, by bulk inserts.

    For fault and scale tests, where enrolling hundreds of people one by one through the services
    would take most of the test's time; the rows are the ones the services would write.
    """
    password = make_password(PASSWORD)

    def enrolled(prefix: str, count: int, role: str) -> tuple[list[User], list[Enrollment]]:
        users = User.objects.bulk_create(
            [User(email=f"{prefix}{i}@example.org", password=password) for i in range(count)]
        )
        Profile.objects.bulk_create(
            [
                Profile(
                    user=user,
                    display_name=f"{prefix.title()} {i}",
                    timezone="Europe/London",
                    languages=["en"],
                    industry="healthcare",
                )
                for i, user in enumerate(users)
            ]
        )
        enrollments = Enrollment.objects.bulk_create(
            [
                Enrollment(program=program, user=user, role=role, status=Enrollment.Status.ACTIVE)
                for user in users
            ]
        )
        return users, enrollments

    mentor_users, mentor_enrollments = enrolled("mentor", mentors, Enrollment.Role.MENTOR)
    MentorOffer.objects.bulk_create(
        [
            MentorOffer(enrollment=e, capacity=capacity, motivation="I enjoy helping people grow.")
            for e in mentor_enrollments
        ]
    )
    mentee_users, mentee_enrollments = enrolled("mentee", mentees, Enrollment.Role.MENTEE)
    MenteeNeeds.objects.bulk_create(
        [
            MenteeNeeds(enrollment=e, career_goals=["Grow into a team lead"])
            for e in mentee_enrollments
        ]
    )
    return mentor_users, mentee_users
