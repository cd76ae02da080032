"""Enrollments: listing, the detail with both sides, and enrolling with the questionnaire."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from mentora.accounts.models import User
from mentora.api.serializers.people import PersonSerializer
from mentora.profiles.choices import Cadence, FocusArea, Preference
from mentora.profiles.models import MenteeNeeds, MentorOffer, Skill
from mentora.programs.models import Answer, Enrollment

SKILLS_HELP = "Skill names (or synonyms) from the taxonomy; see /api/skills/."


def _skill_names() -> serializers.ListField:
    return serializers.ListField(
        child=serializers.CharField(max_length=100), required=False, help_text=SKILLS_HELP
    )


class EnrollmentSerializer(serializers.ModelSerializer[Enrollment]):
    program_name = serializers.CharField(source="program.name", read_only=True)
    user = PersonSerializer(read_only=True)
    role_label = serializers.CharField(read_only=True)

    class Meta:
        model = Enrollment
        fields = [
            "id",
            "program",
            "program_name",
            "user",
            "role",
            "role_label",
            "status",
            "status_note",
            "created_at",
            "decided_at",
            "withdrawn_at",
        ]
        read_only_fields = fields


class AnswerSerializer(serializers.ModelSerializer[Answer]):
    question_text = serializers.CharField(source="question.text", read_only=True)
    value = serializers.JSONField(read_only=True)

    class Meta:
        model = Answer
        fields = ["question", "question_text", "value"]
        read_only_fields = fields


class MentorOfferSerializer(serializers.ModelSerializer[MentorOffer]):
    skills: serializers.SlugRelatedField[Skill] = serializers.SlugRelatedField(
        slug_field="name", many=True, read_only=True
    )
    free_tags = serializers.ListField(child=serializers.CharField(), read_only=True)
    focus_areas = serializers.ListField(
        child=serializers.ChoiceField(choices=FocusArea.choices), read_only=True
    )

    class Meta:
        model = MentorOffer
        fields = ["skills", "free_tags", "focus_areas", "motivation", "capacity", "hours_per_month"]
        read_only_fields = fields


class MenteeNeedsSerializer(serializers.ModelSerializer[MenteeNeeds]):
    skills: serializers.SlugRelatedField[Skill] = serializers.SlugRelatedField(
        slug_field="name", many=True, read_only=True
    )
    career_goals = serializers.ListField(child=serializers.CharField(), read_only=True)
    focus_areas = serializers.ListField(
        child=serializers.ChoiceField(choices=FocusArea.choices), read_only=True
    )
    people_to_avoid: serializers.SlugRelatedField[User] = serializers.SlugRelatedField(
        slug_field="email", many=True, read_only=True
    )

    class Meta:
        model = MenteeNeeds
        fields = [
            "skills",
            "career_goals",
            "why_mentor",
            "focus_areas",
            "meeting_cadence",
            "organisation_preference",
            "industry_preference",
            "job_function_preference",
            "people_to_avoid",
        ]
        read_only_fields = fields


class EnrollmentDetailSerializer(EnrollmentSerializer):
    """An enrollment with its answers and its mentor or mentee side (owner and managers only)."""

    answers = AnswerSerializer(many=True, read_only=True)
    mentor_offer = MentorOfferSerializer(read_only=True, allow_null=True)
    mentee_needs = MenteeNeedsSerializer(read_only=True, allow_null=True)

    class Meta(EnrollmentSerializer.Meta):
        fields = [*EnrollmentSerializer.Meta.fields, "answers", "mentor_offer", "mentee_needs"]
        read_only_fields = fields


class MentorOfferInputSerializer(serializers.Serializer[MentorOffer]):
    skills = _skill_names()
    free_tags = serializers.ListField(
        child=serializers.CharField(max_length=60), required=False, max_length=20
    )
    focus_areas = serializers.ListField(
        child=serializers.ChoiceField(choices=FocusArea.choices), required=False
    )
    motivation = serializers.CharField(required=False, allow_blank=True, max_length=5000)
    capacity = serializers.IntegerField(
        required=False, min_value=1, max_value=50, help_text="Most mentees at once."
    )
    hours_per_month = serializers.IntegerField(required=False, min_value=0, max_value=160)


class MenteeNeedsInputSerializer(serializers.Serializer[MenteeNeeds]):
    skills = _skill_names()
    career_goals = serializers.ListField(
        child=serializers.CharField(max_length=300), required=False, max_length=10
    )
    why_mentor = serializers.CharField(required=False, allow_blank=True, max_length=5000)
    focus_areas = serializers.ListField(
        child=serializers.ChoiceField(choices=FocusArea.choices), required=False
    )
    meeting_cadence = serializers.ChoiceField(choices=Cadence.choices, required=False)
    organisation_preference = serializers.ChoiceField(choices=Preference.choices, required=False)
    industry_preference = serializers.ChoiceField(choices=Preference.choices, required=False)
    job_function_preference = serializers.ChoiceField(choices=Preference.choices, required=False)
    people_to_avoid = serializers.ListField(
        child=serializers.EmailField(),
        required=False,
        help_text="Email addresses of people you should not be matched with.",
    )


class EnrollSerializer(serializers.Serializer[Enrollment]):
    role = serializers.ChoiceField(choices=Enrollment.Role.choices)
    answers = serializers.DictField(
        child=serializers.JSONField(),
        required=False,
        default=dict,
        help_text=(
            "Answers keyed by question id: a string for single choice and text, a list of "
            "strings for multiple choice, a whole number from 1 to 5 for a scale."
        ),
    )
    mentor_offer = MentorOfferInputSerializer(required=False, help_text="For role mentor.")
    mentee_needs = MenteeNeedsInputSerializer(required=False, help_text="For role mentee.")

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        role = attrs["role"]
        if role == Enrollment.Role.MENTOR and "mentee_needs" in attrs:
            raise serializers.ValidationError({"mentee_needs": "Only mentees send mentee_needs."})
        if role == Enrollment.Role.MENTEE and "mentor_offer" in attrs:
            raise serializers.ValidationError({"mentor_offer": "Only mentors send mentor_offer."})
        return attrs


class EnrollmentAnswersSerializer(serializers.Serializer[Enrollment]):
    answers = serializers.DictField(
        child=serializers.JSONField(),
        help_text=(
            "Every answer, keyed by question id (they replace the earlier ones): a string for "
            "single choice and text, a list of strings for multiple choice, 1 to 5 for a scale."
        ),
    )


class EnrollmentDecisionSerializer(serializers.Serializer[Enrollment]):
    note = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=300, help_text="Optional reason."
    )
