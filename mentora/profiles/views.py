"""Profile pages: editing one's own profile and self-identification. Another person's profile page
is a programs page (who may see whom is a programs rule)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render

from mentora.accounts.http import AuthenticatedHttpRequest
from mentora.accounts.models import User
from mentora.lib.files import serve_private_file
from mentora.lib.forms import attach_errors
from mentora.profiles.forms import DemographicsForm, ProfileForm
from mentora.profiles.models import DemographicIdentity, Profile
from mentora.profiles.services import demographics_update, profile_update


@login_required
def profile_edit(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The signed-in person edits their own profile (never anyone else's: there is no id here)."""
    user = request.user
    profile = Profile.objects.filter(user=user).first()
    initial = {"manager_email": profile.manager.email if profile and profile.manager else ""}
    form = ProfileForm(
        request.POST or None, request.FILES or None, instance=profile, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        fields = {k: v for k, v in form.cleaned_data.items() if k != "manager_email"}
        manager_email = form.cleaned_data.get("manager_email")
        fields["manager"] = (
            User.objects.filter(email__iexact=manager_email).first() if manager_email else None
        )
        if manager_email and fields["manager"] is None:
            form.add_error("manager_email", "Nobody with that email uses Mentora yet.")
        else:
            try:
                profile_update(user=user, editor=user, **fields)
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


@login_required
def demographics_edit(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Optional self-identification: shown to the person and only counted in aggregate reports."""
    identity = DemographicIdentity.objects.filter(user=request.user).first()
    initial = (
        {
            "gender": identity.gender,
            "ethnicity": identity.ethnicity,
            "nationality": identity.nationality,
        }
        if identity
        else {}
    )
    for key in ("ethnicity", "nationality"):
        if initial.get(key) == "prefer_not_to_say":
            initial[key] = ""
    form = DemographicsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        demographics_update(user=request.user, **form.cleaned_data)
        messages.success(request, "Your self-identification is saved.")
        return redirect("profiles:demographics")
    return render(request, "profiles/demographics.html", {"nav_section": "profile", "form": form})


@login_required
def my_photo(request: AuthenticatedHttpRequest) -> HttpResponseBase:
    """The signed-in person's own photo (others see it through the profile page they may see)."""
    profile = Profile.objects.filter(user=request.user).first()
    if profile is None or not profile.photo:
        raise Http404("You have no photo.")
    return serve_private_file(profile.photo, download_name="photo", inline=True)
