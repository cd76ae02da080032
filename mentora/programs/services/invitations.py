"""Invitations: to manage an organisation, or to enroll in one of its programs.

An invitation is how anyone outside an organisation comes in: nobody is enrolled without
accepting. Accepting makes the person a member of the organisation. The email is composed (and
its headers checked) before the invitation is saved, so an invitation that cannot be sent is
never stored.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.mail import EmailMessage
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from mentora.lib.text import refuse_nul
from mentora.programs.access import (
    INVITATION_CAPABILITIES,
    ORGANISATION_CAPABILITIES,
    invitation_roles,
    organisation_roles,
    require,
    verified_login_email,
)
from mentora.programs.models import Invitation, Organisation, OrganisationMembership, Program
from mentora.programs.services.organisations import (
    ensure_approved,
    organisation_manager_add,
    organisation_member_add,
)

if TYPE_CHECKING:
    from mentora.accounts.models import User

EMAIL_MAX = Invitation._meta.get_field("email").max_length or 254


def clean_email(value: object, *, field: str = "email") -> str:
    """An email address in lower case, or a ValidationError naming the value."""
    if not isinstance(value, str):
        raise ValidationError({field: "Give an email address."})
    email = value.strip().lower()
    refuse_nul(email, field=field, label="The email address")
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError({field: f"{email!r} is not a valid email address."}) from None
    if len(email) > EMAIL_MAX:
        raise ValidationError({field: f"An email address has at most {EMAIL_MAX} characters."})
    return email


def _invitation_message(invitation: Invitation) -> EmailMessage:
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
    return EmailMessage(
        subject=f"[Mentora] {subject}",
        body=(
            f"{inviter} invites you to {what} on Mentora.\n\n"
            f"Open this link to accept (sign up first if you have no account):\n{link}\n"
        ),
        to=[invitation.email],
    )


def _checked_message(invitation: Invitation) -> EmailMessage:
    """The invitation's email, with its headers built now: what cannot be sent is refused here,
    before anything is saved."""
    message = _invitation_message(invitation)
    try:
        message.message()
    except ValueError as error:
        raise ValidationError(
            {NON_FIELD_ERRORS: f"This invitation cannot be sent by email: {error}"}
        ) from None
    return message


@transaction.atomic
def invitation_create(
    *,
    organisation: Organisation,
    email: str,
    role: str,
    invited_by: User,
    program: Program | None = None,
    data: Mapping[str, Any] | None = None,
    send_again: bool = True,
) -> Invitation:
    """Invite a person by email, as a manager of the organisation or to enroll in a program.

    An open invitation of the same person to the same place is reused (its `data` refreshed)
    rather than repeated; its email goes out again unless `send_again` is false (imports).
    """
    require(
        ORGANISATION_CAPABILITIES,
        roles=organisation_roles(organisation=organisation, user=invited_by),
        to="manage",
        refusal="Only the organisation's program managers can invite.",
    )
    ensure_approved(organisation)
    if program is not None and program.organisation_id != organisation.pk:
        raise ValidationError({"program": "That program belongs to another organisation."})
    if role not in Invitation.Role.values:
        raise ValidationError({"role": f"{role!r} is not a role of an invitation."})
    if role == Invitation.Role.MANAGER:
        program = None
    elif program is None:
        raise ValidationError({"program": "Say which program the invitation is for."})
    email = clean_email(email)
    carried = dict(data or {})
    refuse_nul(carried, field="data", label="The invitation's data")
    existing = (
        Invitation.objects.select_for_update()
        .filter(organisation=organisation, program=program, email=email, role=role)
        .filter(accepted_at__isnull=True)
        .first()
    )
    invitation = existing or Invitation(
        organisation=organisation, program=program, email=email, role=role
    )
    invitation.invited_by = invited_by
    if data is not None or existing is None:
        invitation.data = carried
    message = _checked_message(invitation)
    invitation.full_clean()
    invitation.save()
    if existing is None or send_again:
        transaction.on_commit(message.send)
    return invitation


@transaction.atomic
def invitation_accept(*, invitation: Invitation, user: User) -> Invitation:
    """Accept an invitation sent to the person's verified address: they become a member of the
    organisation (and a program manager, for a manager invitation). A program invitation is
    accepted by enrolling (see `enrollment_submit`)."""
    require(
        INVITATION_CAPABILITIES,
        roles=invitation_roles(invitation=invitation, user=user),
        to="accept",
    )
    locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if locked.role == Invitation.Role.MANAGER:
        organisation_manager_add(
            organisation=locked.organisation, user=user, added_by=locked.invited_by
        )
    else:
        organisation_member_add(
            organisation=locked.organisation,
            user=user,
            source=OrganisationMembership.Source.INVITATION,
            added_by=locked.invited_by,
        )
    if locked.accepted_at is None:
        locked.accepted_at = timezone.now()
        locked.accepted_by = user
        locked.save(update_fields=["accepted_at", "accepted_by"])
    invitation.accepted_at, invitation.accepted_by = locked.accepted_at, locked.accepted_by
    return locked


def open_program_invitations(*, user: User, program: Program) -> list[Invitation]:
    """The person's invitations to a program they have not accepted yet (by verified address)."""
    email = verified_login_email(user)
    if email is None:
        return []
    return list(
        Invitation.objects.filter(program=program, email=email, accepted_at__isnull=True).order_by(
            "-created_at", "-pk"
        )
    )


def invitations_accept_by_enrolling(*, user: User, program: Program) -> None:
    """Enrolling in a program accepts the person's open invitations to it."""
    for invitation in open_program_invitations(user=user, program=program):
        invitation_accept(invitation=invitation, user=user)
