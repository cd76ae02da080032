"""Survey instruments (versioned), per-program schedules, survey assignments and responses.

An Instrument is a questionnaire; its items live in an InstrumentVersion, which is frozen once
anyone has answered it (editing then creates the next version). A Survey is one invitation for one
person to answer one instrument version: for a relationship (at a stage, in a role) on an occasion
(baseline, check-in, closing, follow-up) or sent by a manager. A Response holds the Answers.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from mentora.lib.wording import role_word
from mentora.programs.models import Program
from mentora.relationships.models import Relationship, Stage
from mentora.surveys.scoring import TEXT_MAX


class Audience(models.TextChoices):
    MENTOR = "mentor", "Mentors"
    MENTEE = "mentee", "Mentees"
    BOTH = "both", "Mentors and mentees"


class Anonymity(models.TextChoices):
    # Managers see each person's answers with their name; the other party never does.
    NAMED = "named", "Named: managers see each person's answers"
    # Managers see only aggregates of at least five people; the other party never sees anything.
    CONFIDENTIAL = "confidential", "Confidential: managers see only totals of five or more"


class Occasion(models.TextChoices):
    BASELINE = "baseline", "Baseline"
    CHECK_IN = "check_in", "Check-in"
    CLOSING = "closing", "Closing"
    FOLLOW_UP = "follow_up", "Follow-up"
    CUSTOM = "custom", "Sent by a manager"


def in_program_words(text: str, program: Program) -> str:
    """{mentor}, {mentee} and {relationship} in the program's words (coach, coachee, coaching)."""
    return (
        text.replace("{mentor}", role_word("mentor", coaching=program.is_coaching, capital=False))
        .replace("{mentee}", role_word("mentee", coaching=program.is_coaching, capital=False))
        .replace("{relationship}", program.get_kind_display().lower())
    )


class Instrument(models.Model):
    """A questionnaire: built in (program is empty) or a program's own."""

    key = models.SlugField(max_length=60)
    program = models.ForeignKey(
        Program, on_delete=models.CASCADE, null=True, blank=True, related_name="survey_instruments"
    )
    title = models.CharField(max_length=200)
    # What respondents read before the questions.
    description = models.TextField(blank=True, max_length=2000)
    audience = models.CharField(max_length=10, choices=Audience.choices, default=Audience.BOTH)
    anonymity = models.CharField(
        max_length=20, choices=Anonymity.choices, default=Anonymity.CONFIDENTIAL
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["program_id", "title", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["key"], condition=Q(program__isnull=True), name="builtin_instrument_key"
            ),
            models.UniqueConstraint(
                fields=["program", "key"],
                condition=Q(program__isnull=False),
                name="program_instrument_key",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_builtin(self) -> bool:
        return self.program_id is None

    @property
    def is_confidential(self) -> bool:
        return self.anonymity == Anonymity.CONFIDENTIAL

    def description_for(self, program: Program) -> str:
        return in_program_words(self.description, program)

    def current_version(self) -> InstrumentVersion:
        version = self.versions.order_by("-number").first()
        if version is None:  # every instrument is created with version 1
            raise InstrumentVersion.DoesNotExist(f"{self.key} has no version.")
        return version


class InstrumentVersion(models.Model):
    """The items of an instrument at one point in time; immutable once it has responses."""

    instrument = models.ForeignKey(Instrument, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["instrument_id", "number"]
        constraints = [
            models.UniqueConstraint(fields=["instrument", "number"], name="one_version_number")
        ]

    def __str__(self) -> str:
        return f"{self.instrument} v{self.number}"

    @property
    def is_locked(self) -> bool:
        return Response.objects.filter(survey__version=self).exists()


class Item(models.Model):
    """One question of an instrument version."""

    class Kind(models.TextChoices):
        AGREE_1_5 = "agree_1_5", "Agreement, 1 (strongly disagree) to 5 (strongly agree)"
        SCALE_0_10 = "scale_0_10", "Scale from 0 to 10"
        CHOICE = "choice", "One choice from a list"
        TEXT = "text", "Free text"

    version = models.ForeignKey(InstrumentVersion, on_delete=models.CASCADE, related_name="items")
    key = models.SlugField(max_length=60)
    position = models.PositiveSmallIntegerField(default=0)
    # May name the roles: {mentor} and {mentee} become Mentor/Coach and Mentee/Coachee (lowercase).
    text = models.CharField(max_length=300)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    # For choice items: [[value, label], ...].
    choices = models.JSONField(default=list, blank=True)
    scale = models.SlugField(max_length=60, blank=True, help_text="The scale this item scores.")
    reverse_scored = models.BooleanField(default=False)
    audience = models.CharField(max_length=10, choices=Audience.choices, default=Audience.BOTH)
    required = models.BooleanField(default=True)

    class Meta:
        ordering = ["version_id", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["version", "key"], name="one_item_key_per_version"),
            models.CheckConstraint(
                condition=Q(reverse_scored=False) | Q(kind__in=["agree_1_5", "scale_0_10"]),
                name="only_numeric_items_reverse_scored",
            ),
        ]

    def __str__(self) -> str:
        return self.key

    @property
    def is_numeric(self) -> bool:
        return self.kind in (self.Kind.AGREE_1_5, self.Kind.SCALE_0_10)

    def text_for(self, program: Program) -> str:
        """The item's text with the program's words for the roles."""
        return in_program_words(self.text, program)

    def applies_to(self, role: str) -> bool:
        return self.audience in (Audience.BOTH, role)


class ProgramSurveySchedule(models.Model):
    """When a program's relationships are surveyed. Programs without a row use the defaults."""

    program = models.OneToOneField(
        Program, on_delete=models.CASCADE, related_name="survey_schedule"
    )
    enabled = models.BooleanField(default=True)
    baseline = models.BooleanField("baseline when initiation starts", default=True)
    check_in_days = models.PositiveSmallIntegerField(
        "days between check-ins in cultivation (0: none)",
        default=42,
        validators=[MaxValueValidator(365)],
    )
    closing = models.BooleanField("closing survey at separation", default=True)
    follow_up_days = models.PositiveSmallIntegerField(
        "days into redefinition for the follow-up (0: none)",
        default=91,
        validators=[MaxValueValidator(730)],
    )
    due_days = models.PositiveSmallIntegerField(
        "days to answer before a reminder",
        default=14,
        validators=[MinValueValidator(1), MaxValueValidator(90)],
    )
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    def __str__(self) -> str:
        return f"Survey schedule of {self.program}"


class Survey(models.Model):
    """An invitation for one person to answer one instrument version once."""

    class Role(models.TextChoices):
        MENTOR = "mentor", "Mentor"
        MENTEE = "mentee", "Mentee"

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="surveys")
    instrument = models.ForeignKey(Instrument, on_delete=models.CASCADE, related_name="surveys")
    version = models.ForeignKey(InstrumentVersion, on_delete=models.PROTECT, related_name="surveys")
    respondent = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="surveys"
    )
    role = models.CharField(max_length=10, choices=Role.choices)
    relationship = models.ForeignKey(
        Relationship, on_delete=models.CASCADE, null=True, blank=True, related_name="surveys"
    )
    stage = models.CharField(max_length=20, choices=Stage.choices, blank=True)
    occasion = models.CharField(max_length=20, choices=Occasion.choices)
    # What makes this invitation unique for its person (e.g. "check_in:2026-03-01:2"), so the
    # daily schedule run never creates it twice.
    occasion_key = models.CharField(max_length=80)
    created_at = models.DateTimeField(default=timezone.now)
    due_at = models.DateTimeField()
    reminded_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["instrument", "respondent", "role", "relationship", "occasion_key"],
                condition=Q(relationship__isnull=False),
                name="one_survey_per_relationship_occasion",
            ),
            models.UniqueConstraint(
                fields=["instrument", "respondent", "role", "occasion_key"],
                condition=Q(relationship__isnull=True),
                name="one_survey_per_sending",
            ),
        ]
        indexes = [models.Index(fields=["respondent", "completed_at"])]

    def __str__(self) -> str:
        return f"{self.instrument} for {self.respondent} ({self.occasion_key})"

    @property
    def is_completed(self) -> bool:
        return self.completed_at is not None

    @property
    def is_overdue(self) -> bool:
        return self.completed_at is None and self.due_at < timezone.now()


class Response(models.Model):
    """A person's answers to one survey."""

    survey = models.OneToOneField(Survey, on_delete=models.CASCADE, related_name="response")
    submitted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-submitted_at", "-pk"]

    def __str__(self) -> str:
        return f"Response {self.pk}"


class Answer(models.Model):
    """The answer to one item: a number for scales, a choice value or text otherwise."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="answers")
    number = models.SmallIntegerField(null=True, blank=True)
    text = models.TextField(blank=True, max_length=TEXT_MAX)

    class Meta:
        ordering = ["response_id", "item__position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["response", "item"], name="one_answer_per_item"),
            models.CheckConstraint(
                condition=Q(number__isnull=True) | Q(number__gte=0, number__lte=10),
                name="answer_number_in_range",
            ),
        ]

    def __str__(self) -> str:
        return f"Answer {self.pk}"

    @property
    def value(self) -> int | str | None:
        return self.number if self.number is not None else (self.text or None)
