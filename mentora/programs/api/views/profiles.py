"""The profiles a person may see: their own, their programs' participants, their counterparts."""

from __future__ import annotations

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response

from mentora.lib.api import ListApiView
from mentora.lib.api_responses import reading, writing
from mentora.profiles.api.serializers import (
    MyProfileSerializer,
    ProfileSerializer,
    ProfileUpdateSerializer,
)
from mentora.profiles.api.views import ProfileWriteMixin
from mentora.profiles.models import Profile
from mentora.programs.access import access_profile
from mentora.programs.selectors import profiles_visible_to


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
