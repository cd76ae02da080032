"""Who may do what with a relationship and what the two people share: one permission layer.

A person's roles toward a relationship are `MENTOR` or `MENTEE` (the two people, "the parties")
and `MANAGER` (a manager of its program). The table below says what each role may do. Pages, REST
endpoints, admin actions and templates ask `access_relationship` (or the function for the part
they show: a meeting, a goal, a question, a resource, a separation proposal); services refuse
through `relationship_roles` and the same table, so every door gives the same answer.

Two promises shape the table. What the two people write to each other is theirs: a capability
only the parties have (reading or writing shared content) is invisible to everyone else, who get
404 as if the relationship did not exist, managers included (they see stage, dates and activity
counts through `view`). A private note is its author's alone: `private_note_roles` gives the
author, and only the author, a role toward it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet

from mentora.lib.access import Access, capabilities
from mentora.lib.wording import MENTEE, MENTOR
from mentora.programs.access import manages_program
from mentora.relationships.models import (
    Goal,
    Meeting,
    PrivateNote,
    Question,
    Relationship,
    Resource,
    SeparationProposal,
)
from mentora.relationships.selectors import relationships_with_people

if TYPE_CHECKING:
    from mentora.accounts.models import User

__all__ = [
    "AUTHOR",
    "MANAGER",
    "MENTEE",
    "MENTOR",
    "PARTIES",
    "RELATIONSHIP",
    "access_goal",
    "access_meeting",
    "access_proposal",
    "access_question",
    "access_relationship",
    "access_resource",
    "private_note_roles",
    "question_capability",
    "relationship_capabilities",
    "relationship_may",
    "relationship_roles",
    "require_relationship",
]

# The program's managers (their single definition is `programs.access.manages_program`).
MANAGER = "manager"
# The author of a private note.
AUTHOR = "author"
PARTIES = frozenset({MENTOR, MENTEE})

RELATIONSHIP = capabilities(
    "relationship",
    {
        # Stage, dates, activity counts and the timeline without its notes.
        "view": {MENTOR, MENTEE, MANAGER},
        # Read and write what the two share: agreement, meetings, goals, questions, lessons,
        # resources, separation proposals, reflections, new terms and the thank-you.
        "work": {MENTOR, MENTEE},
        # Decide a separation proposal the other side left unanswered past the notice period.
        "manage": {MANAGER},
        # Getting acquainted: the mentee writes their career goals and why this mentor.
        "write_acquaintance": {MENTEE},
        # The thank-you: the mentee writes it, the mentor decides whether it is public.
        "thank": {MENTEE},
        "publish_thanks": {MENTOR},
        # Mentoring: the mentee brings the questions, both talk in the thread.
        "ask_mentoring": {MENTEE},
        "reply_mentoring": {MENTOR, MENTEE},
        # Coaching: the coach leads, asking the questions and recording the coachee's answers.
        "ask_coaching": {MENTOR},
        "reply_coaching": {MENTOR},
    },
    {
        "view": "Only the two people and the program's managers can open this relationship.",
        "work": "Only the two people of this relationship can do this.",
        "manage": "Only the program's managers can do this.",
        "write_acquaintance": "Only the mentee writes their career goals and why this mentor.",
        "thank": "Only the mentee writes the thank-you.",
        "publish_thanks": "Only the person thanked decides whether it is public.",
        "ask_mentoring": "In mentoring the mentee brings the questions.",
        "reply_mentoring": "Only the two people answer in a question's thread.",
        "ask_coaching": "In coaching the coach asks the questions.",
        "reply_coaching": "In coaching the coach records the coachee's answers.",
    },
)


def relationship_roles(
    *, relationship: Relationship, user: User | AnonymousUser | None
) -> frozenset[str]:
    """The person's roles toward the relationship (empty for anyone else, anonymous included)."""
    if user is None or isinstance(user, AnonymousUser) or not user.is_authenticated:
        return frozenset()
    roles: set[str] = set()
    if relationship.mentor_id == user.pk:
        roles.add(MENTOR)
    if relationship.mentee_id == user.pk:
        roles.add(MENTEE)
    if manages_program(user=user, program=relationship.program):
        roles.add(MANAGER)
    return frozenset(roles)


def private_note_roles(*, note: PrivateNote, user: User | AnonymousUser | None) -> frozenset[str]:
    """The author's role toward their own private note; nobody else has any (not the other
    person, not a manager, not staff). The only read, `selectors.private_note_for`, filters on
    the author, and the only write, `private_note_save`, writes the author's own note."""
    if user is None or isinstance(user, AnonymousUser) or note.author_id != user.pk:
        return frozenset()
    return frozenset({AUTHOR})


def question_capability(relationship: Relationship, verb: str) -> str:
    """The capability to `ask` or `reply` in this kind of relationship (coaching or mentoring)."""
    if verb not in {"ask", "reply"}:
        raise ValueError(f"{verb!r} is not ask or reply.")
    return f"{verb}_{'coaching' if relationship.is_coaching else 'mentoring'}"


def relationship_may(relationship: Relationship, roles: frozenset[str], capability: str) -> bool:
    """Whether the roles have the capability (`ask` and `reply` follow the relationship's kind)."""
    if capability in {"ask", "reply"}:
        capability = question_capability(relationship, capability)
    return RELATIONSHIP.allows(roles, capability)


def relationship_capabilities(
    relationship: Relationship, roles: frozenset[str]
) -> Mapping[str, bool]:
    """Every capability as a yes or no, for templates: {% if can.ask %}, {% if can.thank %}…"""
    names = [*RELATIONSHIP.rules, "ask", "reply"]
    return {name: relationship_may(relationship, roles, name) for name in names}


def require_relationship(
    *, relationship: Relationship, user: User | None, to: str
) -> frozenset[str]:
    """The person's roles when they have the capability; PermissionDenied (the table's refusal)
    otherwise. Services refuse through this, whichever door called them."""
    roles = relationship_roles(relationship=relationship, user=user)
    name = question_capability(relationship, to) if to in {"ask", "reply"} else to
    if not RELATIONSHIP.allows(roles, name):
        raise PermissionDenied(
            RELATIONSHIP.refusals.get(name, "You may not do this with this relationship.")
        )
    return roles


def _visible_roles(roles: frozenset[str], to: str) -> frozenset[str]:
    """What only the two people may do is invisible to everyone else: no role at all (404)."""
    if RELATIONSHIP.roles_for(to) <= PARTIES and not roles & PARTIES:
        return frozenset()
    return roles


def access_relationship(
    *, user: User | AnonymousUser | None, relationship_id: int, to: str = "view"
) -> Access[Relationship]:
    """The relationship with the person's roles; 404 for no role (or for content the person
    may not read), 403 for a role without the capability `to`."""
    relationship = relationships_with_people().filter(pk=relationship_id).first()
    roles = (
        relationship_roles(relationship=relationship, user=user)
        if relationship is not None
        else frozenset()
    )
    return RELATIONSHIP.grant(relationship, roles=_visible_roles(roles, to), to=to)


def _access_part[M: Model](
    queryset: QuerySet[M],
    relationship_of: Callable[[M], Relationship],
    *,
    user: User | AnonymousUser | None,
    relationship_id: int,
    part_id: int,
    to: str,
) -> Access[M]:
    """One part of a relationship (a meeting, a goal…), reached through the relationship."""
    part = (
        queryset.select_related(
            "relationship__program",
            "relationship__mentor__profile",
            "relationship__mentee__profile",
        )
        .filter(pk=part_id, relationship_id=relationship_id)
        .first()
    )
    roles: frozenset[str] = frozenset()
    if part is not None:
        roles = relationship_roles(relationship=relationship_of(part), user=user)
    return RELATIONSHIP.grant(part, roles=_visible_roles(roles, to), to=to)


def access_meeting(
    *, user: User | AnonymousUser | None, relationship_id: int, meeting_id: int, to: str = "work"
) -> Access[Meeting]:
    """A meeting of the relationship, for the two people."""
    return _access_part(
        Meeting.objects.all(),
        lambda part: part.relationship,
        user=user,
        relationship_id=relationship_id,
        part_id=meeting_id,
        to=to,
    )


def access_goal(
    *, user: User | AnonymousUser | None, relationship_id: int, goal_id: int, to: str = "work"
) -> Access[Goal]:
    """A goal of the relationship, for the two people."""
    return _access_part(
        Goal.objects.select_related("owner"),
        lambda part: part.relationship,
        user=user,
        relationship_id=relationship_id,
        part_id=goal_id,
        to=to,
    )


def access_question(
    *, user: User | AnonymousUser | None, relationship_id: int, question_id: int, to: str = "work"
) -> Access[Question]:
    """A question of the relationship, for the two people."""
    return _access_part(
        Question.objects.select_related("asked_by__profile"),
        lambda part: part.relationship,
        user=user,
        relationship_id=relationship_id,
        part_id=question_id,
        to=to,
    )


def access_resource(
    *, user: User | AnonymousUser | None, relationship_id: int, resource_id: int, to: str = "work"
) -> Access[Resource]:
    """A shared link or file, for the two people (managers see only how many there are)."""
    return _access_part(
        Resource.objects.all(),
        lambda part: part.relationship,
        user=user,
        relationship_id=relationship_id,
        part_id=resource_id,
        to=to,
    )


def access_proposal(
    *, user: User | AnonymousUser | None, relationship_id: int, proposal_id: int, to: str = "work"
) -> Access[SeparationProposal]:
    """A separation proposal: the two people answer it (`work`), a manager decides it once
    unanswered past the notice period (`manage`)."""
    return _access_part(
        SeparationProposal.objects.select_related("proposed_by"),
        lambda part: part.relationship,
        user=user,
        relationship_id=relationship_id,
        part_id=proposal_id,
        to=to,
    )
