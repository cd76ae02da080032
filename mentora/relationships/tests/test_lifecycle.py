"""Issue 10, finding 1: the mutual steps cannot be skipped through any door.

Cultivation needs both confirmations of an agreement with goals; separation needs the other
side's confirmation of a proposal (or a manager's decision once the notice period passed);
redefinition needs new terms. Each gated move is tried through every door that exists: the
writer itself, the pages, `/advance/` of the REST API, the admin, and the daily health check.
"""

from __future__ import annotations

import datetime
import json

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from mentora.accounts.models import User
from mentora.lib.lifecycle import SYSTEM
from mentora.programs.models import Program
from mentora.relationships.access import MANAGER, MENTEE, MENTOR
from mentora.relationships.health import relationships_health_check
from mentora.relationships.lifecycle import (
    AGREEMENT_CONFIRM,
    LIFECYCLE,
    REDEFINITION_SET,
    SEPARATION_RESOLVE,
)
from mentora.relationships.models import (
    DEFAULT_SEPARATION_NOTICE_DAYS,
    Relationship,
    RelationshipEvent,
    SeparationProposal,
    Stage,
)
from mentora.relationships.services import (
    agreement_confirm,
    agreement_save,
    redefinition_set,
    relationship_advance,
    separation_confirm,
    separation_propose,
)
from mentora.testing.relationships import pair, walk_to

pytestmark = pytest.mark.django_db

GATED = [
    (Stage.INITIATION, Stage.CULTIVATION),
    (Stage.CULTIVATION, Stage.SEPARATION),
    (Stage.SEPARATION, Stage.REDEFINITION),
]


def _in(relationship: Relationship, stage: str) -> Relationship:
    return walk_to(relationship, stage) if stage != Stage.INITIATION else relationship


def _stage(relationship: Relationship) -> str:
    relationship.refresh_from_db()
    return relationship.stage


def api(user: User) -> APIClient:
    client = APIClient()
    client.force_login(user)
    return client


def page(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


# -- The table -------------------------------------------------------------------------------


def test_the_mutual_moves_are_gated_and_the_rest_are_plain() -> None:
    gated = {(move.source, move.target): move.action for move in LIFECYCLE.moves if move.action}
    assert gated == {
        (Stage.INITIATION, Stage.CULTIVATION): AGREEMENT_CONFIRM,
        (Stage.CULTIVATION, Stage.SEPARATION): SEPARATION_RESOLVE,
        (Stage.SEPARATION, Stage.REDEFINITION): REDEFINITION_SET,
    }
    for move in LIFECYCLE.moves:
        if move.target == Stage.ENDED:
            assert move.by == {MENTOR, MENTEE, MANAGER, SYSTEM}


def test_only_the_plain_moves_are_offered_to_each_role(relationship: Relationship) -> None:
    def offered(roles: set[str]) -> set[str]:
        return {move.target for move in LIFECYCLE.available(relationship, roles=roles)}

    assert offered({MENTEE}) == {Stage.ENDED}
    assert offered({MANAGER}) == {Stage.ENDED}
    walk_to(relationship, Stage.CULTIVATION)
    assert offered({MENTOR}) == offered({MENTEE}) == {Stage.INITIATION, Stage.ENDED}
    assert offered({MANAGER}) == {Stage.ENDED}
    assert offered(set()) == set()


# -- The writer ------------------------------------------------------------------------------


@pytest.mark.parametrize(("source", "target"), GATED)
@pytest.mark.parametrize("who", ["mentor", "mentee", "manager", "system"])
def test_the_writer_refuses_a_gated_move_asked_for_outside_its_action(
    relationship: Relationship, manager: User, source: str, target: str, who: str
) -> None:
    relationship = _in(relationship, source)
    actor = {
        "mentor": relationship.mentor,
        "mentee": relationship.mentee,
        "manager": manager,
        "system": None,
    }[who]
    with pytest.raises((ValidationError, PermissionDenied)):
        relationship_advance(relationship=relationship, to_stage=target, by=actor)
    assert _stage(relationship) == source


def test_cultivation_needs_goals_and_both_confirmations_even_with_the_action(
    relationship: Relationship, mentor: User, mentee: User
) -> None:
    for_cultivation = {"to_stage": Stage.CULTIVATION, "action": AGREEMENT_CONFIRM}
    with pytest.raises(ValidationError, match="goals"):
        relationship_advance(relationship=relationship, by=mentee, **for_cultivation)
    agreement_save(relationship=relationship, by=mentee, goals="Lead a team")
    agreement_confirm(relationship=relationship, by=mentee)
    with pytest.raises(ValidationError, match="Both people confirm"):
        relationship_advance(relationship=relationship, by=mentee, **for_cultivation)
    assert _stage(relationship) == Stage.INITIATION
    agreement_confirm(relationship=relationship, by=mentor)
    assert _stage(relationship) == Stage.CULTIVATION


def test_a_changed_agreement_must_be_confirmed_again_before_cultivation(
    relationship: Relationship, mentor: User, mentee: User
) -> None:
    agreement_save(relationship=relationship, by=mentee, goals="Lead a team")
    agreement_confirm(relationship=relationship, by=mentee)
    agreement_save(relationship=relationship, by=mentor, goals="Lead a bigger team")
    agreement_confirm(relationship=relationship, by=mentor)
    assert _stage(relationship) == Stage.INITIATION
    agreement_confirm(relationship=relationship, by=mentee)
    assert _stage(relationship) == Stage.CULTIVATION


def test_separation_needs_a_confirmed_proposal_even_with_the_action(
    cultivating: Relationship, mentor: User, mentee: User, manager: User
) -> None:
    for_separation = {"to_stage": Stage.SEPARATION, "action": SEPARATION_RESOLVE}
    for actor in (mentor, mentee, manager):
        with pytest.raises(ValidationError, match="mutual"):
            relationship_advance(relationship=cultivating, by=actor, **for_separation)
    proposal = separation_propose(relationship=cultivating, by=mentee, reflection="Ready")
    for actor in (mentor, mentee, manager):
        with pytest.raises(ValidationError, match="mutual"):
            relationship_advance(relationship=cultivating, by=actor, **for_separation)
    # The proposer "resolving" their own proposal is no agreement of the other side.
    SeparationProposal.objects.filter(pk=proposal.pk).update(
        status=SeparationProposal.Status.CONFIRMED, resolved_by=mentee, resolved_at=timezone.now()
    )
    with pytest.raises(ValidationError, match="mutual"):
        relationship_advance(relationship=cultivating, by=mentee, **for_separation)
    assert _stage(cultivating) == Stage.CULTIVATION


def test_a_decision_before_the_notice_period_is_no_separation(
    cultivating: Relationship, mentee: User, manager: User
) -> None:
    proposal = separation_propose(relationship=cultivating, by=mentee, reflection="Ready")
    SeparationProposal.objects.filter(pk=proposal.pk).update(
        status=SeparationProposal.Status.DECIDED, resolved_by=manager, resolved_at=timezone.now()
    )
    with pytest.raises(ValidationError, match="mutual"):
        relationship_advance(
            relationship=cultivating,
            to_stage=Stage.SEPARATION,
            by=manager,
            action=SEPARATION_RESOLVE,
        )
    assert _stage(cultivating) == Stage.CULTIVATION


def test_redefinition_needs_new_terms_even_with_the_action(
    relationship: Relationship, mentee: User
) -> None:
    walk_to(relationship, Stage.SEPARATION)
    with pytest.raises(ValidationError, match="new terms"):
        relationship_advance(
            relationship=relationship,
            to_stage=Stage.REDEFINITION,
            by=mentee,
            action=REDEFINITION_SET,
        )
    redefinition_set(relationship=relationship, by=mentee, relation="peers")
    assert _stage(relationship) == Stage.REDEFINITION


def test_each_move_is_one_event_with_who_and_the_action_s_note(
    relationship: Relationship, mentor: User, mentee: User
) -> None:
    walk_to(relationship, Stage.REDEFINITION)
    moves = list(
        RelationshipEvent.objects.filter(relationship=relationship).values_list(
            "from_stage", "to_stage", "actor"
        )
    )
    assert moves == [
        ("", Stage.INITIATION, relationship.created_by_id),
        (Stage.INITIATION, Stage.CULTIVATION, mentor.pk),
        (Stage.CULTIVATION, Stage.SEPARATION, mentor.pk),
        (Stage.SEPARATION, Stage.REDEFINITION, mentee.pk),
    ]


def test_only_the_mentor_accepts_and_going_back_is_for_the_two_people(
    program: Program, manager: User, mentor: User, mentee: User
) -> None:
    waiting = pair(program, mentor=mentor, mentee=mentee, by=manager, needs_acceptance=True)
    for actor in (mentee, manager):
        with pytest.raises(PermissionDenied):
            relationship_advance(relationship=waiting, to_stage=Stage.INITIATION, by=actor)
    relationship_advance(relationship=waiting, to_stage=Stage.INITIATION, by=mentor)
    walk_to(waiting, Stage.CULTIVATION)
    with pytest.raises(PermissionDenied):
        relationship_advance(relationship=waiting, to_stage=Stage.INITIATION, by=manager)
    assert _stage(waiting) == Stage.CULTIVATION


# -- The REST API ----------------------------------------------------------------------------


@pytest.mark.parametrize(("source", "target"), GATED)
@pytest.mark.parametrize("who", ["mentor", "mentee", "manager"])
def test_advance_in_the_api_reaches_no_gated_move(
    relationship: Relationship, manager: User, source: str, target: str, who: str
) -> None:
    relationship = _in(relationship, source)
    actor = {"mentor": relationship.mentor, "mentee": relationship.mentee, "manager": manager}[who]
    for body in (
        {"to_stage": target},
        {"to_stage": target, "note": "Let us move on", "action": "agreement_confirm"},
        {"to_stage": target, "action": SEPARATION_RESOLVE},
        {"to_stage": target, "action": REDEFINITION_SET},
    ):
        response = api(actor).post(
            f"/api/relationships/{relationship.pk}/advance/", body, format="json"
        )
        assert response.status_code in {400, 403}, response.content
        assert "to_stage" in response.json() or "detail" in response.json()
    assert _stage(relationship) == source


def test_the_api_offers_only_the_moves_the_person_may_make(
    cultivating: Relationship, mentee: User, manager: User
) -> None:
    url = f"/api/relationships/{cultivating.pk}/"
    mine = api(mentee).get(url).json()["moves"]
    assert mine == [
        {"to_stage": Stage.INITIATION, "reason_required": False},
        {"to_stage": Stage.ENDED, "reason_required": True},
    ]
    assert api(manager).get(url).json()["moves"] == [
        {"to_stage": Stage.ENDED, "reason_required": True}
    ]


def test_a_manager_cannot_send_a_pair_back_to_initiation_through_the_api(
    cultivating: Relationship, manager: User
) -> None:
    response = api(manager).post(
        f"/api/relationships/{cultivating.pk}/advance/", {"to_stage": "initiation"}, format="json"
    )
    assert response.status_code == 403
    assert _stage(cultivating) == Stage.CULTIVATION


def test_the_gated_moves_happen_through_their_own_endpoints(
    relationship: Relationship, mentor: User, mentee: User
) -> None:
    r = f"/api/relationships/{relationship.pk}/"
    assert api(mentee).post(r + "agreement/confirm/").status_code == 400  # no goals yet
    api(mentee).put(r + "agreement/", {"goals": "Lead"}, format="json")
    api(mentee).post(r + "agreement/confirm/")
    assert _stage(relationship) == Stage.INITIATION
    api(mentor).post(r + "agreement/confirm/")
    assert _stage(relationship) == Stage.CULTIVATION
    proposal = api(mentor).post(r + "separation/", {"reflection": "Done"}, format="json").json()
    confirm = f"{r}separation/{proposal['id']}/confirm/"
    assert api(mentor).post(confirm).status_code == 400  # the proposer cannot confirm
    assert _stage(relationship) == Stage.CULTIVATION
    assert api(mentee).post(confirm).status_code == 200
    assert _stage(relationship) == Stage.SEPARATION
    api(mentee).put(r + "redefinition/", {"relation": "peers"}, format="json")
    assert _stage(relationship) == Stage.REDEFINITION


def test_a_manager_decides_through_the_api_only_after_the_notice_period(
    cultivating: Relationship, mentee: User, manager: User
) -> None:
    proposal = separation_propose(relationship=cultivating, by=mentee, reflection="Ready")
    decide = f"/api/relationships/{cultivating.pk}/separation/{proposal.pk}/decide/"
    early = api(manager).post(decide, {"separate": True}, format="json")
    assert early.status_code == 400
    assert "days to answer" in json.dumps(early.json())
    assert api(mentee).post(decide, {"separate": True}, format="json").status_code == 403
    assert _stage(cultivating) == Stage.CULTIVATION
    later = timezone.now() + datetime.timedelta(days=DEFAULT_SEPARATION_NOTICE_DAYS, hours=1)
    with time_machine.travel(later, tick=False):
        decided = api(manager).post(decide, {"separate": True}, format="json")
    assert decided.status_code == 200
    assert decided.json()["stage"] == Stage.SEPARATION


# -- The pages -------------------------------------------------------------------------------


def test_one_confirmation_on_the_page_is_not_cultivation(
    relationship: Relationship, mentor: User, mentee: User
) -> None:
    confirm = reverse("relationships:agreement_confirm", args=[relationship.pk])
    page(mentee).post(confirm)  # no goals: refused with a message
    assert _stage(relationship) == Stage.INITIATION
    agreement_save(relationship=relationship, by=mentee, goals="Lead")
    page(mentee).post(confirm)
    page(mentee).post(confirm)
    assert _stage(relationship) == Stage.INITIATION
    page(mentor).post(confirm)
    assert _stage(relationship) == Stage.CULTIVATION


def test_the_proposer_confirming_on_the_page_is_not_separation(
    cultivating: Relationship, mentor: User, mentee: User, manager: User
) -> None:
    proposal = separation_propose(relationship=cultivating, by=mentee, reflection="Ready")
    answer = reverse("relationships:separation_answer", args=[cultivating.pk, proposal.pk])
    page(mentee).post(answer, {"action": "confirm"})
    assert page(manager).post(answer, {"action": "confirm"}).status_code == 404
    decide = reverse("relationships:separation_decide", args=[cultivating.pk, proposal.pk])
    page(manager).post(decide, {"separate": "1"})  # too early: refused with a message
    assert page(mentor).post(decide, {"separate": "1"}).status_code == 403
    assert _stage(cultivating) == Stage.CULTIVATION
    page(mentor).post(answer, {"action": "confirm"})
    assert _stage(cultivating) == Stage.SEPARATION


def test_the_pages_show_only_the_moves_the_person_may_make(
    cultivating: Relationship, mentor: User, manager: User
) -> None:
    url = reverse("relationships:detail", args=[cultivating.pk])
    back = reverse("relationships:back", args=[cultivating.pk])
    end = reverse("relationships:end", args=[cultivating.pk])
    theirs = page(mentor).get(url).content.decode()
    assert back in theirs
    assert end in theirs
    managers = page(manager).get(url).content.decode()
    assert back not in managers
    assert end in managers
    assert page(manager).post(back).status_code == 404
    assert _stage(cultivating) == Stage.CULTIVATION


def test_the_accept_button_is_the_mentor_s_alone(
    program: Program, manager: User, mentor: User, mentee: User
) -> None:
    waiting = pair(program, mentor=mentor, mentee=mentee, by=manager, needs_acceptance=True)
    url = reverse("relationships:detail", args=[waiting.pk])
    accept = reverse("relationships:accept", args=[waiting.pk])
    assert accept in page(mentor).get(url).content.decode()
    assert accept not in page(mentee).get(url).content.decode()
    assert page(mentee).post(accept).status_code == 403
    assert _stage(waiting) == Stage.PENDING_ACCEPTANCE
    page(mentor).post(accept)
    assert _stage(waiting) == Stage.INITIATION


# -- The admin and the daily health check ----------------------------------------------------


def test_the_admin_cannot_change_the_stage(relationship: Relationship) -> None:
    staff = User.objects.create_superuser(email="root@example.org", password="x")
    url = reverse("admin:relationships_relationship_change", args=[relationship.pk])
    response = page(staff).post(
        url,
        {
            "stage": Stage.REDEFINITION,
            "separation_notice_days": "10",
            "events-TOTAL_FORMS": "0",
            "events-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    relationship.refresh_from_db()
    assert relationship.stage == Stage.INITIATION
    assert relationship.separation_notice_days == 10
    assert relationship.events.count() == 1


def test_the_health_check_never_moves_a_stage(cultivating: Relationship, mentee: User) -> None:
    separation_propose(relationship=cultivating, by=mentee, reflection="Ready")
    much_later = timezone.now() + datetime.timedelta(days=400)
    with time_machine.travel(much_later, tick=False):
        sent = relationships_health_check()
        call_command("relationship_health")
    assert sent["separation_unanswered"] == 1
    assert _stage(cultivating) == Stage.CULTIVATION
    assert cultivating.events.count() == 2


def test_the_system_may_end_with_a_reason_but_not_confirm_for_the_two(
    cultivating: Relationship, mentor: User
) -> None:
    proposal = separation_propose(relationship=cultivating, by=mentor, reflection="Ready")
    with pytest.raises(PermissionDenied):
        relationship_advance(
            relationship=cultivating,
            to_stage=Stage.SEPARATION,
            by=None,
            action=SEPARATION_RESOLVE,
        )
    with pytest.raises(ValidationError, match="why"):
        relationship_advance(relationship=cultivating, to_stage=Stage.ENDED, by=None)
    separation_confirm(proposal=proposal, by=cultivating.mentee)
    relationship_advance(
        relationship=cultivating, to_stage=Stage.ENDED, by=None, note="The program closed."
    )
    assert _stage(cultivating) == Stage.ENDED
