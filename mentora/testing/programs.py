"""Builders for organisations and their walls: an approved organisation with its first manager,
verified email domains, and members."""

from __future__ import annotations

from django.utils import timezone
from django.utils.text import slugify

from mentora.accounts.models import User
from mentora.programs.models import Organisation, OrganisationDomain, OrganisationMembership
from mentora.programs.services import organisation_manager_add, organisation_member_add


def make_organisation(name: str, *, manager: User, domains: tuple[str, ...] = ()) -> Organisation:
    """An organisation as site staff create it (approved), with its first program manager and
    the given email domains, verified."""
    organisation = Organisation.objects.create(
        name=name, slug=slugify(name)[:70], approved_at=timezone.now()
    )
    organisation_manager_add(organisation=organisation, user=manager, added_by=None)
    for domain in domains:
        verify_domain(organisation, domain)
    return organisation


def verify_domain(organisation: Organisation, domain: str) -> OrganisationDomain:
    """An email domain of the organisation that site staff have verified."""
    return OrganisationDomain.objects.create(
        organisation=organisation, domain=domain.lower(), verified_at=timezone.now()
    )


def make_member(organisation: Organisation, user: User) -> OrganisationMembership:
    """Make a person a member of the organisation (as if they had accepted an invitation)."""
    return organisation_member_add(
        organisation=organisation,
        user=user,
        source=OrganisationMembership.Source.INVITATION,
        added_by=None,
    )
