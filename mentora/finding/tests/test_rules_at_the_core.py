"""Every rule a finding page enforces holds in the service too, so the API gets the same answer;
and bad text (a NUL character, too long) is a 400 naming the field, never a 500."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from mentora.accounts.models import User
from mentora.finding.choosing import bookmark_set, consideration_update
from mentora.finding.models import Bookmark, MentorConsideration, MentorRequest
from mentora.finding.pauses import mentor_pause
from mentora.finding.services import request_create, request_decline
from mentora.profiles.models import MentorOffer
from mentora.programs.models import Program

pytestmark = pytest.mark.django_db
NUL = "\x00"


def api(user: User) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def page(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def stop_self_service(program: Program) -> None:
    program.matching_mode = Program.MatchingMode.MANAGER
    program.save()


def test_bookmarks_are_for_mentees_who_may_choose_through_every_door(
    program: Program, mentor: User, mentee: User, outsider: User
) -> None:
    with pytest.raises(PermissionDenied):
        bookmark_set(program=program, mentee=outsider, mentor=mentor, on=True)
    with pytest.raises(PermissionDenied):
        bookmark_set(program=program, mentee=mentor, mentor=mentor, on=True)
    stop_self_service(program)
    with pytest.raises(PermissionDenied):
        bookmark_set(program=program, mentee=mentee, mentor=mentor, on=True)
    url = f"/api/finding/{program.pk}/bookmarks/"
    assert api(mentee).post(url, {"mentor": mentor.pk}).status_code == 404
    assert (
        page(mentee).post(reverse("finding:bookmark", args=[program.pk, mentor.pk])).status_code
        == 404
    )
    assert not Bookmark.objects.exists()


def test_the_checklist_is_for_mentees_who_may_choose_through_every_door(
    program: Program, mentor: User, mentee: User
) -> None:
    stop_self_service(program)

    with pytest.raises(PermissionDenied):
        consideration_update(program=program, mentee=mentee, mentor=mentor, answers={}, note="x")
    put = api(mentee).put(
        f"/api/finding/{program.pk}/mentors/{mentor.pk}/checklist/", {"note": "x"}, format="json"
    )
    posted = page(mentee).post(
        reverse("finding:checklist", args=[program.pk, mentor.pk]), {"note": "x"}
    )
    assert put.status_code == 404
    assert posted.status_code == 404
    assert not MentorConsideration.objects.exists()


def test_a_closed_programs_mentor_cannot_pause_through_any_door(
    program: Program, mentor: User
) -> None:
    Program.objects.filter(pk=program.pk).update(state=Program.State.CLOSED)
    program.refresh_from_db()

    with pytest.raises(PermissionDenied):
        mentor_pause(program=program, mentor=mentor, note="Away")
    refused = api(mentor).post(f"/api/finding/{program.pk}/availability/pause/", {"note": "Away"})
    paged = page(mentor).post(reverse("finding:pause", args=[program.pk]))
    assert refused.status_code == 404
    assert paged.status_code == 404
    assert not MentorOffer.objects.get(enrollment__user=mentor).is_paused


def test_only_the_mentor_themself_pauses(program: Program, mentor: User, mentee: User) -> None:
    with pytest.raises(PermissionDenied):
        mentor_pause(program=program, mentor=mentee)


@pytest.mark.parametrize(
    ("path", "data", "field"),
    [
        ("/api/mentor-requests/", {"message": f"Hello{NUL}"}, "message"),
        ("decline", {"reason": f"Busy{NUL}"}, "reason"),
        ("messages", {"text": f"Which team?{NUL}"}, "text"),
        ("checklist", {"note": f"Warm{NUL}"}, "note"),
        ("pause", {"note": f"Away{NUL}"}, "note"),
    ],
)
def test_a_nul_character_is_a_400_naming_the_field(
    program: Program, mentor: User, mentee: User, path: str, data: dict[str, str], field: str
) -> None:
    request = request_create(program=program, mentee=mentee, mentor=mentor, message="Hi")
    calls = {
        "/api/mentor-requests/": (
            mentee,
            "post",
            "/api/mentor-requests/",
            {"program": program.pk, "mentor": mentor.pk},
        ),
        "decline": (mentor, "post", f"/api/mentor-requests/{request.pk}/decline/", {}),
        "messages": (mentor, "post", f"/api/mentor-requests/{request.pk}/messages/", {}),
        "checklist": (
            mentee,
            "put",
            f"/api/finding/{program.pk}/mentors/{mentor.pk}/checklist/",
            {},
        ),
        "pause": (mentor, "post", f"/api/finding/{program.pk}/availability/pause/", {}),
    }
    who, method, url, extra = calls[path]

    response = getattr(api(who), method)(url, extra | data, format="json")

    assert response.status_code == 400, response.content
    assert field in response.json()


def test_the_services_refuse_nul_and_overlong_text_whatever_the_door(
    program: Program, mentor: User, mentee: User
) -> None:
    with pytest.raises(ValidationError) as nul:
        request_create(program=program, mentee=mentee, mentor=mentor, message=f"Hi{NUL}")
    assert "NUL" in nul.value.message_dict["message"][0]
    with pytest.raises(ValidationError) as long:
        request_create(program=program, mentee=mentee, mentor=mentor, message="x" * 2001)
    assert "at most 2,000" in long.value.message_dict["message"][0]
    request = request_create(program=program, mentee=mentee, mentor=mentor, message="Hi")
    with pytest.raises(ValidationError) as reason:
        request_decline(request=request, by=mentor, reason="x" * 2001)
    assert "reason" in reason.value.message_dict
    with pytest.raises(ValidationError) as note:
        consideration_update(
            program=program, mentee=mentee, mentor=mentor, answers={}, note="x" * 5001
        )
    assert "note" in note.value.message_dict
    with pytest.raises(ValidationError) as line:
        mentor_pause(program=program, mentor=mentor, note="Away\nand back")
    assert "one line" in line.value.message_dict["note"][0]
    assert MentorRequest.objects.get(pk=request.pk).is_open


def test_overlong_text_through_the_api_is_a_400(
    program: Program, mentor: User, mentee: User
) -> None:
    response = api(mentee).post(
        "/api/mentor-requests/",
        {"program": program.pk, "mentor": mentor.pk, "message": "x" * 2001},
        format="json",
    )
    assert response.status_code == 400
    assert "message" in response.json()
