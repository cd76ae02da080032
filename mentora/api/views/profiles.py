"""Profiles (one's own and those one may see), self-identification, and the skills taxonomy."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from mentora.accounts.models import User
from mentora.api.selectors import get_organisation_for_user
from mentora.api.serializers.profiles import (
    DemographicsSerializer,
    MyProfileSerializer,
    ProfileSerializer,
    ProfileUpdateSerializer,
    SkillSerializer,
)
from mentora.lib.api import ApiView, ListApiView
from mentora.profiles.models import DemographicIdentity, Profile, Skill
from mentora.profiles.selectors import (
    get_profile_for_user,
    profiles_visible_to,
    skills_for_organisation,
)
from mentora.profiles.services import demographics_update, profile_update

NO_PROFILE_YET = "You have no profile yet: PATCH /api/profiles/me/ with at least a display_name."


class ProfileListView(ListApiView[Profile]):
    serializer_class = ProfileSerializer

    def get_queryset(self) -> QuerySet[Profile]:
        if self.describing_schema:
            return Profile.objects.none()
        return profiles_visible_to(user=self.user).order_by("display_name", "pk")

    @extend_schema(
        summary="Profiles you may see: yours, your programs' participants, your counterparts"
    )
    def get(self, request: Request) -> Response:
        return self.list(request)


class _ProfileWriteMixin(ApiView[Profile]):
    def update_profile(self, *, owner: User, request: Request) -> Profile:
        """Validate the request and save it through `profile_update`, which refuses anyone but
        the owner (403)."""
        if owner.pk != self.user.pk:
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


class MyProfileView(_ProfileWriteMixin):
    serializer_class = MyProfileSerializer

    @extend_schema(summary="Your own profile")
    def get(self, request: Request) -> Response:
        profile = Profile.objects.filter(user=self.user).select_related("user", "manager").first()
        if profile is None:
            raise Http404(NO_PROFILE_YET)
        return Response(self.output(profile, MyProfileSerializer))

    @extend_schema(
        summary="Create or change your own profile",
        request=ProfileUpdateSerializer,
        responses={200: MyProfileSerializer},
    )
    def patch(self, request: Request) -> Response:
        profile = self.update_profile(owner=self.user, request=request)
        return Response(self.output(profile, MyProfileSerializer))


class ProfileDetailView(_ProfileWriteMixin):
    serializer_class = ProfileSerializer

    @extend_schema(summary="A profile you may see (never with demographic self-identification)")
    def get(self, request: Request, profile_id: int) -> Response:
        profile = get_profile_for_user(user=self.user, profile_id=profile_id)
        return Response(self.output(profile, ProfileSerializer))

    @extend_schema(
        summary="Change a profile: only your own (403 for another's you can see)",
        request=ProfileUpdateSerializer,
        responses={200: MyProfileSerializer},
    )
    def patch(self, request: Request, profile_id: int) -> Response:
        profile = get_profile_for_user(user=self.user, profile_id=profile_id)
        profile = self.update_profile(owner=profile.user, request=request)
        return Response(self.output(profile, MyProfileSerializer))


class MyDemographicsView(ApiView[DemographicIdentity]):
    """Only ever the signed-in person's own: there is no id in the path."""

    serializer_class = DemographicsSerializer

    @extend_schema(summary="Your optional self-identification (only you see it)")
    def get(self, request: Request) -> Response:
        identity = DemographicIdentity.objects.filter(
            user=self.user
        ).first() or DemographicIdentity(user=self.user)
        return Response(self.output(identity, DemographicsSerializer))

    @extend_schema(
        summary="Save your optional self-identification",
        request=DemographicsSerializer,
        responses={200: DemographicsSerializer},
    )
    def put(self, request: Request) -> Response:
        data = DemographicsSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        identity = demographics_update(user=self.user, **data.validated_data)
        return Response(self.output(identity, DemographicsSerializer))


class SkillFilters(serializers.Serializer[Skill]):
    q = serializers.CharField(
        required=False, max_length=100, help_text="Part of a skill's name or synonym."
    )
    organisation = serializers.IntegerField(
        required=False, min_value=1, help_text="Include the skills this organisation added."
    )


class SkillListView(ListApiView[Skill]):
    serializer_class = SkillSerializer

    def get_queryset(self) -> QuerySet[Skill]:
        if self.describing_schema:
            return Skill.objects.none()
        filters = self.query_filters(SkillFilters)
        organisation = None
        if "organisation" in filters:
            organisation = get_organisation_for_user(
                user=self.user, organisation_id=filters["organisation"]
            )
        skills = skills_for_organisation(organisation=organisation)
        query = filters.get("q", "").strip()
        if query:
            skills = skills.filter(Q(name__icontains=query) | Q(synonyms__icontains=query))
        return skills.order_by("category__name", "name", "pk")

    @extend_schema(
        summary="The skills taxonomy, with categories and synonyms", parameters=[SkillFilters]
    )
    def get(self, request: Request) -> Response:
        return self.list(request)
