"""Permission-filtered reads the API needs beyond those of the programs and profiles apps.

They are built only from those apps' selectors, so an API reader sees exactly what a page shows.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from mentora.programs.models import Invitation, Organisation, OrganisationManager, Program
from mentora.programs.selectors import organisations_managed_by, programs_visible_to

if TYPE_CHECKING:
    from mentora.accounts.models import User


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
