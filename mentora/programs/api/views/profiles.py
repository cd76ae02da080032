"""The profiles a person may see (their own, their programs' participants, their counterparts),
and changing one's own, whose manager must share an organisation or a program with one."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response

from mentora.accounts.models import User
from mentora.lib.api import ApiView, ListApiView
from mentora.lib.api_responses import reading, writing
from mentora.profiles.access import OWNER, owner_roles
from mentora.profiles.api.serializers import (
    MyProfileSerializer,
    ProfileSerializer,
    ProfileUpdateSerializer,
)
from mentora.profiles.models import Profile
from mentora.programs.access import access_profile
from mentora.programs.selectors import profiles_visible_to
from mentora.programs.services import profile_save

NO_PROFILE_YET = "You have no profile yet: PATCH /api/profiles/me/ with at least a display_name."


class ProfileWriteMixin(ApiView[Profile]):
    def update_profile(self, *, owner: User, request: Request) -> Profile:
        """Validate the request and save it through `profile_save`, which refuses anyone but the
        owner (403) and a manager who shares nothing with them (400)."""
        if OWNER not in owner_roles(owner=owner, user=self.user):
            # Checked before the body, so that another's profile is refused whatever is sent.
            raise PermissionDenied("You can only edit your own profile.")
        current = Profile.objects.filter(user=owner).first()
        data = ProfileUpdateSerializer(current, data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        fields: dict[str, Any] = dict(data.validated_data)
        if fields.get("manager_email", "") is None:
            fields["manager_email"] = ""
        return profile_save(user=owner, editor=self.user, **fields)


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


class ProfileListView(ListApiView[Profile]):
    serializer_class = ProfileSerializer

    def get_queryset(self) -> QuerySet[Profile]:
        if self.describing_schema:
            return Profile.objects.none()
        return profiles_visible_to(user=self.user).order_by("display_name", "pk")

    @extend_schema(
        summary="Profiles you may see: yours, your programs' participants, your counterparts",
        responses=reading(ProfileSerializer(many=True)),
    )
    def get(self, request: Request) -> Response:
        return self.list(request)


class ProfileDetailView(ProfileWriteMixin):
    serializer_class = ProfileSerializer

    @extend_schema(
        summary="A profile you may see (never with demographic self-identification)",
        responses=reading(ProfileSerializer),
    )
    def get(self, request: Request, profile_id: int) -> Response:
        profile = access_profile(user=self.user, profile_id=profile_id).obj
        return Response(self.output(profile, ProfileSerializer))

    @extend_schema(
        summary="Change a profile: only your own (403 for another's you can see)",
        request=ProfileUpdateSerializer,
        responses=writing(MyProfileSerializer),
    )
    def patch(self, request: Request, profile_id: int) -> Response:
        # Checked before the body: another's profile is refused (403) whatever is sent.
        profile = access_profile(user=self.user, profile_id=profile_id, to="change").obj
        profile = self.update_profile(owner=profile.user, request=request)
        return Response(self.output(profile, MyProfileSerializer))
