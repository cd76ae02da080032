"""Publishing a draft: all pairs or none, once, and never past a mentor's capacity."""

from __future__ import annotations

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from mentora.accounts.models import User
from mentora.matching import services
from mentora.matching.models import MatchRun, Pin
from mentora.notifications.models import Notification
from mentora.programs.models import Organisation, Program
from mentora.programs.services import organisation_manager_add
from mentora.relationships.models import Relationship, Stage
from mentora.relationships.services import relationship_create
from mentora.testing.matching import add_mentee, add_mentor, draft, populate


@pytest.mark.django_db
def test_publishing_creates_every_relationship_and_freezes_the_run(
    program: Program, manager: User
) -> None:
    populate(program, mentors=2, mentees=3)
    run = services.match_run_start(program=program, started_by=manager)
    published = services.match_run_publish(run=run, published_by=manager)
    assert published.status == MatchRun.Status.PUBLISHED
    assert published.frozen
    assert published.published_by == manager
    relationships = Relationship.objects.filter(program=program)
    assert relationships.count() == 3
    assert {r.origin for r in relationships} == {Relationship.Origin.MATCH_RUN}
    assert {r.stage for r in relationships} == {Stage.INITIATION}
    # relationship_create tells both people.
    assert Notification.objects.filter(recipient__email__startswith="mentee").count() >= 3


@pytest.mark.django_db
def test_publishing_may_wait_for_the_mentors_acceptance(
    program: Program, manager: User, mentor: User, mentee: User
) -> None:
    program.publish_needs_acceptance = True
    program.save()
    run = services.match_run_start(program=program, started_by=manager)
    services.match_run_publish(run=run, published_by=manager)
    assert Relationship.objects.get().stage == Stage.PENDING_ACCEPTANCE


@pytest.mark.django_db
def test_publishing_twice_creates_nothing_more(program: Program, manager: User) -> None:
    populate(program, mentors=2, mentees=2)
    run = services.match_run_start(program=program, started_by=manager)
    services.match_run_publish(run=run, published_by=manager)
    again = services.match_run_publish(run=run, published_by=manager)
    assert again.status == MatchRun.Status.PUBLISHED
    assert Relationship.objects.count() == 2


@pytest.mark.django_db
def test_publishing_is_all_or_nothing_and_names_the_pair(program: Program, manager: User) -> None:
    full = add_mentor(program, "full@example.org", capacity=1)
    free = add_mentor(program, "free@example.org", capacity=2)
    first, second, third = (add_mentee(program, f"m{i}@example.org") for i in range(3))
    run = draft(program, manager, [(free, first), (full, second)])
    # The full mentor takes someone else before the manager publishes.
    relationship_create(
        program=program, mentor=full, mentee=third, created_by=manager, origin="manager_pair"
    )
    with pytest.raises(ValidationError) as caught:
        services.match_run_publish(run=run, published_by=manager)
    assert "Cannot pair Full with M1" in caught.value.messages[0]
    assert "Nothing was published" in caught.value.messages[0]
    assert Relationship.objects.count() == 1
    run.refresh_from_db()
    assert run.status == MatchRun.Status.DRAFT
    assert not run.frozen


@pytest.mark.django_db
def test_a_forbidden_pair_blocks_publishing(
    program: Program, manager: User, mentor: User, mentee: User
) -> None:
    run = services.match_run_start(program=program, started_by=manager)
    services.match_pin_set(
        program=program, mentee=mentee, mentor=mentor, kind=Pin.Kind.FORBID, set_by=manager
    )
    with pytest.raises(ValidationError, match="forbidden"):
        services.match_run_publish(run=run, published_by=manager)
    assert not Relationship.objects.exists()


@pytest.mark.django_db
def test_a_published_run_is_read_only(
    program: Program, manager: User, mentor: User, mentee: User
) -> None:
    run = services.match_run_start(program=program, started_by=manager)
    services.match_run_publish(run=run, published_by=manager)
    proposal = run.proposals.get()
    with pytest.raises(ValidationError, match="only a draft"):
        services.proposal_move(proposal=proposal, mentor=mentor, moved_by=manager)


@pytest.mark.django_db(transaction=True)
def test_two_managers_publishing_at_once_cannot_overfill_a_mentor(
    program: Program, manager: User, organisation: Organisation
) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL (CI runs this with DATABASE_URL)")

    colleague = add_mentee(program, "colleague@example.org")  # any account will do
    organisation_manager_add(organisation=organisation, user=colleague, added_by=manager)
    mentor = add_mentor(program, "only-one@example.org", capacity=1)
    first = add_mentee(program, "first@example.org")
    second = add_mentee(program, "second@example.org")
    runs = [
        draft(program, manager, [(mentor, first)]),
        draft(program, colleague, [(mentor, second)]),
    ]
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def publish(run: MatchRun, by: User) -> None:
        try:
            barrier.wait()
            services.match_run_publish(run=run, published_by=by)
            outcomes.append("published")
        except ValidationError as error:
            outcomes.append(error.messages[0])
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=publish, args=(runs[0], manager)),
        threading.Thread(target=publish, args=(runs[1], colleague)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes)[-1] == "published"
    assert outcomes.count("published") == 1
    assert Relationship.objects.filter(mentor=mentor).exclude(stage=Stage.ENDED).count() == 1
    assert sorted(MatchRun.objects.values_list("status", flat=True)) == ["draft", "published"]
