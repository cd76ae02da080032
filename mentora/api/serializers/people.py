"""How a person appears inside other resources (managers, enrollments)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from mentora.accounts.models import User
from mentora.programs.models import Invitation


class PersonSerializer(serializers.Serializer[User]):
    """A person as their managers and themselves see them: name, email and profile id."""

    id = serializers.IntegerField(read_only=True)
    email = serializers.EmailField(read_only=True)
    display_name = serializers.CharField(read_only=True)
    profile = serializers.SerializerMethodField()

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_profile(self, user: User) -> int | None:
        profile = getattr(user, "profile", None)
        return profile.pk if profile is not None else None


class InvitationSerializer(serializers.ModelSerializer[Invitation]):
    """An invitation as its organisation's managers see it (never with its secret token)."""

    class Meta:
        model = Invitation
        fields = ["id", "organisation", "program", "email", "role", "created_at", "accepted_at"]
        read_only_fields = fields
