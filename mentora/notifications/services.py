"""Every write to notifications and notification preferences, and the emails they send."""

from __future__ import annotations

import datetime
import zoneinfo
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from mentora.lib.text import clean_line, clean_text, refuse_nul
from mentora.notifications.access import NOTIFICATION_CAPABILITIES, notification_roles
from mentora.notifications.models import Notification, NotificationPreference
from mentora.notifications.selectors import digest_subscribers, preferences_for_user

if TYPE_CHECKING:
    from mentora.accounts.models import User

KIND_MAX = Notification._meta.get_field("kind").max_length or 60
TITLE_MAX = Notification._meta.get_field("title").max_length or 200
BODY_MAX = Notification._meta.get_field("body").max_length or 2000
URL_MAX = Notification._meta.get_field("url").max_length or 500
MUTED_KINDS_MAX = 100
DIGEST_WINDOW = datetime.timedelta(days=1)


def is_internal_path(url: str) -> bool:
    """True for a path inside this site ("/programs/3/"), false for anything leading elsewhere."""
    return (
        url.startswith("/")
        and not url.startswith(("//", "/\\"))
        and not any(ord(character) < 32 or character.isspace() for character in url)
    )


def _fit(text: str, limit: int) -> str:
    """The text cut to `limit` characters, with an ellipsis when it was longer."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _validate(*, kind: str, title: str, url: str) -> None:
    errors: dict[str, str] = {}
    if not kind or len(kind) > KIND_MAX:
        errors["kind"] = f"A notification needs a kind of 1 to {KIND_MAX} characters."
    if not title:
        errors["title"] = "A notification needs a title."
    if url and (len(url) > URL_MAX or not is_internal_path(url)):
        errors["url"] = (
            f"A notification links to a path inside Mentora such as /programs/3/, not {url[:80]!r}."
        )
    if errors:
        raise ValidationError(errors)


def _absolute(url: str) -> str:
    return settings.SITE_URL.rstrip("/") + (url or "/notifications/")


def _local(moment: datetime.datetime, *, user: User) -> str:
    profile = getattr(user, "profile", None)
    name = getattr(profile, "timezone", "") or settings.TIME_ZONE
    try:
        zone = zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        zone = zoneinfo.ZoneInfo("UTC")
    return moment.astimezone(zone).strftime("%d %b %Y %H:%M")


def _send_now(notification: Notification) -> None:
    lines = [notification.body] if notification.body else []
    lines.append(f"Open it in Mentora: {_absolute(notification.url)}")
    lines.append(
        f"Choose which emails you get: {_absolute('/notifications/preferences/')}",
    )
    send_mail(
        subject=f"[Mentora] {notification.title}",
        message="\n\n".join(lines) + "\n",
        from_email=None,
        recipient_list=[notification.recipient.email],
    )


@transaction.atomic
def notify(
    *,
    recipient: User,
    kind: str,
    title: str,
    body: str = "",
    url: str = "",
    important: bool = False,
) -> Notification:
    """Tell a person something in the app, and by email at once when it is important and wanted.

    Titles and bodies are written by Mentora around names and notes people typed: they are made
    to fit (the title on one line, both within their limits) rather than refused after the action
    they report; a NUL character or a link leaving the site is still refused.
    """
    kind, url = kind.strip(), url.strip()
    title = _fit(" ".join(title.split()), TITLE_MAX)
    _validate(kind=kind, title=title, url=url)
    title = clean_line(title, field="title", label="A notification title", limit=TITLE_MAX)
    body = clean_text(
        _fit(body.strip(), BODY_MAX),
        field="body",
        label="A notification body",
        limit=BODY_MAX,
        required=False,
    )
    notification = Notification(
        recipient=recipient, kind=kind, title=title, body=body, url=url, important=important
    )
    preference = preferences_for_user(user=recipient)
    if (
        important
        and recipient.is_active
        and recipient.email
        and preference.email_important
        and not preference.daily_digest  # digest subscribers hear about it in the next digest
        and kind not in preference.muted_kinds
    ):
        notification.emailed_at = timezone.now()
    notification.save()
    if notification.emailed_at is not None:
        transaction.on_commit(lambda: _send_now(notification))
    return notification


@transaction.atomic
def notification_mark_read(*, notification: Notification, user: User) -> Notification:
    """Mark one of the person's own notifications read (reading it again changes nothing)."""
    roles = notification_roles(notification=notification, user=user)
    if not NOTIFICATION_CAPABILITIES.allows(roles, "mark_read"):
        raise PermissionDenied(NOTIFICATION_CAPABILITIES.refusals["mark_read"])
    if notification.read_at is None:
        now = timezone.now()
        # Conditional update: two tabs marking it at once keep the first time it was read.
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(read_at=now)
        notification.refresh_from_db(fields=["read_at"])
    return notification


@transaction.atomic
def notifications_mark_all_read(*, user: User) -> int:
    """Mark all of the person's unread notifications read; returns how many changed."""
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )


@transaction.atomic
def preferences_update(
    *,
    user: User,
    email_important: bool | None = None,
    daily_digest: bool | None = None,
    muted_kinds: Sequence[str] | None = None,
) -> NotificationPreference:
    """Change how the person hears about notifications; arguments left as None stay as they were."""
    preference, _ = NotificationPreference.objects.select_for_update().get_or_create(user=user)
    if email_important is not None:
        preference.email_important = email_important
    if daily_digest is not None:
        preference.daily_digest = daily_digest
    if muted_kinds is not None:
        if isinstance(muted_kinds, str) or not all(isinstance(k, str) for k in muted_kinds):
            raise ValidationError({"muted_kinds": "Muted kinds are a list of kind names."})
        refuse_nul(list(muted_kinds), field="muted_kinds", label="A muted kind")
        cleaned = sorted({kind.strip() for kind in muted_kinds if kind.strip()})
        if len(cleaned) > MUTED_KINDS_MAX or any(len(kind) > KIND_MAX for kind in cleaned):
            raise ValidationError(
                {
                    "muted_kinds": f"At most {MUTED_KINDS_MAX} kinds of at most "
                    f"{KIND_MAX} characters each can be muted."
                }
            )
        preference.muted_kinds = cleaned
    preference.updated_at = timezone.now()
    preference.save()
    return preference


@transaction.atomic
def notification_digest_send(*, user: User, now: datetime.datetime | None = None) -> int:
    """Email the person one digest of their notifications of the last day not yet in a digest.

    Returns how many notifications it listed (0 means no email). Each notification is marked as
    digested in the same transaction, so running it again never lists it twice.
    """
    now = now or timezone.now()
    preference = preferences_for_user(user=user)
    if not preference.daily_digest or not user.is_active or not user.email:
        return 0
    pending = list(
        Notification.objects.select_for_update()
        .filter(
            recipient=user,
            digested_at__isnull=True,
            emailed_at__isnull=True,
            created_at__gt=now - DIGEST_WINDOW,
            created_at__lte=now,
        )
        .order_by("created_at", "pk")
    )
    # Muted kinds are never emailed; marking them keeps them out of every later digest too.
    listed = [n for n in pending if n.kind not in preference.muted_kinds]
    Notification.objects.filter(pk__in=[n.pk for n in pending]).update(digested_at=now)
    if not listed:
        return 0
    lines = [f"Your Mentora notifications of the last day ({len(listed)}):", ""]
    for notification in listed:
        marker = " (important)" if notification.important else ""
        lines.append(
            f"- {_local(notification.created_at, user=user)}  {notification.title}{marker}"
        )
        if notification.url:
            lines.append(f"  {_absolute(notification.url)}")
    lines += [
        "",
        f"See them all: {_absolute('/notifications/')}",
        f"Choose which emails you get: {_absolute('/notifications/preferences/')}",
    ]
    subject = (
        "[Mentora] Your daily digest: 1 new notification"
        if len(listed) == 1
        else f"[Mentora] Your daily digest: {len(listed)} new notifications"
    )
    message = "\n".join(lines) + "\n"
    recipient = user.email
    transaction.on_commit(
        lambda: send_mail(
            subject=subject, message=message, from_email=None, recipient_list=[recipient]
        )
    )
    return len(listed)


def notification_digests_send(
    *, users: Iterable[User] | None = None, now: datetime.datetime | None = None
) -> tuple[int, int]:
    """Send the daily digest to every subscriber (or to `users`); returns (emails, notifications).

    Each person's digest is its own transaction, so one failure does not undo the others.
    """
    now = now or timezone.now()
    emails = listed = 0
    for user in digest_subscribers() if users is None else users:
        count = notification_digest_send(user=user, now=now)
        if count:
            emails += 1
            listed += count
    return emails, listed
