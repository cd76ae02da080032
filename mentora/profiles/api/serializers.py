"""Profiles, one's own self-identification, and the skills taxonomy.

Demographic self-identification has its own serializer and endpoint: no profile serializer has
a field for it, so it cannot leak into another person's view of a profile.
"""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from mentora.profiles.choices import (
    GENDERS,
    INDUSTRIES,
    JOB_FUNCTIONS,
    LANGUAGES,
    MeetingFormat,
    Seniority,
)
from mentora.profiles.models import DemographicIdentity, Profile, Skill

PUBLIC_PROFILE_FIELDS = [
    "id",
    "display_name",
    "pronouns",
    "headline",
    "bio",
    "photo",
    "organisation",
    "department",
    "job_title",
    "job_function",
    "industry",
    "years_experience",
    "seniority",
    "location",
    "timezone",
    "languages",
    "profile_url",
    "meeting_formats",
]


def _languages() -> serializers.ListField:
    return serializers.ListField(
        child=serializers.ChoiceField(choices=LANGUAGES), help_text="ISO 639-1 codes."
    )


def _meeting_formats() -> serializers.ListField:
    return serializers.ListField(child=serializers.ChoiceField(choices=MeetingFormat.choices))


class ProfileSerializer(serializers.ModelSerializer[Profile]):
    """A profile as others who may see it see it: no email, no manager, no demographics."""

    languages = _languages()
    meeting_formats = _meeting_formats()
    # Declared rather than generated: DRF drops `allow_blank` from a generated read-only field,
    # and the schema would then promise a value that a profile left empty does not have.
    job_function = serializers.ChoiceField(choices=JOB_FUNCTIONS, allow_blank=True, read_only=True)
    industry = serializers.ChoiceField(choices=INDUSTRIES, allow_blank=True, read_only=True)
    seniority = serializers.ChoiceField(choices=Seniority.choices, allow_blank=True, read_only=True)
    profile_url = serializers.CharField(
        read_only=True, help_text="A link to a public profile page, or empty."
    )

    class Meta:
        model = Profile
        fields = [*PUBLIC_PROFILE_FIELDS, "updated_at"]
        read_only_fields = fields


class MyProfileSerializer(ProfileSerializer):
    """One's own profile, with one's email and manager."""

    email = serializers.EmailField(source="user.email", read_only=True)
    manager_email = serializers.SerializerMethodField()

    class Meta(ProfileSerializer.Meta):
        fields = [*ProfileSerializer.Meta.fields, "email", "manager_email"]
        read_only_fields = fields

    @extend_schema_field(serializers.EmailField(allow_null=True))
    def get_manager_email(self, profile: Profile) -> str | None:
        return profile.manager.email if profile.manager else None


class ProfileUpdateSerializer(serializers.ModelSerializer[Profile]):
    """What a person may change in their own profile."""

    languages = _languages()
    meeting_formats = _meeting_formats()
    manager_email = serializers.EmailField(
        required=False,
        allow_blank=True,
        allow_null=True,
        help_text=(
            "Your line manager's Mentora email: someone who shares an organisation or a program "
            "with you. Matching never pairs you with them."
        ),
    )

    class Meta:
        model = Profile
        fields = [f for f in PUBLIC_PROFILE_FIELDS if f != "id"] + ["manager_email"]


class DemographicsSerializer(serializers.ModelSerializer[DemographicIdentity]):
    """Optional self-identification: only ever shown to the person and in aggregate reports."""

    gender = serializers.ChoiceField(choices=GENDERS, required=False)

    class Meta:
        model = DemographicIdentity
        fields = ["gender", "ethnicity", "nationality", "updated_at"]
        read_only_fields = ["updated_at"]
        # Empty until the person first saves their self-identification.
        extra_kwargs = {"updated_at": {"allow_null": True}}


class SkillSerializer(serializers.ModelSerializer[Skill]):
    category = serializers.CharField(source="category.name", read_only=True)
    synonyms = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta:
        model = Skill
        fields = ["id", "name", "category", "synonyms", "organisation"]
        read_only_fields = fields
