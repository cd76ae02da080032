"""Large drafts are published by the worker: all or nothing, with a live status, and a failure
makes the run a draft again with the reason."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from mentora.accounts.models import User
from mentora.matching import publishing, services
from mentora.matching.models import MatchRun, MatchRunEvent
from mentora.programs.models import Program
from mentora.relationships.models import Relationship
from mentora.relationships.services import relationship_create
from mentora.testing.matching import add_mentee, add_mentor, draft, populate

pytestmark = pytest.mark.django_db


@pytest.fixture
def background(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every draft counts as large (the test backend runs the worker's task at once)."""
    monkeypatch.setattr(publishing, "PUBLISH_IN_BACKGROUND_FROM", 1)


def statuses(run: MatchRun) -> list[str]:
    return list(
        MatchRunEvent.objects.filter(run=run).order_by("pk").values_list("to_status", flat=True)
    )


def test_a_large_draft_goes_through_publishing_to_published(
    background: None, program: Program, manager: User
) -> None:
    populate(program, mentors=2, mentees=3)
    run = services.match_run_start(program=program, started_by=manager)

    services.match_run_publish(run=run, published_by=manager)

    run.refresh_from_db()
    assert run.status == MatchRun.Status.PUBLISHED
    assert run.frozen
    assert run.published_by == manager
    assert statuses(run)[-2:] == [MatchRun.Status.PUBLISHING, MatchRun.Status.PUBLISHED]
    assert Relationship.objects.filter(program=program).count() == 3


def test_a_failed_background_publish_is_a_draft_again_with_the_reason(
    background: None, program: Program, manager: User
) -> None:
    full = add_mentor(program, "full@example.org", capacity=1)
    free = add_mentor(program, "free@example.org", capacity=2)
    first, second, third = (add_mentee(program, f"m{i}@example.org") for i in range(3))
    run = draft(program, manager, [(free, first), (full, second)])
    relationship_create(
        program=program, mentor=full, mentee=third, created_by=manager, origin="manager_pair"
    )

    services.match_run_publish(run=run, published_by=manager)

    run.refresh_from_db()
    assert run.status == MatchRun.Status.DRAFT
    assert not run.frozen
    assert "Cannot pair Full with M1" in run.error
    assert Relationship.objects.count() == 1  # only the one made by hand
    client = Client()
    client.force_login(manager)
    html = client.get(reverse("matching:run", args=[run.pk])).content.decode()
    assert "Publishing did not go through" in html
    assert "Cannot pair Full with M1" in html


def test_while_publishing_the_page_polls_and_publishing_again_waits(
    program: Program, manager: User, mentor: User, mentee: User
) -> None:
    run = services.match_run_start(program=program, started_by=manager)
    MatchRun.objects.filter(pk=run.pk).update(status=MatchRun.Status.PUBLISHING)
    MatchRunEvent.objects.create(run=run, from_status="draft", to_status="publishing")
    client = Client()
    client.force_login(manager)

    html = client.get(reverse("matching:run", args=[run.pk])).content.decode()

    assert 'hx-trigger="every 1s"' in html
    assert "Publishing" in html
    again = services.match_run_publish(run=run, published_by=manager)
    assert again.status == MatchRun.Status.PUBLISHING
    assert not Relationship.objects.exists()
    with pytest.raises(Exception, match="being published"):
        services.match_run_start(program=program, started_by=manager)


def test_a_publish_whose_worker_died_is_a_draft_again_at_the_next_run(
    program: Program, manager: User, mentor: User, mentee: User
) -> None:
    run = services.match_run_start(program=program, started_by=manager)
    MatchRun.objects.filter(pk=run.pk).update(status=MatchRun.Status.PUBLISHING)
    MatchRunEvent.objects.create(
        run=run,
        from_status="draft",
        to_status="publishing",
        created_at=timezone.now() - datetime.timedelta(hours=2),
    )

    services.match_run_start(program=program, started_by=manager)

    run.refresh_from_db()
    assert run.status == MatchRun.Status.DRAFT
    assert "stopped while publishing" in run.error
