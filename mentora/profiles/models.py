from __future__ import annotations

import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Lower

from mentora.lib.files import PrivateUploadTo
from mentora.profiles.choices import (
    GENDERS,
    INDUSTRIES,
    JOB_FUNCTIONS,
    PREFER_NOT_TO_SAY,
    Cadence,
    Preference,
    Seniority,
)

PHOTO_MAX_BYTES = 2 * 1024 * 1024


def validate_timezone(value: str) -> None:
    """Accept only IANA timezone names such as Europe/Lisbon."""
    if value not in zoneinfo.available_timezones():
        raise ValidationError(
            f"{value!r} is not an IANA timezone name (for example Europe/Lisbon)."
        )


def validate_photo_size(value: object) -> None:
    size = getattr(value, "size", 0) or 0
    if size > PHOTO_MAX_BYTES:
        raise ValidationError("The photo is larger than 2 MB.")


class SkillCategory(models.Model):
    name = models.CharField(max_length=100, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "skill categories"

    def __str__(self) -> str:
        return self.name


class Skill(models.Model):
    """One entry of the skills taxonomy. Organisation-owned skills extend the shared taxonomy."""

    category = models.ForeignKey(SkillCategory, on_delete=models.PROTECT, related_name="skills")
    name = models.CharField(max_length=100)
    synonyms = models.JSONField(default=list, blank=True)
    organisation = models.ForeignKey(
        "programs.Organisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="skills",
        help_text="Empty for the shared taxonomy; set for a skill an organisation added.",
    )

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                Lower("name"),
                condition=models.Q(organisation__isnull=True),
                name="shared_skill_unique_name",
            ),
            models.UniqueConstraint(
                Lower("name"),
                "organisation",
                condition=models.Q(organisation__isnull=False),
                name="organisation_skill_unique_name",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Profile(models.Model):
    """What a person says about themselves, shared by all their programs."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    display_name = models.CharField(max_length=120)
    pronouns = models.CharField(max_length=40, blank=True)
    headline = models.CharField(max_length=160, blank=True)
    bio = models.TextField(max_length=2000, blank=True)
    # Stored under a random name and served only to those who may see the profile.
    photo = models.ImageField(
        upload_to=PrivateUploadTo("photos"),
        blank=True,
        validators=[
            FileExtensionValidator(["jpg", "jpeg", "png", "webp"]),
            validate_photo_size,
        ],
    )
    organisation = models.CharField("organisation (employer)", max_length=160, blank=True)
    department = models.CharField(max_length=120, blank=True)
    job_title = models.CharField(max_length=120, blank=True)
    job_function = models.CharField(max_length=40, choices=JOB_FUNCTIONS, blank=True)
    industry = models.CharField(max_length=40, choices=INDUSTRIES, blank=True)
    years_experience = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(70)]
    )
    seniority = models.CharField(max_length=20, choices=Seniority.choices, blank=True)
    location = models.CharField(max_length=120, blank=True)
    timezone = models.CharField(max_length=64, default="UTC", validators=[validate_timezone])
    languages = models.JSONField(default=list, blank=True, help_text="ISO 639-1 codes.")
    profile_url = models.URLField(blank=True)
    meeting_formats = models.JSONField(default=list, blank=True)
    manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reports",
        help_text="Matching never pairs a person with their own manager.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["display_name"]

    def __str__(self) -> str:
        return self.display_name


class MentorOffer(models.Model):
    """The mentor (or coach) side of one enrollment: what they can offer and how much time."""

    enrollment = models.OneToOneField(
        "programs.Enrollment", on_delete=models.CASCADE, related_name="mentor_offer"
    )
    skills = models.ManyToManyField(Skill, blank=True, related_name="mentor_offers")
    free_tags = models.JSONField(default=list, blank=True)
    focus_areas = models.JSONField(default=list, blank=True)
    motivation = models.TextField(max_length=5000, blank=True)
    capacity = models.PositiveSmallIntegerField(
        default=2, validators=[MaxValueValidator(50)], help_text="Most mentees at once."
    )
    hours_per_month = models.PositiveSmallIntegerField(
        default=4, validators=[MinValueValidator(0), MaxValueValidator(160)]
    )
    # A paused mentor (on holiday, say) leaves recommendations and match runs until they resume.
    paused_at = models.DateTimeField(null=True, blank=True)
    paused_until = models.DateField(null=True, blank=True)
    pause_note = models.CharField(max_length=200, blank=True)

    def __str__(self) -> str:
        return f"Mentor offer of {self.enrollment}"

    @property
    def is_paused(self) -> bool:
        return self.paused_at is not None


class MenteeNeeds(models.Model):
    """The mentee (or coachee) side of one enrollment: what they want to develop and why."""

    enrollment = models.OneToOneField(
        "programs.Enrollment", on_delete=models.CASCADE, related_name="mentee_needs"
    )
    skills = models.ManyToManyField(Skill, blank=True, related_name="mentee_needs")
    career_goals = models.JSONField(default=list, blank=True)
    why_mentor = models.TextField("why I want a mentor", max_length=5000, blank=True)
    focus_areas = models.JSONField(default=list, blank=True)
    meeting_cadence = models.CharField(
        max_length=20, choices=Cadence.choices, default=Cadence.MONTHLY
    )
    organisation_preference = models.CharField(
        max_length=10, choices=Preference.choices, default=Preference.ANY
    )
    industry_preference = models.CharField(
        max_length=10, choices=Preference.choices, default=Preference.ANY
    )
    job_function_preference = models.CharField(
        max_length=10, choices=Preference.choices, default=Preference.ANY
    )
    people_to_avoid = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+")

    class Meta:
        verbose_name_plural = "mentee needs"

    def __str__(self) -> str:
        return f"Mentee needs of {self.enrollment}"


class DemographicIdentity(models.Model):
    """Optional self-identification, kept apart from the profile.

    Shown to the person themselves and only in aggregate reports; never to other participants
    and never given to the matching engine.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="demographics"
    )
    gender = models.CharField(max_length=40, choices=GENDERS, default=PREFER_NOT_TO_SAY)
    ethnicity = models.CharField(max_length=80, default=PREFER_NOT_TO_SAY, blank=True)
    nationality = models.CharField(max_length=80, default=PREFER_NOT_TO_SAY, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "demographic identities"

    def __str__(self) -> str:
        return f"Self-identification of user {self.user_id}"
