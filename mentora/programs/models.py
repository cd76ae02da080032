from __future__ import annotations

import datetime
import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from mentora.lib.wording import role_word
from mentora.profiles.choices import Cadence


class Organisation(models.Model):
    """A company, university, professional network or non-profit that runs programs.

    It is a wall: who is inside (its members) is known only inside it, and nobody is enrolled
    in its programs without accepting (see `mentora.programs.access`)."""

    name = models.CharField(max_length=160, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    description = models.TextField(max_length=2000, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    # Created by site staff, or asked for by someone and approved by a staff member (the
    # operator's ORGANISATION_CREATION setting). Until then its managers can set nothing up.
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_approved(self) -> bool:
        return self.approved_at is not None


class OrganisationMembership(models.Model):
    """A person who belongs to an organisation, explicitly: one of its program managers, or
    someone who accepted one of its invitations (or whom site staff added).

    People whose verified email address is in one of the organisation's verified domains are
    members too, without a row (see `mentora.programs.access.is_member`); single sign-on and
    provisioning will add rows of their own sources later.
    """

    class Source(models.TextChoices):
        MANAGER = "manager", "Program manager"
        INVITATION = "invitation", "Accepted an invitation"
        STAFF = "staff", "Added by site staff"

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="organisation_memberships",
    )
    source = models.CharField(max_length=20, choices=Source.choices)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["organisation", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "user"], name="one_membership_per_user")
        ]

    def __str__(self) -> str:
        return f"{self.user} belongs to {self.organisation}"


class OrganisationDomain(models.Model):
    """An email domain of an organisation. Once site staff have verified that the organisation
    controls it, everyone with a verified address there is a member, and an import enrolls the
    domain's addresses directly (everyone else is invited)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="domains")
    domain = models.CharField(max_length=253, unique=True, help_text="For example acme.example.")
    verified_at = models.DateTimeField(null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["domain"]

    def __str__(self) -> str:
        return self.domain

    @property
    def is_verified(self) -> bool:
        return self.verified_at is not None


class OrganisationManager(models.Model):
    """A program manager of an organisation: manages every program the organisation runs."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="managers"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="managed_organisations"
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "user"], name="one_manager_row_per_user"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} manages {self.organisation}"


class Program(models.Model):
    class Kind(models.TextChoices):
        MENTORING = "mentoring", "Mentoring"
        COACHING = "coaching", "Coaching"

    class Format(models.TextChoices):
        ONE_TO_ONE = "one_to_one", "One-to-one"
        # Group mentoring is planned; the format field keeps room for it.

    class MatchingMode(models.TextChoices):
        MANAGER = "manager", "Manager-run matching"
        SELF_SERVICE = "self_service", "Self-service (mentees choose)"
        BOTH = "both", "Manager-run and self-service"

    class State(models.TextChoices):
        DRAFT = "draft", "Draft"
        OPEN = "open", "Open for enrollment"
        MATCHING = "matching", "Matching"
        RUNNING = "running", "Running"
        CLOSED = "closed", "Closed"

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="programs"
    )
    name = models.CharField(max_length=160)
    slug = models.SlugField(max_length=80)
    description = models.TextField(max_length=5000, blank=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.MENTORING)
    format = models.CharField(max_length=20, choices=Format.choices, default=Format.ONE_TO_ONE)
    matching_mode = models.CharField(
        max_length=20, choices=MatchingMode.choices, default=MatchingMode.BOTH
    )
    state = models.CharField(max_length=20, choices=State.choices, default=State.DRAFT)
    listed = models.BooleanField(
        default=True,
        help_text="Shown in the directory of open programs; otherwise invitation only.",
    )
    enrollment_opens_at = models.DateTimeField(null=True, blank=True)
    enrollment_closes_at = models.DateTimeField(null=True, blank=True)
    expected_duration_weeks = models.PositiveSmallIntegerField(
        default=26, validators=[MinValueValidator(1), MaxValueValidator(260)]
    )
    meeting_cadence = models.CharField(
        max_length=20, choices=Cadence.choices, default=Cadence.FORTNIGHTLY
    )
    default_mentor_capacity = models.PositiveSmallIntegerField(
        default=2, validators=[MinValueValidator(1), MaxValueValidator(50)]
    )
    max_mentors_per_mentee = models.PositiveSmallIntegerField(
        default=1, validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    same_organisation_only = models.BooleanField(
        default=False, help_text="Pair only participants who work for the same organisation."
    )
    requires_approval = models.BooleanField(
        default=False, help_text="A manager approves each enrollment."
    )
    allow_dual_role = models.BooleanField(
        default=False, help_text="A person may be both mentor and mentee in this program."
    )
    # Matching and requests
    publish_needs_acceptance = models.BooleanField(
        default=False,
        help_text="Pairs published from a match run wait for the mentor to accept them.",
    )
    max_open_requests = models.PositiveSmallIntegerField(
        "open requests per mentee",
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(20)],
        help_text="How many mentors a mentee may have asked at once (self-service).",
    )
    request_expiry_days = models.PositiveSmallIntegerField(
        "days before a request expires",
        default=14,
        validators=[MinValueValidator(2), MaxValueValidator(90)],
        help_text="A request nobody answered expires; a reminder goes out the day before.",
    )
    # Relationship health
    inactivity_days = models.PositiveSmallIntegerField(
        "days without activity before a nudge",
        default=30,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
        help_text="Both are nudged after this many quiet days; the manager is alerted after twice.",
    )
    separation_notice_days = models.PositiveSmallIntegerField(
        "separation notice (days)",
        default=14,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
        help_text="When one side does not answer a separation proposal by then, a manager decides.",
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["organisation__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "slug"], name="program_slug_per_org"),
            models.CheckConstraint(
                condition=Q(enrollment_opens_at__isnull=True)
                | Q(enrollment_closes_at__isnull=True)
                | Q(enrollment_closes_at__gt=models.F("enrollment_opens_at")),
                name="program_enrollment_window_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_coaching(self) -> bool:
        return self.kind == self.Kind.COACHING

    def role_label(self, role: str) -> str:
        """The word this program uses for a role: coach and coachee in a coaching program."""
        try:
            return role_word(role, coaching=self.is_coaching)
        except ValueError:
            return str(role)

    def enrollment_is_open(self, *, now: datetime.datetime | None = None) -> bool:
        """Open for enrollment now: in the open state and inside its enrollment window."""
        moment = now or timezone.now()
        if self.state != self.State.OPEN:
            return False
        if self.enrollment_opens_at and moment < self.enrollment_opens_at:
            return False
        return not (self.enrollment_closes_at and moment >= self.enrollment_closes_at)


class ProgramStateChange(models.Model):
    """One move of a program's lifecycle (see `mentora.programs.lifecycle`)."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="state_changes")
    from_state = models.CharField(max_length=20, choices=Program.State.choices)
    to_state = models.CharField(max_length=20, choices=Program.State.choices)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    changed_at = models.DateTimeField(default=timezone.now)
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["changed_at", "pk"]

    def __str__(self) -> str:
        return f"{self.program}: {self.from_state} → {self.to_state}"


class Question(models.Model):
    """One question of a program's enrollment questionnaire."""

    class Kind(models.TextChoices):
        SINGLE_CHOICE = "single_choice", "Single choice"
        MULTIPLE_CHOICE = "multiple_choice", "Multiple choice"
        SCALE = "scale", "Scale of 1 to 5"
        SHORT_TEXT = "short_text", "Short text"
        LONG_TEXT = "long_text", "Long text"

    class Audience(models.TextChoices):
        MENTORS = "mentors", "Mentors"
        MENTEES = "mentees", "Mentees"
        BOTH = "both", "Both"

    class MatchingRule(models.TextChoices):
        MUST_MATCH = "must_match", "Must match"
        SHOULD_MATCH = "should_match", "Should match"
        SHOULD_DIFFER = "should_differ", "Should differ"
        IGNORE = "ignore", "Not used in matching"

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField(default=0)
    text = models.CharField(max_length=300)
    help_text = models.CharField(max_length=300, blank=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    choices = models.JSONField(default=list, blank=True)
    required = models.BooleanField(default=False)
    audience = models.CharField(max_length=10, choices=Audience.choices, default=Audience.BOTH)
    matching_rule = models.CharField(
        max_length=20, choices=MatchingRule.choices, default=MatchingRule.IGNORE
    )
    weight = models.FloatField(
        default=1.0, validators=[MinValueValidator(0.0), MaxValueValidator(10.0)]
    )

    class Meta:
        ordering = ["program", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(weight__gte=0) & Q(weight__lte=10), name="question_weight_range"
            )
        ]

    def __str__(self) -> str:
        return self.text

    @property
    def has_choices(self) -> bool:
        return self.kind in {self.Kind.SINGLE_CHOICE, self.Kind.MULTIPLE_CHOICE}

    def applies_to(self, role: str) -> bool:
        if self.audience == self.Audience.BOTH:
            return True
        return (self.audience == self.Audience.MENTORS) == (role == Enrollment.Role.MENTOR)


class Enrollment(models.Model):
    """A person's place in a program, in one role."""

    class Role(models.TextChoices):
        MENTOR = "mentor", "Mentor"
        MENTEE = "mentee", "Mentee"

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for approval"
        ACTIVE = "active", "Enrolled"
        DECLINED = "declined", "Declined"
        WITHDRAWN = "withdrawn", "Withdrawn"

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="enrollments")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrollments"
    )
    role = models.CharField(max_length=10, choices=Role.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    status_note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["program", "role", "user__email"]
        constraints = [
            models.UniqueConstraint(
                fields=["program", "user", "role"], name="one_enrollment_per_role"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} as {self.role} in {self.program}"

    @property
    def role_label(self) -> str:
        return self.program.role_label(self.role)


class EnrollmentEvent(models.Model):
    """One move of an enrollment's lifecycle: who, when, from which status to which, and why.

    The first submit moves from "" (not enrolled) to pending or active."""

    enrollment = models.ForeignKey(Enrollment, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(max_length=10, choices=Enrollment.Status.choices, blank=True)
    to_status = models.CharField(max_length=10, choices=Enrollment.Status.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    note = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.enrollment}: {self.from_status or 'new'} → {self.to_status}"


class Answer(models.Model):
    """One enrollment's answer to one question, validated by the question's kind."""

    enrollment = models.ForeignKey(Enrollment, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    value = models.JSONField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["enrollment", "question"], name="one_answer_per_question"
            )
        ]

    def __str__(self) -> str:
        return f"{self.question}: {self.value}"


def new_invitation_token() -> str:
    return secrets.token_urlsafe(24)


class Invitation(models.Model):
    """An email invitation to manage an organisation or to enroll in a program."""

    class Role(models.TextChoices):
        MANAGER = "manager", "Program manager"
        MENTOR = "mentor", "Mentor"
        MENTEE = "mentee", "Mentee"
        ANY = "any", "Mentor or mentee"

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="invitations"
    )
    program = models.ForeignKey(
        Program, on_delete=models.CASCADE, null=True, blank=True, related_name="invitations"
    )
    email = models.EmailField()
    role = models.CharField(max_length=10, choices=Role.choices)
    token = models.CharField(max_length=64, unique=True, default=new_invitation_token)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # What an import carried for this person (profile and mentor or mentee side): it fills the
    # enrollment form they see when they accept, and they can change any of it.
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(role="manager", program__isnull=True)
                | (~Q(role="manager") & Q(program__isnull=False)),
                name="invitation_manager_to_org_participant_to_program",
            )
        ]

    def __str__(self) -> str:
        return f"Invitation of {self.email} as {self.role}"
