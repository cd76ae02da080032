"""One's own profile and one's own self-identification: there is never another person's id here."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from mentora.accounts.models import User
from mentora.lib.api import ApiView
from mentora.lib.api_responses import reading, writing
from mentora.profiles.access import OWNER, owner_roles
from mentora.profiles.api.serializers import (
    DemographicsSerializer,
    MyProfileSerializer,
    ProfileUpdateSerializer,
)
from mentora.profiles.models import DemographicIdentity, Profile
from mentora.profiles.services import demographics_update, profile_update

NO_PROFILE_YET = "You have no profile yet: PATCH /api/profiles/me/ with at least a display_name."


class ProfileWriteMixin(ApiView[Profile]):
    def update_profile(self, *, owner: User, request: Request) -> Profile:
        """Validate the request and save it through `profile_update`, which refuses anyone but
        the owner (403)."""
        if OWNER not in owner_roles(owner=owner, user=self.user):
            # Checked before the body, so that another's profile is refused whatever is sent.
            raise PermissionDenied("You can only edit your own profile.")
        current = Profile.objects.filter(user=owner).first()
        data = ProfileUpdateSerializer(current, data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        fields: dict[str, Any] = dict(data.validated_data)
        if "manager_email" in fields:
            email = fields.pop("manager_email")
            fields["manager"] = User.objects.filter(email__iexact=email).first() if email else None
            if email and fields["manager"] is None:
                raise serializers.ValidationError(
                    {"manager_email": ["Nobody with that email uses Mentora yet."]}
                )
        return profile_update(user=owner, editor=self.user, **fields)


class MyProfileView(ProfileWriteMixin):
    serializer_class = MyProfileSerializer

    @extend_schema(summary="Your own profile", responses=reading(MyProfileSerializer))
    def get(self, request: Request) -> Response:
        profile = Profile.objects.filter(user=self.user).select_related("user", "manager").first()
        if profile is None:
            raise Http404(NO_PROFILE_YET)
        return Response(self.output(profile, MyProfileSerializer))

    @extend_schema(
        summary="Create or change your own profile",
        request=ProfileUpdateSerializer,
        responses=writing(MyProfileSerializer, not_found=False),
    )
    def patch(self, request: Request) -> Response:
        profile = self.update_profile(owner=self.user, request=request)
        return Response(self.output(profile, MyProfileSerializer))


class MyDemographicsView(ApiView[DemographicIdentity]):
    """Only ever the signed-in person's own: there is no id in the path."""

    serializer_class = DemographicsSerializer

    @extend_schema(
        summary="Your optional self-identification (only you see it)",
        responses=reading(DemographicsSerializer, not_found=False),
    )
    def get(self, request: Request) -> Response:
        identity = DemographicIdentity.objects.filter(
            user=self.user
        ).first() or DemographicIdentity(user=self.user)
        return Response(self.output(identity, DemographicsSerializer))

    @extend_schema(
        summary="Save your optional self-identification",
        request=DemographicsSerializer,
        responses=writing(DemographicsSerializer, not_found=False),
    )
    def put(self, request: Request) -> Response:
        data = self.input(DemographicsSerializer)
        identity = demographics_update(user=self.user, **data)
        return Response(self.output(identity, DemographicsSerializer))
