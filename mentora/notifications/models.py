from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class Notification(models.Model):
    """Something that happened that one person should know about, shown in the app."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    # A dotted event name chosen by the app that notifies, e.g. "relationship.agreement_signed".
    kind = models.CharField(max_length=60)
    title = models.CharField(max_length=200)
    body = models.TextField(blank=True, max_length=2000)
    # A path inside Mentora ("/relationships/4/"), never a full URL, so it cannot leave the site.
    url = models.CharField(max_length=500, blank=True)
    important = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)
    digested_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(
                fields=["recipient"],
                condition=Q(read_at__isnull=True),
                name="notification_unread_idx",
            ),
            models.Index(fields=["recipient", "-created_at"], name="notification_recipient_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(url="")
                | (Q(url__startswith="/") & ~Q(url__startswith="//") & ~Q(url__startswith="/\\")),
                name="notification_url_is_a_path",
            ),
        ]

    def __str__(self) -> str:
        # Never the title: it quotes what people wrote (a goal, a question, a resource's name).
        return f"Notification {self.pk} to user {self.recipient_id}"

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class NotificationPreference(models.Model):
    """How one person wants to hear about their notifications beyond the app itself."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preference"
    )
    email_important = models.BooleanField(
        "Email me about important events",
        default=True,
        help_text="Important events are sent by email as they happen.",
    )
    daily_digest = models.BooleanField(
        "Send me one daily digest instead",
        default=False,
        help_text="One email a day listing everything new, instead of separate emails.",
    )
    # Kinds the person never wants by email (they still appear in the app).
    muted_kinds = models.JSONField(default=list, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Notification preferences of {self.user}"
