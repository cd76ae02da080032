"""Self-service finding: a mentee's requests to mentors, bookmarks and private checklists.

A request has one lifecycle (`REQUEST_LIFECYCLE` in lifecycle.py); its writer `request_move` is
the only code that changes its status, and every move is a `RequestEvent` row.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from mentora.programs.models import Program

# The longest texts people write here: a request, a decline's reason or a message on a request;
# a private note about a mentor.
MESSAGE_MAX = 2000
NOTE_MAX = 5000
SELF_SERVICE_MODES = frozenset({Program.MatchingMode.SELF_SERVICE, Program.MatchingMode.BOTH})
# States in which mentees may look for mentors and mentors answer them.
FINDING_STATES = frozenset({Program.State.OPEN, Program.State.MATCHING, Program.State.RUNNING})


class RequestStatus(models.TextChoices):
    PENDING = "pending", "Waiting for an answer"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"
    WITHDRAWN = "withdrawn", "Withdrawn"
    EXPIRED = "expired", "Expired"


class CloseReason(models.TextChoices):
    """Why a request is no longer open: who or what answered it."""

    ACCEPTED = "accepted", "Accepted by the mentor"
    DECLINED = "declined", "Declined by the mentor"
    MENTOR_FULL = "mentor_full", "The mentor has no free place any more"
    WITHDRAWN = "withdrawn", "Withdrawn by the mentee"
    MENTEE_AT_LIMIT = "mentee_at_limit", "The mentee has all the mentors the program allows"
    EXPIRED = "expired", "Nobody answered in time"


class MentorRequest(models.Model):
    """A mentee asks a mentor of the same program to mentor them, with a message about goals."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="mentor_requests")
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="requests_received"
    )
    mentee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="requests_sent"
    )
    message = models.TextField(
        max_length=MESSAGE_MAX, help_text="What the mentee wants to accomplish, in their words."
    )
    status = models.CharField(
        max_length=20, choices=RequestStatus.choices, default=RequestStatus.PENDING
    )
    close_reason = models.CharField(max_length=20, choices=CloseReason.choices, blank=True)
    decline_reason = models.TextField(
        blank=True,
        max_length=MESSAGE_MAX,
        help_text="The mentor's optional reason, shown to the mentee.",
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    # The mentor's first answer of any kind (accept, decline or a question): response time.
    first_response_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    relationship = models.OneToOneField(
        "relationships.Relationship",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="mentor_request",
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(mentor=models.F("mentee")), name="mentor_request_two_people"
            ),
            models.UniqueConstraint(
                fields=["program", "mentor", "mentee"],
                condition=Q(status="pending"),
                name="one_open_request_per_pair",
            ),
            models.CheckConstraint(
                condition=Q(status="pending", closed_at__isnull=True)
                | (~Q(status="pending") & Q(closed_at__isnull=False)),
                name="mentor_request_closed_when_answered",
            ),
        ]
        indexes = [
            models.Index(fields=["mentor", "status"], name="finding_request_mentor"),
            models.Index(fields=["mentee", "status"], name="finding_request_mentee"),
            models.Index(fields=["status", "expires_at"], name="finding_request_expiry"),
        ]

    def __str__(self) -> str:
        return f"Request of {self.mentee} to {self.mentor} ({self.program})"

    @property
    def is_open(self) -> bool:
        return self.status == RequestStatus.PENDING


class RequestEvent(models.Model):
    """One move of a request's status: who (empty when Mentora did it), when, why."""

    request = models.ForeignKey(MentorRequest, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    from_status = models.CharField(max_length=20, choices=RequestStatus.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=RequestStatus.choices)
    close_reason = models.CharField(max_length=20, choices=CloseReason.choices, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.request_id}: {self.from_status or 'new'} → {self.to_status}"


class RequestMessage(models.Model):
    """A short exchange on an open request: the mentor asks for more, the mentee answers."""

    request = models.ForeignKey(MentorRequest, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    text = models.TextField(max_length=MESSAGE_MAX)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"Message on request {self.request_id}"


class Bookmark(models.Model):
    """A mentor a mentee keeps for later."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="+")
    mentee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mentor_bookmarks"
    )
    mentor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["program", "mentee", "mentor"], name="one_bookmark_per_mentor"
            )
        ]

    def __str__(self) -> str:
        return f"Bookmark of {self.mentee} on {self.mentor}"


class ChecklistAnswer(models.TextChoices):
    YES = "yes", "Yes"
    NOT_SURE = "not_sure", "Not sure"
    NO = "no", "No"


# The five questions a mentee asks about a mentor (PRODUCT.md), in order: field name and text.
CHOICE_QUESTIONS: tuple[tuple[str, str], ...] = (
    ("passion", "Are they passionate about helping others succeed?"),
    ("feedback", "Can they give honest and unbiased feedback?"),
    ("knowledge", "Do I value their knowledge and experience?"),
    ("time", "Can they make time for mentoring?"),
    ("proximity", "Are they in a similar industry or part of my organisation?"),
)


class MentorConsideration(models.Model):
    """A mentee's PRIVATE checklist answers and note about one mentor they are considering.

    Only the mentee who wrote it ever sees it: not the mentor, not the program's managers, and not
    the admin (which lists that one exists, never its content).
    """

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="+")
    mentee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mentor_considerations"
    )
    mentor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    passion = models.CharField(max_length=10, choices=ChecklistAnswer.choices, blank=True)
    feedback = models.CharField(max_length=10, choices=ChecklistAnswer.choices, blank=True)
    knowledge = models.CharField(max_length=10, choices=ChecklistAnswer.choices, blank=True)
    time = models.CharField(max_length=10, choices=ChecklistAnswer.choices, blank=True)
    proximity = models.CharField(max_length=10, choices=ChecklistAnswer.choices, blank=True)
    note = models.TextField(blank=True, max_length=NOTE_MAX)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["program", "mentee", "mentor"], name="one_consideration_per_mentor"
            )
        ]

    def __str__(self) -> str:
        return f"Private checklist {self.pk}"
