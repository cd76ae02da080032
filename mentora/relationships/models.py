"""A mentor and a mentee (or a coach and a coachee) through the four stages of a relationship."""

from __future__ import annotations

import datetime
import uuid
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from mentora.lib.files import PrivateUploadTo
from mentora.lib.wording import MENTEE, MENTOR, role_word
from mentora.profiles.choices import Cadence, FocusArea
from mentora.programs.models import Program

if TYPE_CHECKING:
    from mentora.accounts.models import User

# How long one side may leave a separation proposal unanswered before the program's managers are
# asked to decide. Program has no such setting yet (it belongs to the programs app), so each
# relationship carries its own copy, set from this default when it is created.
DEFAULT_SEPARATION_NOTICE_DAYS = 14
# Days without activity before both people are nudged (the managers are alerted after twice as
# many). A program setting once Program grows one.
DEFAULT_INACTIVITY_DAYS = 30
# An initiation held longer than this is flagged.
INITIATION_MAX_DAYS = 30
# The length limits of free text (forms, serializers and services all read them from the fields).
TEXT_LIMIT = 10_000
REASON_LIMIT = 2_000
THANKS_LIMIT = 2_000


class Stage(models.TextChoices):
    PENDING_ACCEPTANCE = "pending_acceptance", "Awaiting the mentor's acceptance"
    INITIATION = "initiation", "Initiation"
    CULTIVATION = "cultivation", "Cultivation"
    SEPARATION = "separation", "Separation"
    REDEFINITION = "redefinition", "Redefinition"
    ENDED = "ended", "Ended"


# The moves between stages, who may make them and what must be true: lifecycle.py.
LIVE_STAGES = [s for s in Stage.values if s != Stage.ENDED]


class Relationship(models.Model):
    class Origin(models.TextChoices):
        MANAGER_PAIR = "manager_pair", "Paired by a manager"
        MATCH_RUN = "match_run", "From a published match run"
        REQUEST = "request", "Mentee's request accepted"

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="relationships")
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="relationships_as_mentor"
    )
    mentee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="relationships_as_mentee"
    )
    kind = models.CharField(max_length=20, choices=Program.Kind.choices)
    origin = models.CharField(max_length=20, choices=Origin.choices)
    stage = models.CharField(max_length=20, choices=Stage.choices, default=Stage.INITIATION)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    stage_changed_at = models.DateTimeField(default=timezone.now)
    last_activity_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_reason = models.TextField(blank=True, max_length=REASON_LIMIT)
    separation_notice_days = models.PositiveSmallIntegerField(
        default=DEFAULT_SEPARATION_NOTICE_DAYS,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
    )
    # Initiation: what the mentee shares in the first conversations.
    career_goals = models.TextField(blank=True, max_length=TEXT_LIMIT)
    why_this_mentor = models.TextField(blank=True, max_length=TEXT_LIMIT)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(mentor=models.F("mentee")), name="relationship_two_people"
            ),
            models.UniqueConstraint(
                fields=["program", "mentor", "mentee"],
                condition=~Q(stage="ended"),
                name="one_live_relationship_per_pair",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.mentor} and {self.mentee} ({self.program})"

    @property
    def is_coaching(self) -> bool:
        return self.kind == Program.Kind.COACHING

    @property
    def is_live(self) -> bool:
        return self.stage != Stage.ENDED

    @property
    def mentor_label(self) -> str:
        return role_word(MENTOR, coaching=self.is_coaching)

    @property
    def mentee_label(self) -> str:
        return role_word(MENTEE, coaching=self.is_coaching)

    def other_party(self, user: object) -> User:
        return self.mentee if getattr(user, "pk", None) == self.mentor_id else self.mentor


class RelationshipEvent(models.Model):
    """One change of stage: who, when, from, to, and why."""

    relationship = models.ForeignKey(Relationship, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    from_stage = models.CharField(max_length=20, choices=Stage.choices, blank=True)
    to_stage = models.CharField(max_length=20, choices=Stage.choices)
    note = models.TextField(blank=True, max_length=REASON_LIMIT)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.relationship_id}: {self.from_stage or 'new'} → {self.to_stage}"


class Agreement(models.Model):
    """The mentoring agreement both people confirm before cultivation."""

    relationship = models.OneToOneField(
        Relationship, on_delete=models.CASCADE, related_name="agreement"
    )
    goals = models.TextField(blank=True, max_length=TEXT_LIMIT)
    focus_areas = models.JSONField(default=list, blank=True)
    meeting_cadence = models.CharField(
        max_length=20, choices=Cadence.choices, default=Cadence.FORTNIGHTLY
    )
    channel = models.CharField(max_length=120, blank=True, help_text="Video call, phone, office…")
    confidentiality = models.TextField(blank=True, max_length=TEXT_LIMIT)
    expected_duration_weeks = models.PositiveSmallIntegerField(
        default=26, validators=[MinValueValidator(1), MaxValueValidator(260)]
    )
    feedback = models.TextField("how we give feedback", blank=True, max_length=TEXT_LIMIT)
    ending = models.TextField("how we will end", blank=True, max_length=TEXT_LIMIT)
    mentor_confirmed_at = models.DateTimeField(null=True, blank=True)
    mentee_confirmed_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    def __str__(self) -> str:
        return f"Agreement of {self.relationship}"

    @property
    def confirmed_by_both(self) -> bool:
        return self.mentor_confirmed_at is not None and self.mentee_confirmed_at is not None

    def focus_area_labels(self) -> list[str]:
        labels = dict(FocusArea.choices)
        return [str(labels.get(area, area)) for area in self.focus_areas]


class Goal(models.Model):
    """A goal of the relationship; in coaching it is measurable (target value, unit, deadline)."""

    relationship = models.ForeignKey(Relationship, on_delete=models.CASCADE, related_name="goals")
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True, max_length=TEXT_LIMIT)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    due_on = models.DateField(null=True, blank=True)
    progress = models.PositiveSmallIntegerField(
        default=0, validators=[MaxValueValidator(100)], help_text="Per cent done."
    )
    target_value = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    current_value = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    unit = models.CharField(max_length=40, blank=True)
    met_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["due_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(progress__lte=100), name="goal_progress_percent")
        ]

    def __str__(self) -> str:
        # Names the row, never its text: the admin (lists, delete pages, history) and logs show
        # it to people who may not read what the two wrote. The same for every content model.
        return f"Goal {self.pk} of relationship {self.relationship_id}"

    @property
    def is_met(self) -> bool:
        return self.met_at is not None


class Milestone(models.Model):
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(max_length=200)
    due_on = models.DateField(null=True, blank=True)
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return f"Milestone {self.pk} of goal {self.goal_id}"


class Meeting(models.Model):
    class Status(models.TextChoices):
        SCHEDULED = "scheduled", "Scheduled"
        CANCELLED = "cancelled", "Cancelled"

    relationship = models.ForeignKey(
        Relationship, on_delete=models.CASCADE, related_name="meetings"
    )
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    starts_at = models.DateTimeField()
    duration_minutes = models.PositiveSmallIntegerField(
        default=60, validators=[MinValueValidator(5), MaxValueValidator(480)]
    )
    location = models.CharField(max_length=200, blank=True, help_text="A room or a video link.")
    agenda = models.TextField(blank=True, max_length=TEXT_LIMIT)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.SCHEDULED)
    # iCalendar SEQUENCE: raised on every reschedule and on cancelling, so calendars update.
    sequence = models.PositiveIntegerField(default=0)
    shared_notes = models.TextField(blank=True, max_length=TEXT_LIMIT)
    mentor_attended = models.BooleanField(null=True, blank=True)
    mentee_attended = models.BooleanField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["starts_at", "pk"]

    def __str__(self) -> str:
        return f"Meeting of {self.relationship} at {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def ends_at(self) -> datetime.datetime:
        return self.starts_at + datetime.timedelta(minutes=self.duration_minutes)

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED


class PrivateNote(models.Model):
    """A meeting note only its author may ever read: not the other person, a manager or admin."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="private_notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    text = models.TextField(max_length=TEXT_LIMIT)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "author"], name="one_private_note_per_author"
            )
        ]

    def __str__(self) -> str:
        return f"Private note {self.pk}"


class Question(models.Model):
    """Mentoring: the mentee's question, answered in a thread. Coaching: the coach's question."""

    relationship = models.ForeignKey(
        Relationship, on_delete=models.CASCADE, related_name="questions"
    )
    meeting = models.ForeignKey(
        Meeting, on_delete=models.SET_NULL, null=True, blank=True, related_name="questions"
    )
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    text = models.TextField(max_length=TEXT_LIMIT)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"Question {self.pk} of relationship {self.relationship_id}"


class Reply(models.Model):
    """A message in a question's thread; in coaching, the coachee's answer the coach recorded."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="replies")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    text = models.TextField(max_length=TEXT_LIMIT)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name_plural = "replies"

    def __str__(self) -> str:
        return f"Reply {self.pk} to question {self.question_id}"


class Lesson(models.Model):
    class Kind(models.TextChoices):
        LESSON_SHARED = "lesson_shared", "Lesson shared"
        SKILL_PRACTISED = "skill_practised", "Skill practised"

    relationship = models.ForeignKey(Relationship, on_delete=models.CASCADE, related_name="lessons")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    text = models.TextField(max_length=TEXT_LIMIT)
    goal = models.ForeignKey(
        Goal, on_delete=models.SET_NULL, null=True, blank=True, related_name="lessons"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"Lesson {self.pk} of relationship {self.relationship_id}"


class Resource(models.Model):
    """A link or a file the pair shares."""

    relationship = models.ForeignKey(
        Relationship, on_delete=models.CASCADE, related_name="resources"
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    title = models.CharField(max_length=200)
    url = models.URLField(blank=True, max_length=500)
    # Stored under a random name and served only by the download view, to the two people.
    file = models.FileField(upload_to=PrivateUploadTo("relationships/resources"), blank=True)
    # The uploaded file's own name, given back as the download's name.
    original_name = models.CharField(max_length=255, blank=True)
    size = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(url="") & ~Q(file="")) | (~Q(url="") & Q(file="")),
                name="resource_is_link_or_file",
            )
        ]

    def __str__(self) -> str:
        return f"Resource {self.pk} of relationship {self.relationship_id}"

    @property
    def download_name(self) -> str:
        """The name a download of the file gets: the name it was uploaded with."""
        return self.original_name or (self.file.name or "file").rsplit("/", 1)[-1]


class SeparationProposal(models.Model):
    """One side proposes to separate with a reflection; the other confirms (or a manager decides)"""

    class Status(models.TextChoices):
        OPEN = "open", "Waiting for the other side"
        CONFIRMED = "confirmed", "Confirmed"
        WITHDRAWN = "withdrawn", "Withdrawn"
        DECIDED = "decided", "Decided by a manager"

    relationship = models.ForeignKey(
        Relationship, on_delete=models.CASCADE, related_name="separation_proposals"
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    reflection = models.TextField(max_length=TEXT_LIMIT)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField(default=timezone.now)
    escalated_at = models.DateTimeField(null=True, blank=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["relationship"],
                condition=Q(status="open"),
                name="one_open_separation_proposal",
            )
        ]

    def __str__(self) -> str:
        return f"Separation proposal {self.pk} ({self.status})"


class ClosingReflection(models.Model):
    relationship = models.ForeignKey(
        Relationship, on_delete=models.CASCADE, related_name="closing_reflections"
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    learned = models.TextField("what was learned", max_length=TEXT_LIMIT)
    application = models.TextField(
        "how the mentee will apply it without regular guidance", max_length=TEXT_LIMIT
    )
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["relationship", "author"], name="one_closing_reflection_per_author"
            )
        ]

    def __str__(self) -> str:
        return f"Closing reflection {self.pk}"


class RedefinitionTerms(models.Model):
    class Relation(models.TextChoices):
        PEERS = "peers", "Peers"
        OCCASIONAL_CHECK_INS = "occasional_check_ins", "Occasional check-ins"
        OPEN_DOOR = "open_door", "Open door"
        NONE = "none", "No further contact"

    class CheckIn(models.TextChoices):
        NONE = "none", "No check-ins"
        MONTHLY = "monthly", "Monthly"
        QUARTERLY = "quarterly", "Every three months"
        TWICE_A_YEAR = "twice_a_year", "Twice a year"
        YEARLY = "yearly", "Once a year"

    relationship = models.OneToOneField(
        Relationship, on_delete=models.CASCADE, related_name="redefinition"
    )
    relation = models.CharField(max_length=30, choices=Relation.choices)
    check_in_frequency = models.CharField(
        max_length=20, choices=CheckIn.choices, default=CheckIn.NONE
    )
    expectations = models.TextField(blank=True, max_length=TEXT_LIMIT)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name_plural = "redefinition terms"

    def __str__(self) -> str:
        return f"New terms of {self.relationship}"


CHECK_IN_DAYS: dict[str, int] = {
    RedefinitionTerms.CheckIn.MONTHLY: 30,
    RedefinitionTerms.CheckIn.QUARTERLY: 91,
    RedefinitionTerms.CheckIn.TWICE_A_YEAR: 182,
    RedefinitionTerms.CheckIn.YEARLY: 365,
}


class Acknowledgment(models.Model):
    """The mentee's thank-you; public on the mentor's profile once the mentor agrees."""

    relationship = models.OneToOneField(
        Relationship, on_delete=models.CASCADE, related_name="acknowledgment"
    )
    text = models.TextField(max_length=THANKS_LIMIT)
    created_at = models.DateTimeField(default=timezone.now)
    made_public_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Acknowledgment {self.pk}"

    @property
    def is_public(self) -> bool:
        return self.made_public_at is not None


class HealthSignal(models.Model):
    """A nudge, alert or flag the health check sent; its key makes the check idempotent."""

    class Kind(models.TextChoices):
        NUDGE = "nudge", "Nudge to both"
        MANAGER_ALERT = "manager_alert", "Alert to the managers"
        INITIATION_OVERDUE = "initiation_overdue", "Initiation held too long"
        SEPARATION_UNANSWERED = "separation_unanswered", "Separation proposal unanswered"
        CHECK_IN = "check_in", "Check-in reminder"

    relationship = models.ForeignKey(
        Relationship, on_delete=models.CASCADE, related_name="health_signals"
    )
    kind = models.CharField(max_length=30, choices=Kind.choices)
    key = models.CharField(max_length=80, help_text="What this signal is about (a period).")
    sent_at = models.DateTimeField(default=timezone.now)
    recipients = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["-sent_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["relationship", "kind", "key"], name="one_health_signal_per_period"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} for {self.relationship_id} ({self.key})"
