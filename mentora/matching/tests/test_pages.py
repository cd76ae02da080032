"""The matching pages: settings, runs, progress, review, pins, moves, publishing; managers only."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from mentora.accounts.models import User
from mentora.matching import services
from mentora.matching.models import MatchingSettings, MatchRun, Pin
from mentora.matching.records import weights_from_mapping
from mentora.programs.models import Program
from mentora.relationships.models import Relationship
from mentora.testing import PASSWORD
from mentora.testing.matching import populate

pytestmark = pytest.mark.django_db


def logged_in(user: User) -> Client:
    client = Client()
    assert client.login(email=user.email, password=PASSWORD)
    return client


def weights_post(**overrides: object) -> dict[str, object]:
    data: dict[str, object] = {"mode": "optimal", "top_k": 20}
    data |= {f"weight_{name}": value for name, value in weights_from_mapping({}).as_dict().items()}
    data |= overrides
    return data


def test_the_program_page_links_to_matching(program: Program, manager: User) -> None:
    response = logged_in(manager).get(reverse("programs:manage_program", args=[program.pk]))
    assert reverse("matching:runs", args=[program.pk]) in response.content.decode()


def test_a_manager_saves_weights_and_starts_a_run(program: Program, manager: User) -> None:
    populate(program, mentors=2, mentees=3)
    client = logged_in(manager)
    page = client.get(reverse("matching:runs", args=[program.pk]))
    assert page.status_code == 200
    assert "Factor weights" in page.content.decode()
    response = client.post(
        reverse("matching:runs", args=[program.pk]), weights_post(weight_skills=8, start="1")
    )
    run = MatchRun.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("matching:run", args=[run.pk])
    assert MatchingSettings.objects.get().weights["skills"] == 8
    assert run.weights["skills"] == 8
    detail = client.get(response["Location"]).content.decode()
    assert "Proposed pairs" in detail
    assert "Fairness" in detail
    assert "Mentor load" in detail


def test_bad_weights_are_shown_on_the_form(program: Program, manager: User) -> None:
    response = logged_in(manager).post(
        reverse("matching:runs", args=[program.pk]), weights_post(weight_time="-2", start="1")
    )
    assert response.status_code == 200
    assert "greater than or equal to 0" in response.content.decode()
    assert not MatchRun.objects.exists()


def test_progress_polls_until_done_then_refreshes(program: Program, manager: User) -> None:
    run = MatchRun.objects.create(
        program=program, started_by=manager, status=MatchRun.Status.RUNNING, percent=40
    )
    client = logged_in(manager)
    page = client.get(reverse("matching:run", args=[run.pk])).content.decode()
    assert 'hx-trigger="every 1s"' in page
    assert "40%" in page
    MatchRun.objects.filter(pk=run.pk).update(status=MatchRun.Status.FAILED, error="Boom.")
    done = client.get(reverse("matching:progress", args=[run.pk]), HTTP_HX_REQUEST="true")
    assert done.headers["HX-Refresh"] == "true"
    failed = client.get(reverse("matching:run", args=[run.pk])).content.decode()
    assert "The run failed" in failed
    assert "Boom." in failed
    assert "every 1s" not in failed


def test_weights_preview_on_the_latest_draft(program: Program, manager: User) -> None:
    populate(program, mentors=2, mentees=2)
    services.match_run_start(program=program, started_by=manager)
    response = logged_in(manager).post(
        reverse("matching:preview", args=[program.pk]), weights_post(weight_skills=0)
    )
    assert response.status_code == 200
    assert "Mean score of its 2 pairs" in response.content.decode()


def test_pin_forbid_and_clear_from_the_draft(
    program: Program, manager: User, mentor: User, mentee: User
) -> None:
    run = services.match_run_start(program=program, started_by=manager)
    client = logged_in(manager)
    url = reverse("matching:pin", args=[run.pk])
    pair = {"mentee": mentee.pk, "mentor": mentor.pk}
    client.post(url, pair | {"kind": "pin"})
    assert Pin.objects.get().kind == "pin"
    assert run.proposals.get().pinned
    client.post(url, pair | {"kind": "forbid"})
    assert Pin.objects.get().kind == "forbid"
    page = client.get(reverse("matching:run", args=[run.pk])).content.decode()
    assert "Forbidden: re-run or move" in page
    client.post(url, pair | {"kind": "clear"})
    assert not Pin.objects.exists()


def test_move_page_lists_alternatives_and_moves(program: Program, manager: User) -> None:
    populate(program, mentors=2, mentees=1)
    run = services.match_run_start(program=program, started_by=manager)
    proposal = run.proposals.get()
    client = logged_in(manager)
    page = client.get(reverse("matching:move", args=[proposal.pk])).content.decode()
    other = User.objects.filter(email__startswith="mentor").exclude(pk=proposal.mentor_id).get()
    assert other.display_name in page
    response = client.post(reverse("matching:move", args=[proposal.pk]), {"mentor": other.pk})
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.mentor == other
    assert not Pin.objects.exists()


def test_publish_asks_first_then_publishes(
    program: Program, manager: User, mentor: User, mentee: User
) -> None:
    run = services.match_run_start(program=program, started_by=manager)
    client = logged_in(manager)
    confirm = client.get(reverse("matching:publish", args=[run.pk])).content.decode()
    assert "Publish 1 pair" in confirm
    assert not Relationship.objects.exists()
    client.post(reverse("matching:publish", args=[run.pk]))
    assert Relationship.objects.count() == 1
    page = client.get(reverse("matching:run", args=[run.pk])).content.decode()
    assert "frozen for the record" in page
    assert "Publish this draft" not in page
    assert "Move<" not in page


def test_discard(program: Program, manager: User, mentor: User, mentee: User) -> None:
    run = services.match_run_start(program=program, started_by=manager)
    logged_in(manager).post(reverse("matching:discard", args=[run.pk]))
    run.refresh_from_db()
    assert run.status == MatchRun.Status.DISCARDED


@pytest.mark.parametrize("who", ["outsider", "mentor", "mentee"])
def test_everyone_but_managers_gets_404(
    request: pytest.FixtureRequest,
    program: Program,
    manager: User,
    mentor: User,
    mentee: User,
    who: str,
) -> None:
    run = services.match_run_start(program=program, started_by=manager)
    proposal = run.proposals.get()
    client = logged_in(request.getfixturevalue(who))
    for url in [
        reverse("matching:runs", args=[program.pk]),
        reverse("matching:run", args=[run.pk]),
        reverse("matching:progress", args=[run.pk]),
        reverse("matching:publish", args=[run.pk]),
        reverse("matching:move", args=[proposal.pk]),
    ]:
        assert client.get(url).status_code == 404, url
    for url, data in [
        (reverse("matching:runs", args=[program.pk]), weights_post(start="1")),
        (reverse("matching:preview", args=[program.pk]), weights_post()),
        (reverse("matching:publish", args=[run.pk]), {}),
        (reverse("matching:discard", args=[run.pk]), {}),
        (
            reverse("matching:pin", args=[run.pk]),
            {"mentee": mentee.pk, "mentor": mentor.pk, "kind": "pin"},
        ),
        (reverse("matching:move", args=[proposal.pk]), {"mentor": mentor.pk}),
    ]:
        assert client.post(url, data).status_code == 404, url
    assert MatchRun.objects.count() == 1
    assert not Relationship.objects.exists()
    assert not Pin.objects.exists()


def test_another_organisations_manager_gets_404(
    program: Program, manager: User, mentor: User, mentee: User, other_organisation_program: Program
) -> None:
    run = services.match_run_start(program=program, started_by=manager)
    other = User.objects.get(email="other-manager@example.org")
    assert logged_in(other).get(reverse("matching:run", args=[run.pk])).status_code == 404
