"""Another person's profile, for those who share a program with them or manage one they are in."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from mentora.accounts.http import AuthenticatedHttpRequest
from mentora.programs.models import Enrollment
from mentora.programs.selectors import get_profile_for_user, programs_visible_to


@login_required
def profile_detail(request: AuthenticatedHttpRequest, profile_id: int) -> HttpResponse:
    profile = get_profile_for_user(user=request.user, profile_id=profile_id)
    enrollments = (
        Enrollment.objects.filter(
            user=profile.user,
            status=Enrollment.Status.ACTIVE,
            # Only the programs the viewer may see: a profile never reveals other programs.
            program__in=programs_visible_to(user=request.user),
        )
        .select_related("program", "mentor_offer", "mentee_needs")
        .prefetch_related("mentor_offer__skills", "mentee_needs__skills")
    )
    return render(
        request,
        "programs/profile.html",
        {
            "profile": profile,
            "enrollments": enrollments,
            "is_self": profile.user_id == request.user.pk,
        },
    )
