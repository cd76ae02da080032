"""Permission-filtered reads of profiles."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from mentora.profiles.models import Profile, Skill, SkillCategory
from mentora.programs.models import Enrollment, OrganisationManager

if TYPE_CHECKING:
    from mentora.accounts.models import User
    from mentora.programs.models import Organisation


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


def skills_for_organisation(*, organisation: Organisation | None) -> QuerySet[Skill]:
    """The shared taxonomy plus the organisation's own skills."""
    query = Q(organisation__isnull=True)
    if organisation is not None:
        query |= Q(organisation=organisation)
    return Skill.objects.filter(query).select_related("category").order_by("category__name", "name")


def skill_categories() -> QuerySet[SkillCategory]:
    return SkillCategory.objects.order_by("name")
