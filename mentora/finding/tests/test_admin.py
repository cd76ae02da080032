"""Site staff see requests' lifecycle in the admin, never a mentee's checklist or the words."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import reverse

from mentora.accounts.models import User
from mentora.finding.choosing import consideration_update
from mentora.finding.models import MentorConsideration
from mentora.finding.services import request_create, request_message_add
from mentora.programs.models import Program

pytestmark = pytest.mark.django_db


def test_admin_never_shows_private_words(program: Program, mentor: User, mentee: User) -> None:
    consideration_update(
        program=program, mentee=mentee, mentor=mentor, answers={"time": "no"}, note="Too busy?"
    )
    request = request_create(
        program=program, mentee=mentee, mentor=mentor, message="My private goals"
    )
    request_message_add(request=request, by=mentor, text="A question between us")
    staff = User.objects.create_superuser(email="staff@example.org", password="x")
    client = Client()
    client.force_login(staff)

    assert MentorConsideration not in admin.site._registry
    pages = [
        reverse("admin:finding_mentorrequest_changelist"),
        reverse("admin:finding_mentorrequest_change", args=[request.pk]),
        reverse("admin:finding_requestmessage_changelist"),
        reverse("admin:finding_bookmark_changelist"),
        reverse("admin:finding_requestevent_changelist"),
    ]
    for url in pages:
        html = client.get(url).content.decode()
        for secret in ("Too busy?", "My private goals", "A question between us"):
            assert secret not in html, (url, secret)
