"""The finding API's serializers: what goes in (validated) and what comes out.

Text limits come from the models (and the pause note's from the mentor's offer), so the schema
shows the same limits the services enforce.
"""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from mentora.accounts.models import User
from mentora.finding.models import (
    CHOICE_QUESTIONS,
    MESSAGE_MAX,
    NOTE_MAX,
    Bookmark,
    ChecklistAnswer,
    MentorRequest,
    RequestMessage,
    RequestStatus,
)
from mentora.finding.pauses import PAUSE_NOTE_MAX
from mentora.finding.recommendations import MAX_PER_PAGE, PER_PAGE
from mentora.profiles.choices import INDUSTRIES, JOB_FUNCTIONS, MeetingFormat


class RequestPartySerializer(serializers.Serializer[User]):
    id = serializers.IntegerField(read_only=True)
    display_name = serializers.CharField(read_only=True)


class RecommendationFilters(serializers.Serializer[Any]):
    q = serializers.CharField(required=False, max_length=100, help_text="Name, headline or skill.")
    skill = serializers.IntegerField(required=False, min_value=1, help_text="A skill id.")
    industry = serializers.CharField(required=False, max_length=40)
    job_function = serializers.CharField(required=False, max_length=40)
    language = serializers.CharField(required=False, max_length=12, help_text="ISO 639-1 code.")
    meeting_format = serializers.CharField(
        required=False, max_length=20, help_text="video, phone or in_person."
    )
    all_mentors = serializers.BooleanField(
        required=False, default=False, help_text="Also list mentors with no free place."
    )
    page = serializers.IntegerField(required=False, min_value=1, default=1)
    page_size = serializers.IntegerField(
        required=False, min_value=1, max_value=MAX_PER_PAGE, default=PER_PAGE
    )

    def _known(self, value: str, known: list[str], field: str) -> str:
        if value and value not in known:
            raise serializers.ValidationError(
                f"{value!r} is not a {field}; use one of {', '.join(known)}."
            )
        return value

    def validate_industry(self, value: str) -> str:
        return self._known(value, [k for k, _ in INDUSTRIES], "industry")

    def validate_job_function(self, value: str) -> str:
        return self._known(value, [k for k, _ in JOB_FUNCTIONS], "job function")

    def validate_meeting_format(self, value: str) -> str:
        return self._known(value, list(MeetingFormat.values), "meeting format")


class MentorCardSerializer(serializers.Serializer[Any]):
    mentor_id = serializers.IntegerField()
    name = serializers.CharField()
    headline = serializers.CharField()
    job_title = serializers.CharField()
    organisation = serializers.CharField()
    industry = serializers.CharField()
    job_function = serializers.CharField()
    languages = serializers.ListField(child=serializers.CharField())
    meeting_formats = serializers.ListField(child=serializers.CharField())
    skills = serializers.ListField(child=serializers.CharField())
    hours_per_month = serializers.IntegerField(allow_null=True)
    has_room = serializers.BooleanField(help_text="False when the mentor has no free place.")
    score = serializers.FloatField(help_text="0-100: how well the mentor fits you.")
    reasons = serializers.ListField(child=serializers.CharField())
    bookmarked = serializers.BooleanField()
    requested = serializers.BooleanField(help_text="You have an open request to them.")


class RecommendationPageSerializer(serializers.Serializer[Any]):
    count = serializers.IntegerField(source="total")
    page = serializers.IntegerField()
    pages = serializers.IntegerField()
    wants_more = serializers.BooleanField(
        help_text="False when you already have all the mentors the program allows."
    )
    results = MentorCardSerializer(many=True, source="cards")


class ChoiceFactSerializer(serializers.Serializer[Any]):
    key = serializers.CharField()
    question = serializers.CharField()
    facts = serializers.ListField(child=serializers.CharField())
    details = serializers.CharField()


class MentorProfileSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    display_name = serializers.CharField()
    pronouns = serializers.CharField()
    headline = serializers.CharField()
    bio = serializers.CharField()
    job_title = serializers.CharField()
    organisation = serializers.CharField()
    department = serializers.CharField()
    industry = serializers.CharField()
    job_function = serializers.CharField()
    years_experience = serializers.IntegerField(allow_null=True)
    languages = serializers.ListField(child=serializers.CharField())
    meeting_formats = serializers.ListField(child=serializers.CharField())
    timezone = serializers.CharField()
    skills = serializers.ListField(child=serializers.CharField())
    focus_areas = serializers.ListField(child=serializers.CharField())
    motivation = serializers.CharField()
    hours_per_month = serializers.IntegerField(allow_null=True)
    free_places = serializers.IntegerField()
    paused = serializers.BooleanField()
    paused_until = serializers.DateField(allow_null=True)


class MentorDetailSerializer(serializers.Serializer[Any]):
    mentor = MentorProfileSerializer()
    score = serializers.FloatField(allow_null=True)
    reasons = serializers.ListField(child=serializers.CharField())
    questions = ChoiceFactSerializer(many=True, help_text="The five mentor-choice questions.")
    bookmarked = serializers.BooleanField()
    open_request = serializers.IntegerField(allow_null=True, help_text="Your open request's id.")


def _checklist_field(question: str) -> serializers.CharField:
    # A plain string (the service checks it): five identical choice sets would each become an
    # enum of their own in the schema.
    return serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=10,
        help_text=f"{question} One of: {', '.join(ChecklistAnswer.values)}, or empty.",
    )


class ChecklistSerializer(serializers.Serializer[Any]):
    """Your own private answers (yes, not_sure, no or empty) and note; nobody else sees them."""

    passion = _checklist_field(CHOICE_QUESTIONS[0][1])
    feedback = _checklist_field(CHOICE_QUESTIONS[1][1])
    knowledge = _checklist_field(CHOICE_QUESTIONS[2][1])
    time = _checklist_field(CHOICE_QUESTIONS[3][1])
    proximity = _checklist_field(CHOICE_QUESTIONS[4][1])
    note = serializers.CharField(required=False, allow_blank=True, max_length=NOTE_MAX)
    updated_at = serializers.DateTimeField(read_only=True, allow_null=True)


class BookmarkSerializer(serializers.ModelSerializer[Bookmark]):
    mentor = RequestPartySerializer(read_only=True)

    class Meta:
        model = Bookmark
        fields = ["mentor", "created_at"]
        read_only_fields = fields


class BookmarkCreateSerializer(serializers.Serializer[Any]):
    mentor = serializers.IntegerField(min_value=1, help_text="The mentor's user id.")


class RequestMessageSerializer(serializers.ModelSerializer[RequestMessage]):
    author = RequestPartySerializer(read_only=True)

    class Meta:
        model = RequestMessage
        fields = ["id", "author", "text", "created_at"]
        read_only_fields = ["id", "author", "created_at"]


class MentorRequestSerializer(serializers.ModelSerializer[MentorRequest]):
    mentor = RequestPartySerializer(read_only=True)
    mentee = RequestPartySerializer(read_only=True)
    program = serializers.IntegerField(source="program_id", read_only=True)
    request_status = serializers.CharField(
        source="status", read_only=True, help_text=", ".join(RequestStatus.values)
    )
    request_close_reason = serializers.CharField(
        source="close_reason",
        read_only=True,
        help_text="Why it is closed: accepted, declined, mentor_full, withdrawn, "
        "mentee_at_limit or expired.",
    )
    relationship = serializers.IntegerField(
        source="relationship_id", read_only=True, allow_null=True
    )

    class Meta:
        model = MentorRequest
        fields = [
            "id",
            "program",
            "mentor",
            "mentee",
            "message",
            "request_status",
            "request_close_reason",
            "decline_reason",
            "created_at",
            "expires_at",
            "first_response_at",
            "closed_at",
            "relationship",
        ]
        read_only_fields = fields


class MentorRequestDetailSerializer(MentorRequestSerializer):
    messages = RequestMessageSerializer(many=True, read_only=True)

    class Meta(MentorRequestSerializer.Meta):
        fields = [*MentorRequestSerializer.Meta.fields, "messages"]
        read_only_fields = fields


class RequestCreateSerializer(serializers.Serializer[Any]):
    program = serializers.IntegerField(min_value=1)
    mentor = serializers.IntegerField(min_value=1, help_text="The mentor's user id.")
    message = serializers.CharField(max_length=MESSAGE_MAX, help_text="Your goals, in your words.")


class RequestFilters(serializers.Serializer[Any]):
    role = serializers.ChoiceField(
        choices=[("mentee", "Requests I sent"), ("mentor", "Requests to me")],
        required=False,
        help_text="mentee: requests you sent; mentor: requests to you; both when absent.",
    )
    open = serializers.BooleanField(required=False, allow_null=True, default=None)


class DeclineSerializer(serializers.Serializer[Any]):
    reason = serializers.CharField(
        required=False, allow_blank=True, max_length=MESSAGE_MAX, default=""
    )


class MessageSerializer(serializers.Serializer[Any]):
    text = serializers.CharField(max_length=MESSAGE_MAX)


class AvailabilitySerializer(serializers.Serializer[Any]):
    program = serializers.IntegerField()
    paused = serializers.BooleanField()
    paused_at = serializers.DateTimeField(allow_null=True)
    paused_until = serializers.DateField(allow_null=True)
    pause_note = serializers.CharField()
    free_places = serializers.IntegerField()


class PauseSerializer(serializers.Serializer[Any]):
    until = serializers.DateField(
        required=False, allow_null=True, default=None, help_text="Resume after this day."
    )
    note = serializers.CharField(
        required=False, allow_blank=True, max_length=PAUSE_NOTE_MAX, default=""
    )
