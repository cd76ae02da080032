"""Organisations: creation (the operator decides who may), approval, managers, members, domains."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify

from mentora.lib.text import clean_line, clean_text
from mentora.profiles.models import Skill, SkillCategory
from mentora.profiles.services import skill_create
from mentora.programs.access import ORGANISATION_CAPABILITIES, organisation_roles, require
from mentora.programs.models import (
    Organisation,
    OrganisationDomain,
    OrganisationManager,
    OrganisationMembership,
)

if TYPE_CHECKING:
    from mentora.accounts.models import User

NAME_MAX = Organisation._meta.get_field("name").max_length or 160
DESCRIPTION_MAX = Organisation._meta.get_field("description").max_length or 2000
DOMAIN = re.compile(r"^(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")
# Addresses there belong to their owners, not to one organisation: never a verified domain.
PUBLIC_EMAIL_DOMAINS = frozenset(
    {
        "gmail.com",
        "googlemail.com",
        "outlook.com",
        "hotmail.com",
        "live.com",
        "yahoo.com",
        "icloud.com",
        "me.com",
        "aol.com",
        "proton.me",
        "protonmail.com",
        "gmx.com",
        "gmx.de",
        "web.de",
        "mail.com",
        "yandex.com",
    }
)


def unique_slug(*, base: str, taken: set[str], fallback: str) -> str:
    """A slug of `base` that is not in `taken` (numbered when it is)."""
    slug = slugify(base)[:70] or fallback
    candidate, n = slug, 2
    while candidate in taken:
        candidate = f"{slug}-{n}"
        n += 1
    return candidate


def organisation_creation_policy() -> str:
    """The operator's ORGANISATION_CREATION setting: "staff" or "approval"."""
    return str(settings.ORGANISATION_CREATION)


def may_create_organisations(*, user: User) -> bool:
    """Whether this person may create (or, under approval, ask for) an organisation."""
    if not user.is_authenticated:
        return False
    return user.is_staff or organisation_creation_policy() == "approval"


@transaction.atomic
def organisation_create(
    *,
    name: str,
    created_by: User,
    description: str = "",
    first_manager: User | None = None,
) -> Organisation:
    """Create an organisation with its first program manager (the creator unless named).

    Who may is the operator's setting: site staff only (the default), or, under "approval",
    anyone signed in, whose organisation waits for a staff member's approval before it can set
    anything up. Staff create approved organisations, for themselves or for `first_manager`.
    """
    if not may_create_organisations(user=created_by):
        raise PermissionDenied(
            "Only site staff can create organisations here; ask the site's administrators."
        )
    if first_manager is not None and not created_by.is_staff:
        raise PermissionDenied("Only site staff can create an organisation for someone else.")
    name = clean_line(name, field="name", label="The name", limit=NAME_MAX)
    description = clean_text(
        description,
        field="description",
        label="The description",
        limit=DESCRIPTION_MAX,
        required=False,
    )
    if Organisation.objects.filter(name__iexact=name).exists():
        raise ValidationError({"name": f"An organisation called {name!r} already exists."})
    slug = unique_slug(
        base=name,
        taken=set(Organisation.objects.values_list("slug", flat=True)),
        fallback="organisation",
    )
    now = timezone.now()
    try:
        with transaction.atomic():
            organisation = Organisation.objects.create(
                name=name,
                slug=slug,
                description=description,
                approved_at=now if created_by.is_staff else None,
                approved_by=created_by if created_by.is_staff else None,
            )
    except IntegrityError:
        raise ValidationError(
            {"name": f"An organisation called {name!r} already exists."}
        ) from None
    organisation_manager_add(
        organisation=organisation, user=first_manager or created_by, added_by=created_by
    )
    return organisation


@transaction.atomic
def organisation_approve(*, organisation: Organisation, approved_by: User) -> Organisation:
    """A site staff member approves an organisation someone asked for (idempotent)."""
    if not approved_by.is_staff:
        raise PermissionDenied("Only site staff approve organisations.")
    locked = Organisation.objects.select_for_update().get(pk=organisation.pk)
    if locked.approved_at is None:
        locked.approved_at = timezone.now()
        locked.approved_by = approved_by
        locked.save(update_fields=["approved_at", "approved_by"])
    organisation.approved_at, organisation.approved_by = locked.approved_at, locked.approved_by
    return locked


def ensure_approved(organisation: Organisation) -> None:
    """Refuse to set anything up in an organisation that waits for approval."""
    if not organisation.is_approved:
        raise ValidationError(
            f"{organisation} waits for a site staff member's approval; until then it cannot "
            "create programs or invite anyone."
        )


@transaction.atomic
def organisation_member_add(
    *, organisation: Organisation, user: User, source: str, added_by: User | None
) -> OrganisationMembership:
    """Make a person a member of the organisation (idempotent: the first source is kept)."""
    membership, _ = OrganisationMembership.objects.get_or_create(
        organisation=organisation, user=user, defaults={"source": source, "added_by": added_by}
    )
    return membership


@transaction.atomic
def organisation_manager_add(
    *, organisation: Organisation, user: User, added_by: User | None
) -> OrganisationManager:
    """Make a person a program manager, and so a member, of the organisation (idempotent)."""
    manager, _ = OrganisationManager.objects.get_or_create(
        organisation=organisation, user=user, defaults={"added_by": added_by}
    )
    organisation_member_add(
        organisation=organisation,
        user=user,
        source=OrganisationMembership.Source.MANAGER,
        added_by=added_by,
    )
    return manager


def clean_domain(value: str) -> str:
    """An email domain in lower case, or a ValidationError saying why it cannot be one."""
    domain = clean_line(value, field="domain", label="The domain", limit=253).lower()
    domain = domain.removeprefix("@")
    if not DOMAIN.fullmatch(domain):
        raise ValidationError({"domain": f"{domain!r} is not an email domain (acme.example)."})
    if domain in PUBLIC_EMAIL_DOMAINS:
        raise ValidationError(
            {"domain": f"{domain} is a public email service; it belongs to no organisation."}
        )
    return domain


@transaction.atomic
def organisation_domain_add(
    *, organisation: Organisation, domain: str, added_by: User
) -> OrganisationDomain:
    """Site staff record an email domain of an organisation, not yet verified."""
    if not added_by.is_staff:
        raise PermissionDenied("Only site staff record an organisation's email domains.")
    cleaned = clean_domain(domain)
    if OrganisationDomain.objects.filter(domain=cleaned).exists():
        raise ValidationError({"domain": f"{cleaned} is already an organisation's domain."})
    return OrganisationDomain.objects.create(organisation=organisation, domain=cleaned)


@transaction.atomic
def organisation_domain_verify(
    *, domain: OrganisationDomain, verified_by: User
) -> OrganisationDomain:
    """Site staff confirm that the organisation controls the domain: from now on everyone with a
    verified address there is a member, and imports enroll its addresses directly."""
    if not verified_by.is_staff:
        raise PermissionDenied("Only site staff verify an organisation's email domains.")
    locked = OrganisationDomain.objects.select_for_update().get(pk=domain.pk)
    clean_domain(locked.domain)
    if locked.verified_at is None:
        locked.verified_at = timezone.now()
        locked.verified_by = verified_by
        locked.save(update_fields=["verified_at", "verified_by"])
    return locked


@transaction.atomic
def organisation_skill_create(
    *,
    organisation: Organisation,
    created_by: User,
    name: str,
    category: SkillCategory,
    synonyms: Sequence[str] = (),
) -> Skill:
    """A program manager extends the taxonomy with a skill of their organisation."""
    require(
        ORGANISATION_CAPABILITIES,
        roles=organisation_roles(organisation=organisation, user=created_by),
        to="manage",
        refusal="Only the organisation's program managers can add skills.",
    )
    return skill_create(organisation=organisation, name=name, category=category, synonyms=synonyms)
