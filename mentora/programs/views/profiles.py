"""Another person's profile and photo, for those who share a program with them or manage one they
are in (`mentora.programs.access.profile_roles`)."""

from __future__ import annotations

from pathlib import PurePath

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render

from mentora.accounts.http import AuthenticatedHttpRequest
from mentora.lib.files import serve_private_file
from mentora.profiles.access import OWNER
from mentora.programs.access import access_profile
from mentora.programs.selectors import profile_enrollments_shown_to


@login_required
def profile_detail(request: AuthenticatedHttpRequest, profile_id: int) -> HttpResponse:
    access = access_profile(user=request.user, profile_id=profile_id)
    profile = access.obj
    return render(
        request,
        "programs/profile.html",
        {
            "profile": profile,
            "enrollments": profile_enrollments_shown_to(profile=profile, viewer=request.user),
            "is_self": access.has(OWNER),
        },
    )


def profile_photo(request: AuthenticatedHttpRequest, profile_id: int) -> HttpResponseBase:
    """A profile's photo, only for those who may see the profile (404 for everyone else,
    anonymous visitors included)."""
    profile = access_profile(user=request.user, profile_id=profile_id).obj
    extension = PurePath(profile.photo.name or "").suffix
    return serve_private_file(profile.photo, download_name=f"photo{extension}", inline=True)
