"""Profile pages that need no organisation rule: one's self-identification and one's own photo.
Editing one's profile (whose manager must share an organisation or a program with the person)
and another person's profile page are programs pages (`mentora.programs.views.profiles`)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.views.decorators.http import require_safe

from mentora.accounts.http import AuthenticatedHttpRequest
from mentora.lib.files import serve_private_file
from mentora.profiles.forms import DemographicsForm
from mentora.profiles.models import DemographicIdentity, Profile
from mentora.profiles.services import demographics_update


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


@require_safe
@login_required
def my_photo(request: AuthenticatedHttpRequest) -> HttpResponseBase:
    """The signed-in person's own photo (others see it through the profile page they may see)."""
    profile = Profile.objects.filter(user=request.user).first()
    if profile is None or not profile.photo:
        raise Http404("You have no photo.")
    return serve_private_file(profile.photo, download_name="photo", inline=True)
