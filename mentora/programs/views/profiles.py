"""Profile pages that know the organisation's rules: another person's profile and photo, for
those who share a program with them or manage one they are in (`access.profile_roles`), and
editing one's own profile, whose manager must share an organisation or a program with them.
Self-identification and one's own photo are the profiles app's pages (`mentora.profiles.views`)."""

from __future__ import annotations

from pathlib import PurePath

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.views.decorators.http import require_safe

from mentora.accounts.http import AuthenticatedHttpRequest
from mentora.lib.files import serve_private_file
from mentora.lib.forms import attach_errors
from mentora.profiles.access import OWNER
from mentora.profiles.forms import ProfileForm
from mentora.profiles.models import Profile
from mentora.programs.access import access_profile
from mentora.programs.selectors import profile_enrollments_shown_to
from mentora.programs.services import profile_save


@login_required
def profile_edit(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The signed-in person edits their own profile (never anyone else's: there is no id here)."""
    user = request.user
    profile = Profile.objects.filter(user=user).select_related("manager").first()
    initial = {"manager_email": profile.manager.email if profile and profile.manager else ""}
    form = ProfileForm(
        request.POST or None, request.FILES or None, instance=profile, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            profile_save(user=user, editor=user, **form.cleaned_data)
        except ValidationError as error:
            attach_errors(error, form)
        else:
            messages.success(request, "Your profile is saved.")
            return redirect("profiles:edit")
    return render(
        request,
        "profiles/profile_edit.html",
        {"nav_section": "profile", "form": form, "profile": profile},
    )


@require_safe
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


@require_safe
def profile_photo(request: AuthenticatedHttpRequest, profile_id: int) -> HttpResponseBase:
    """A profile's photo, only for those who may see the profile (404 for everyone else,
    anonymous visitors included)."""
    profile = access_profile(user=request.user, profile_id=profile_id).obj
    extension = PurePath(profile.photo.name or "").suffix
    return serve_private_file(profile.photo, download_name=f"photo{extension}", inline=True)
