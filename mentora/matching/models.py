"""Match runs: per-program matching settings, runs with their draft proposals, and pins."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from mentora.engine.records import FACTOR_NAMES, Weights
from mentora.programs.models import Program

# Longest texts the matching app stores: why a run failed (or did not publish), why a mentee is
# unmatched, and the note on a run's event.
ERROR_MAX = 2000
REASON_MAX = 1000
NOTE_MAX = 1000

MODE_CHOICES = [
    ("optimal", "Optimal (highest total score)"),
    ("stable", "Stable (no blocking pairs)"),
]


def default_weights() -> dict[str, float]:
    """The engine's default weight for every factor."""
    return Weights().as_dict()


class MatchingSettings(models.Model):
    """What a program's manager last chose for match runs: factor weights, mode and top-k."""

    program = models.OneToOneField(
        Program, on_delete=models.CASCADE, related_name="matching_settings"
    )
    weights = models.JSONField(
        default=default_weights, help_text=f"Weight per factor: {', '.join(FACTOR_NAMES)}."
    )
    mode = models.CharField(max_length=10, choices=MODE_CHOICES, default="optimal")
    top_k = models.PositiveSmallIntegerField(default=50)
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name_plural = "matching settings"
        constraints = [
            models.CheckConstraint(
                condition=Q(top_k__gte=1) & Q(top_k__lte=500), name="matching_settings_top_k_range"
            )
        ]

    def __str__(self) -> str:
        return f"Matching settings of {self.program}"


class MatchRun(models.Model):
    """One run of the engine over a program: queued, running, then a draft to review and publish.

    Its status changes only through `mentora.matching.lifecycle.match_run_move` (the table of
    moves is `RUN_LIFECYCLE` there).
    """

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Running"
        FAILED = "failed", "Failed"
        DRAFT = "draft", "Draft"
        PUBLISHING = "publishing", "Publishing"
        PUBLISHED = "published", "Published"
        DISCARDED = "discarded", "Discarded"

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="match_runs")
    mode = models.CharField(max_length=10, choices=MODE_CHOICES, default="optimal")
    top_k = models.PositiveSmallIntegerField(default=50)
    weights = models.JSONField(default=default_weights)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.QUEUED)
    stage = models.CharField(max_length=40, blank=True, help_text="What the run is doing now.")
    percent = models.PositiveSmallIntegerField(default=0)
    error = models.TextField(blank=True, max_length=ERROR_MAX)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    heartbeat_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When the worker working on the run last showed it is alive (empty while it "
        "waits for a worker).",
    )
    metrics = models.JSONField(default=dict, blank=True)
    previous = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The draft this run is compared with.",
    )
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    published_at = models.DateTimeField(null=True, blank=True)
    frozen = models.BooleanField(default=False, help_text="Published runs are kept for audit.")

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(percent__lte=100), name="match_run_percent_at_most_100"
            ),
            models.CheckConstraint(
                condition=~Q(status="published") | Q(frozen=True, published_at__isnull=False),
                name="match_run_published_is_frozen",
            ),
        ]

    def __str__(self) -> str:
        return f"Match run {self.pk} of {self.program} ({self.status})"

    @property
    def is_finished(self) -> bool:
        return self.status not in {self.Status.QUEUED, self.Status.RUNNING, self.Status.PUBLISHING}

    @property
    def is_reviewable(self) -> bool:
        return self.status == self.Status.DRAFT


class Proposal(models.Model):
    """One proposed pair of a draft, with the engine's score and reasons."""

    run = models.ForeignKey(MatchRun, on_delete=models.CASCADE, related_name="proposals")
    mentee = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    mentor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    score = models.FloatField()
    rank = models.PositiveIntegerField(default=1, help_text="1: the mentee's best candidate.")
    pinned = models.BooleanField(default=False)
    moved = models.BooleanField(default=False, help_text="A manager moved this mentee here.")
    reasons = models.JSONField(default=list, blank=True)
    factors = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["run", "-score", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["run", "mentee", "mentor"], name="one_proposal_per_pair"
            )
        ]

    def __str__(self) -> str:
        return f"{self.mentor} for {self.mentee} ({self.score:.1f})"


class UnmatchedMentee(models.Model):
    """A mentee of a draft with fewer mentors than wanted, and why."""

    run = models.ForeignKey(MatchRun, on_delete=models.CASCADE, related_name="unmatched")
    mentee = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    wanted = models.PositiveSmallIntegerField(default=1)
    matched = models.PositiveSmallIntegerField(default=0)
    code = models.CharField(max_length=40)
    reason = models.TextField(max_length=REASON_MAX)

    class Meta:
        ordering = ["run", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["run", "mentee"], name="one_unmatched_row_per_mentee")
        ]

    def __str__(self) -> str:
        return f"{self.mentee}: {self.reason}"


class Pin(models.Model):
    """A manager's rule for a pair in a program's match runs: always pair them, or never."""

    class Kind(models.TextChoices):
        PIN = "pin", "Pinned: always pair"
        FORBID = "forbid", "Forbidden: never pair"

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="match_pins")
    mentee = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    mentor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["program", "-created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["program", "mentee", "mentor"], name="one_pin_per_pair"
            ),
            models.CheckConstraint(condition=~Q(mentor=models.F("mentee")), name="pin_two_people"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.mentor} and {self.mentee}"


class MatchRunEvent(models.Model):
    """One move of a match run's lifecycle: who, when, from and to which status."""

    run = models.ForeignKey(MatchRun, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(max_length=12, choices=MatchRun.Status.choices, blank=True)
    to_status = models.CharField(max_length=12, choices=MatchRun.Status.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    note = models.TextField(blank=True, max_length=NOTE_MAX)

    class Meta:
        ordering = ["run", "created_at", "pk"]

    def __str__(self) -> str:
        return f"Run {self.run_id}: {self.from_status or 'new'} → {self.to_status}"
