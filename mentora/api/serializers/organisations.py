"""Organisations and their program managers."""

from __future__ import annotations

from rest_framework import serializers

from mentora.api.serializers.people import PersonSerializer
from mentora.programs.models import Organisation, OrganisationManager


class OrganisationSerializer(serializers.ModelSerializer[Organisation]):
    manages = serializers.BooleanField(
        read_only=True, default=False, help_text="Whether you are one of its program managers."
    )

    class Meta:
        model = Organisation
        fields = ["id", "name", "slug", "description", "created_at", "manages"]
        read_only_fields = ["id", "slug", "created_at", "manages"]


class OrganisationCreateSerializer(serializers.Serializer[Organisation]):
    name = serializers.CharField(max_length=160)
    description = serializers.CharField(required=False, allow_blank=True, default="")


class OrganisationManagerSerializer(serializers.ModelSerializer[OrganisationManager]):
    user = PersonSerializer(read_only=True)

    class Meta:
        model = OrganisationManager
        fields = ["id", "user", "created_at"]
        read_only_fields = fields


class ManagerInvitationCreateSerializer(serializers.Serializer[OrganisationManager]):
    email = serializers.EmailField(help_text="Who to invite as a program manager.")
