"""Every door of Mentora: each URL pattern (pages, REST API, admin, allauth) and each operation of
the OpenAPI schema, filled with objects of organisation A and of organisation B.

A URL keyword the `FILL` table does not know raises `Unfillable`, and the authorization matrix
fails naming the door: teach the table the new keyword (which object of a side it names) and, if
the door writes, who may write through it (`writers`).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from typing import Any

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone
from drf_spectacular.generators import SchemaGenerator

from mentora.testing import PASSWORD
from tests.security.world import Side, World

__all__ = [
    "BODIES",
    "PAGE_BODIES",
    "Body",
    "Door",
    "Filled",
    "PageBody",
    "Unfillable",
    "api_operations",
    "doors",
    "fill",
    "fills",
    "page_methods",
    "route_template",
    "writers",
]

SIGNED_IN = frozenset(
    {"mentee", "mentor", "participant", "other_program", "manager_a", "manager_b", "staff"}
)
EVERYONE = SIGNED_IN | {"anonymous"}
PARTIES = frozenset({"mentee", "mentor"})
MANAGER = frozenset({"manager_a"})


class Unfillable(Exception):
    """A door has a URL keyword the matrix does not know how to fill."""


@dataclass(frozen=True)
class Door:
    """One URL pattern: its route as Django writes it, its name and its keywords."""

    route: str
    name: str
    keywords: tuple[str, ...]
    regex: str
    view: Callable[..., Any]


@dataclass(frozen=True)
class Filled:
    """A door filled with one side's objects."""

    door: Door
    side: str
    path: str
    # The stage of the side's pair the path names when it is not the side's main relationship.
    stage: str = ""


def _walk(resolver: URLResolver, prefix: str, regex: str, namespace: str) -> Iterator[Door]:
    for pattern in resolver.url_patterns:
        part = str(pattern.pattern)
        part_regex = pattern.pattern.regex.pattern.lstrip("^").rstrip("$").removesuffix(r"\Z")
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from _walk(pattern, prefix + part, regex + part_regex, inner)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}:{pattern.name}" if namespace else (pattern.name or "")
            full = regex + part_regex
            keywords = tuple(re.findall(r"\(\?P<(\w+)>", full))
            yield Door(
                route=prefix + part,
                name=name,
                keywords=keywords,
                regex=full,
                view=pattern.callback,
            )


def page_methods(door: Door) -> frozenset[str] | None:
    """The methods a page answers when its view names them (`require_http_methods` and its
    family, or a class's handlers); None when the view reads `request.method` itself."""
    view_class = getattr(door.view, "view_class", None)
    if view_class is not None:
        return frozenset(m.upper() for m in view_class.http_method_names if hasattr(view_class, m))
    function: Any = door.view
    while True:
        free = dict(zip(function.__code__.co_freevars, function.__closure__ or (), strict=True))
        if "request_method_list" in free:
            return frozenset(free["request_method_list"].cell_contents)
        if not hasattr(function, "__wrapped__"):
            return None
        function = function.__wrapped__


def route_template(route: str) -> str:
    """A route with its keywords blanked, to compare a URL pattern with an OpenAPI path."""
    return re.sub(r"<(?:\w+:)?\w+>|\{\w+\}", "{}", route)


def doors() -> list[Door]:
    """Every URL pattern of the site."""
    return list(_walk(get_resolver(), "/", "", ""))


def api_operations() -> list[tuple[str, str]]:
    """Every (path template, method) of the OpenAPI schema, as drf-spectacular generates it."""
    generator_class: Any = SchemaGenerator  # drf-spectacular is untyped
    generator = generator_class()
    schema = generator.get_schema(request=None, public=True)
    return [
        (path, method.upper())
        for path, operations in schema["paths"].items()
        for method in operations
        if method in {"get", "post", "put", "patch", "delete"}
    ]


# What each URL keyword names, by keyword; `ROUTE_FILL` first, for keywords whose object depends
# on the route (a question of a questionnaire or of a relationship...).
Filler = Callable[[Side, World], Any]
FILL: dict[str, Filler] = {
    "organisation_id": lambda s, w: s.organisation.pk,
    "program_id": lambda s, w: s.program.pk,
    "relationship_id": lambda s, w: s.relationship.pk,
    "meeting_id": lambda s, w: s.meeting.pk,
    "goal_id": lambda s, w: s.goal.pk,
    "milestone_id": lambda s, w: s.milestone.pk,
    "question_id": lambda s, w: s.question.pk,
    "resource_id": lambda s, w: s.resource.pk,
    "proposal_id": lambda s, w: s.proposal.pk,
    "enrollment_id": lambda s, w: s.enrollment.pk,
    "notification_id": lambda s, w: s.notification.pk,
    "run_id": lambda s, w: s.run.pk,
    "pin_id": lambda s, w: s.pin.pk,
    "mentor_id": lambda s, w: s.mentor.pk,
    "request_id": lambda s, w: s.request.pk,
    "survey_id": lambda s, w: s.survey.pk,
    "instrument_id": lambda s, w: s.instrument.pk,
    "token_id": lambda s, w: s.token.pk,
    "profile_id": lambda s, w: s.mentor.profile.pk,
    "dataset": lambda s, w: "participants",
    "file_format": lambda s, w: "csv",
    "role": lambda s, w: "mentee",
    "action": lambda s, w: "approve",
    "token": lambda s, w: s.invitation.token,
    # allauth's keys: a made-up key (the door must refuse it, for everyone).
    "key": lambda s, w: "made-up-key",
    "uidb36": lambda s, w: "1",
}
ROUTE_FILL: dict[tuple[str, str], Filler] = {
    ("/api/programs/<int:program_id>/questions/<int:question_id>/", "question_id"): (
        lambda s, w: s.program_question.pk
    ),
    ("/manage/programs/<int:program_id>/questions/<int:question_id>/", "question_id"): (
        lambda s, w: s.program_question.pk
    ),
    ("/api/match-runs/<int:run_id>/proposals/<int:proposal_id>/move/", "proposal_id"): (
        lambda s, w: s.run.proposals.order_by("pk").first().pk  # type: ignore[union-attr]
    ),
    ("/matching/proposals/<int:proposal_id>/move/", "proposal_id"): (
        lambda s, w: s.run.proposals.order_by("pk").first().pk  # type: ignore[union-attr]
    ),
    ("/api/custom-surveys/<int:instrument_id>/", "instrument_id"): lambda s, w: s.instrument.pk,
    ("/api/survey-instruments/<int:instrument_id>/", "instrument_id"): (
        lambda s, w: s.instrument.pk
    ),
    (
        "/manage/programs/<int:program_id>/participants/import/<str:token>/",
        "token",
    ): lambda s, w: "made-up-import",
}


def _admin_value(door: Door, keyword: str, side: Side) -> Any:
    """Admin URLs: the first row of the model the route is about (the admin shows staff every
    organisation's metadata, so either side's row will do)."""
    if keyword == "app_label":
        return "relationships"
    if keyword == "url":  # the catch-all that sends unknown admin URLs to the log-in or index
        return "nothing/here/"
    if keyword == "content_type_id":
        return ContentType.objects.get_for_model(type(side.relationship)).pk
    if keyword == "object_id" and door.name == "admin:view_on_site":
        return side.relationship.pk
    match = re.match(r"/admin/(\w+)/(\w+)/", door.route)
    if keyword in {"object_id", "id"} and match:
        model = apps.get_model(match.group(1), match.group(2))
        row = model._default_manager.order_by("pk").first()
        return row.pk if row is not None else 1
    raise Unfillable(f"{door.route} ({door.name}): the admin keyword {keyword!r}")


def fills(door: Door, side: Side, world: World) -> list[Filled]:
    """The door filled with the side's objects; a relationship's own doors once more with the
    pair in each other stage (initiation, separation, ended)."""
    filled = [fill(door, side, world)]
    if door.keywords == ("relationship_id",):
        for stage in ("initiation", "separation", "ended"):
            relationship = getattr(side, stage)
            one = fill(door, side, world, relationship_id=relationship.pk)
            filled.append(replace(one, stage=stage))
    return filled


def fill(door: Door, side: Side, world: World, **given: Any) -> Filled:
    """The door's path with the side's objects; Unfillable for a keyword the table lacks."""
    values: dict[str, Any] = dict(given)
    for keyword in door.keywords:
        if keyword in values:
            continue
        if door.name.startswith("admin:"):
            values[keyword] = _admin_value(door, keyword, side)
            continue
        filler = ROUTE_FILL.get((door.route, keyword)) or FILL.get(keyword)
        if filler is None:
            raise Unfillable(
                f"{door.route} ({door.name}): teach tests/security/doors.py what {keyword!r} is"
            )
        values[keyword] = filler(side, world)
    path = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: str(values[m.group(1)]), door.regex)
    path = "/" + path.replace("\\", "").replace("^", "").replace("$", "")
    return Filled(door=door, side=side.letter, path=path)


# Who may write through a door filled with A's objects, by URL name; the names not listed here
# and not matched by `WRITER_PREFIXES` are doors every signed-in person may use for themselves.
WRITERS: dict[str, frozenset[str]] = {
    "relationships:create": MANAGER,
    "relationships:end": PARTIES | MANAGER,
    "relationships:back": PARTIES | MANAGER,
    "api:relationship-advance": PARTIES | MANAGER,
    "relationships:separation_decide": MANAGER,
    "api:relationship-separation-decide": MANAGER,
    "relationships:private_note": frozenset({"mentee", "mentor"}),
    "api:relationship-private-note": frozenset({"mentee", "mentor"}),
    "relationships:acquaintance": frozenset({"mentee"}),
    "api:relationship-acquaintance": frozenset({"mentee"}),
    "notifications:read": frozenset({"mentee"}),
    "notifications:open": frozenset({"mentee"}),
    "api:notification-read": frozenset({"mentee"}),
    "surveys:answer": frozenset({"mentor"}),
    "api:my-survey-response": frozenset({"mentor"}),
    # The person, or a manager of the program (the enrollment lifecycle's table).
    "programs:withdraw": frozenset({"mentee"}) | MANAGER,
    "api:enrollment-withdraw": frozenset({"mentee"}) | MANAGER,
    "api:enrollment-answers": frozenset({"mentee"}) | MANAGER,
    "api:enrollment": frozenset({"mentee"}) | MANAGER,
    "programs:answers": SIGNED_IN,
    "programs:enroll": SIGNED_IN,
    "api:program-enroll": SIGNED_IN,
    "programs:invitation": SIGNED_IN,
    "finding:request_accept": frozenset({"mentor"}),
    "finding:request_decline": frozenset({"mentor"}),
    "finding:request_message": frozenset({"mentor"}),
    "finding:request_withdraw": frozenset(),
    "api:mentor-request-accept": frozenset({"mentor"}),
    "api:mentor-request-decline": frozenset({"mentor"}),
    "api:mentor-request-messages": frozenset({"mentor"}),
    "api:mentor-request-withdraw": frozenset(),
    "finding:pause": frozenset({"mentor"}),
    "finding:resume": frozenset({"mentor"}),
    "api:finding-pause": frozenset({"mentor"}),
    "api:finding-resume": frozenset({"mentor"}),
    "api:finding-availability": frozenset({"mentor"}),
    "finding:bookmark": frozenset({"mentee", "participant"}),
    "finding:checklist": frozenset({"mentee", "participant"}),
    "finding:request_create": frozenset({"mentee", "participant"}),
    "api:finding-checklist": frozenset({"mentee", "participant"}),
    "api:finding-bookmarks": frozenset({"mentee", "participant"}),
    "api:finding-bookmark": frozenset({"mentee", "participant"}),
    "api:mentor-requests": SIGNED_IN,
    # Site staff create organisations (their first manager then runs them).
    "api:organisations": frozenset({"staff"}),
    "programs:profile_photo": frozenset(),
    "programs:profile": frozenset({"mentor"}),
    "api:profile": frozenset({"mentor"}),
    # An API token: its owner alone revokes it.
    "accounts:api_token_revoke": frozenset({"mentee"}),
    "api:token-revoke": frozenset({"mentee"}),
}
WRITER_PREFIXES: tuple[tuple[str, frozenset[str]], ...] = (
    ("admin:", frozenset()),
    ("relationships:", PARTIES),
    ("api:relationship-", PARTIES),
    ("matching:", MANAGER),
    ("api:match-", MANAGER),
    ("api:matching-", MANAGER),
    ("surveys:manage", MANAGER),
    ("surveys:custom", MANAGER),
    ("api:custom-survey", MANAGER),
    ("api:survey-schedule", MANAGER),
    ("api:survey-instrument", MANAGER),
    ("programs:manage", MANAGER),
    ("programs:program_", MANAGER),
    ("programs:organisation_", MANAGER),
    ("programs:invite", MANAGER),
    ("programs:question", MANAGER),
    ("programs:enrollment_decide", MANAGER),
    ("programs:import", MANAGER),
    ("programs:export", MANAGER),
    ("api:program", MANAGER),
    ("api:organisation", MANAGER),
    ("api:enrollment-", MANAGER),
    ("reports:", MANAGER),
)
# Doors whose writes are the signed-in person's own (log-in, sign-up, one's profile...): anyone.
OPEN_PREFIXES = ("account_", "mfa_", "api:token", "api:schema")


def writers(door: Door, side: str) -> frozenset[str]:
    """Who may write through the door filled with the side's objects."""
    if door.name in WRITERS:
        allowed = WRITERS[door.name]
    elif door.name.startswith(OPEN_PREFIXES):
        return EVERYONE
    else:
        allowed = next(
            (found for prefix, found in WRITER_PREFIXES if door.name.startswith(prefix)),
            SIGNED_IN,
        )
    if side == "A" or allowed == SIGNED_IN:
        return allowed
    # B's objects: only B's manager, where A's manager may write to A's.
    return frozenset({"manager_b"}) if "manager_a" in allowed else frozenset()


@dataclass(frozen=True)
class Body:
    """A valid body for one API write, and the identity that must succeed with it on A's objects
    (the positive control: a refusal of everyone else then means something). `writer` is None
    when the world's state makes a success impossible (`reason` says why)."""

    build: Callable[[Side, World], dict[str, Any]]
    writer: str | None
    reason: str = ""


def _soon(days: int) -> str:
    return (timezone.now() + datetime.timedelta(days=days)).isoformat()


_R = "/api/relationships/<int:relationship_id>"
BODIES: dict[tuple[str, str], Body] = {
    # A relationship's shared content: the two people write it.
    (f"{_R}/goals/", "post"): Body(lambda s, w: {"title": "A new goal"}, "mentee"),
    (f"{_R}/questions/", "post"): Body(lambda s, w: {"text": "A new question?"}, "mentee"),
    (f"{_R}/questions/<int:question_id>/replies/", "post"): Body(
        lambda s, w: {"text": "A reply."}, "mentor"
    ),
    (f"{_R}/lessons/", "post"): Body(lambda s, w: {"text": "A lesson."}, "mentor"),
    (f"{_R}/resources/", "post"): Body(
        lambda s, w: {"title": "A link", "url": "https://example.org/link"}, "mentor"
    ),
    (f"{_R}/meetings/", "post"): Body(lambda s, w: {"starts_at": _soon(5)}, "mentor"),
    (f"{_R}/meetings/<int:meeting_id>/", "put"): Body(
        lambda s, w: {"shared_notes": "New notes."}, "mentor"
    ),
    (f"{_R}/meetings/<int:meeting_id>/reschedule/", "post"): Body(
        lambda s, w: {"starts_at": _soon(6)}, "mentee"
    ),
    (f"{_R}/meetings/<int:meeting_id>/cancel/", "post"): Body(lambda s, w: {}, "mentee"),
    (f"{_R}/meetings/<int:meeting_id>/private-note/", "put"): Body(
        lambda s, w: {"text": "My own note."}, "mentor"
    ),
    (f"{_R}/goals/<int:goal_id>/progress/", "post"): Body(
        lambda s, w: {"current_value": 3}, "mentee"
    ),
    (f"{_R}/acquaintance/", "put"): Body(
        lambda s, w: {"career_goals": "Lead.", "why_this_mentor": "Kind."}, "mentee"
    ),
    (f"{_R}/separation/<int:proposal_id>/confirm/", "post"): Body(lambda s, w: {}, "mentor"),
    (f"{_R}/separation/<int:proposal_id>/withdraw/", "post"): Body(lambda s, w: {}, "mentee"),
    (f"{_R}/separation/<int:proposal_id>/decide/", "post"): Body(
        lambda s, w: {"separate": True},
        None,
        "a manager decides only after the notice period, which the world's proposal has not passed",
    ),
    (f"{_R}/separation/", "post"): Body(
        lambda s, w: {"reflection": "Time to part."},
        None,
        "the world's pair already has an open proposal",
    ),
    # Managers' doors.
    ("/api/programs/<int:program_id>/invitations/", "post"): Body(
        lambda s, w: {"email": "new-person@example.org"}, "manager_a"
    ),
    ("/api/programs/<int:program_id>/questions/", "post"): Body(
        lambda s, w: {"kind": "short_text", "text": "Where are you based?"}, "manager_a"
    ),
    ("/api/programs/<int:program_id>/questions/<int:question_id>/", "patch"): Body(
        lambda s, w: {"text": "What would you like to learn first?"}, "manager_a"
    ),
    ("/api/programs/<int:program_id>/questions/<int:question_id>/", "delete"): Body(
        lambda s, w: {}, "manager_a"
    ),
    ("/api/programs/<int:program_id>/", "patch"): Body(
        lambda s, w: {"description": "A new description."}, "manager_a"
    ),
    ("/api/programs/<int:program_id>/transition/", "post"): Body(
        lambda s, w: {"to_state": "matching"}, "manager_a"
    ),
    ("/api/programs/<int:program_id>/match-pins/<int:pin_id>/", "delete"): Body(
        lambda s, w: {}, "manager_a"
    ),
    ("/api/match-runs/<int:run_id>/discard/", "post"): Body(lambda s, w: {}, "manager_a"),
    ("/api/enrollments/<int:enrollment_id>/withdraw/", "post"): Body(lambda s, w: {}, "mentee"),
    ("/api/organisations/<int:organisation_id>/managers/", "post"): Body(
        lambda s, w: {"email": w.participant.email}, "manager_a"
    ),
    # One person's own things.
    ("/api/notifications/<int:notification_id>/read/", "post"): Body(lambda s, w: {}, "mentee"),
    ("/api/mentor-requests/<int:request_id>/messages/", "post"): Body(
        lambda s, w: {"text": "When would suit you?"}, "mentor"
    ),
    ("/api/mentor-requests/<int:request_id>/decline/", "post"): Body(lambda s, w: {}, "mentor"),
    ("/api/finding/<int:program_id>/availability/resume/", "post"): Body(lambda s, w: {}, "mentor"),
    ("/api/profiles/<int:profile_id>/", "patch"): Body(
        lambda s, w: {"headline": "Nurse and mentor"}, "mentor"
    ),
    ("/api/profiles/me/", "patch"): Body(lambda s, w: {"headline": "Learning"}, "mentee"),
    ("/api/profiles/me/demographics/", "put"): Body(
        lambda s, w: {"nationality": "Irish"}, "mentee"
    ),
    ("/api/notifications/preferences/", "put"): Body(lambda s, w: {"daily_digest": True}, "mentee"),
    ("/api/notifications/read-all/", "post"): Body(lambda s, w: {}, "mentee"),
    ("/api/auth/token/", "post"): Body(
        lambda s, w: {"email": s.mentee.email, "password": PASSWORD},
        None,
        "an open door (anyone may ask for their own token); the accounts tests cover it",
    ),
    ("/api/auth/tokens/<int:token_id>/", "delete"): Body(lambda s, w: {}, "mentee"),
    ("/api/auth/token/", "delete"): Body(
        lambda s, w: {}, None, "one's own token; the accounts tests cover it"
    ),
    # Finding a mentor.
    ("/api/mentor-requests/", "post"): Body(
        lambda s, w: {"program": s.program.pk, "mentor": s.mentor.pk, "message": "Hello?"},
        None,
        "the world's mentor is paused, so nobody can ask them now",
    ),
    ("/api/mentor-requests/<int:request_id>/accept/", "post"): Body(lambda s, w: {}, "mentor"),
    ("/api/mentor-requests/<int:request_id>/withdraw/", "post"): Body(
        lambda s, w: {}, None, "only the asking mentee withdraws, and they are not replayed"
    ),
    ("/api/finding/<int:program_id>/bookmarks/", "post"): Body(
        lambda s, w: {"mentor": s.mentor.pk}, "participant"
    ),
    ("/api/finding/<int:program_id>/bookmarks/<int:mentor_id>/", "delete"): Body(
        lambda s, w: {}, None, "the world's bookmark is the asking mentee's, who is not replayed"
    ),
    ("/api/finding/<int:program_id>/mentors/<int:mentor_id>/checklist/", "put"): Body(
        lambda s, w: {"note": "Kind and clear."}, "participant"
    ),
    ("/api/finding/<int:program_id>/availability/pause/", "post"): Body(
        lambda s, w: {}, None, "the world's mentor is paused already (resume is controlled)"
    ),
    # Surveys.
    ("/api/my-surveys/<int:survey_id>/response/", "post"): Body(
        lambda s, w: {"answers": {"quality": 5, "rhythm": "about_right", "comment": "Fine."}},
        "mentor",
    ),
    ("/api/programs/<int:program_id>/custom-surveys/", "post"): Body(
        lambda s, w: {
            "title": "Energy",
            "items": [{"key": "energy", "text": "How is your energy?", "kind": "text"}],
        },
        "manager_a",
    ),
    ("/api/custom-surveys/<int:instrument_id>/send/", "post"): Body(
        lambda s, w: {"roles": ["mentee"]}, "manager_a"
    ),
    ("/api/programs/<int:program_id>/survey-schedule/", "put"): Body(
        lambda s, w: {
            "enabled": True,
            "baseline": True,
            "closing": True,
            "check_in_days": 30,
            "due_days": 14,
            "follow_up_days": 90,
        },
        "manager_a",
    ),
    # Programs, organisations and enrollments.
    ("/api/organisations/", "post"): Body(lambda s, w: {"name": "Initech"}, "staff"),
    ("/api/programs/", "post"): Body(
        lambda s, w: {"name": "Third program", "organisation": s.organisation.pk}, "manager_a"
    ),
    ("/api/programs/<int:program_id>/enroll/", "post"): Body(
        lambda s, w: {"role": "mentor"}, "other_program"
    ),
    ("/api/enrollments/<int:enrollment_id>/answers/", "put"): Body(
        lambda s, w: {"answers": {str(s.program_question.pk): "Leading well."}}, "mentee"
    ),
    ("/api/enrollments/<int:enrollment_id>/approve/", "post"): Body(
        lambda s, w: {}, None, "the world's enrollment is active already"
    ),
    ("/api/enrollments/<int:enrollment_id>/decline/", "post"): Body(
        lambda s, w: {}, None, "the world's enrollment is active already"
    ),
    # Matching.
    ("/api/programs/<int:program_id>/match-runs/", "post"): Body(lambda s, w: {}, "manager_a"),
    ("/api/programs/<int:program_id>/matching-settings/", "put"): Body(
        lambda s, w: {"weights": {}, "top_k": 4}, "manager_a"
    ),
    ("/api/programs/<int:program_id>/match-pins/", "post"): Body(
        lambda s, w: {"kind": "forbid", "mentee": s.asking.pk, "mentor": s.mentor.pk},
        "manager_a",
    ),
    ("/api/match-runs/<int:run_id>/publish/", "post"): Body(lambda s, w: {}, "manager_a"),
    ("/api/match-runs/<int:run_id>/proposals/<int:proposal_id>/move/", "post"): Body(
        lambda s, w: {"mentor": s.mentor.pk},
        None,
        "the world's draft has one mentor: a move has nowhere to go",
    ),
    ("/api/match-runs/<int:run_id>/weights-preview/", "post"): Body(
        lambda s, w: {"weights": {}}, None, "a preview writes nothing"
    ),
    # A relationship's moves that the world's pair (in cultivation, a proposal open) cannot make.
    ("/api/relationships/", "post"): Body(
        lambda s, w: {"program": s.program.pk, "mentor": s.mentor.pk, "mentee": s.asking.pk},
        "manager_a",
    ),
    (f"{_R}/agreement/", "put"): Body(lambda s, w: {"goals": "Grow."}, "mentee"),
    (f"{_R}/agreement/confirm/", "post"): Body(
        lambda s, w: {}, None, "the pair's agreement is confirmed already"
    ),
    (f"{_R}/advance/", "post"): Body(
        lambda s, w: {"to_stage": "separation"},
        None,
        "every move of a pair in cultivation goes through its own action",
    ),
    (f"{_R}/acknowledgment/", "put"): Body(
        lambda s, w: {"text": "Thanks."}, None, "a thank-you waits for separation"
    ),
    (f"{_R}/acknowledgment/public/", "post"): Body(
        lambda s, w: {"public": True}, None, "the pair in cultivation has no thank-you yet"
    ),
    (f"{_R}/redefinition/", "put"): Body(
        lambda s, w: {"relation": "peers"}, None, "new terms wait for separation"
    ),
    (f"{_R}/reflection/", "put"): Body(
        lambda s, w: {"learned": "Much.", "application": "Daily."},
        None,
        "a closing reflection waits for separation",
    ),
}


@dataclass(frozen=True)
class PageBody:
    """A page write whose form, as its rightful writer sees it, is not a valid body by itself.

    `writer` opens A's page (with `query`), the form that posts back is read, and `build` sets
    what a person would choose there (a changed value, a file, the button's move), for each
    side's objects; where the page shows no form, `build` is the whole body. `writer` must then
    succeed on A's objects: the positive control. `succeeds_to` names the page a success
    redirects to, for a write whose success writes no row."""

    build: Callable[[Side, World], dict[str, Any]]
    writer: str
    query: str = ""
    succeeds_to: str = ""


def _participants_file(s: Side, w: World) -> dict[str, Any]:
    row = "email,display_name,role\r\nnew-mentee@example.org,Nia New,mentee\r\n"
    return {"file": SimpleUploadedFile("people.csv", row.encode(), "text/csv")}


PAGE_BODIES: dict[str, PageBody] = {
    # The manager named on one's profile must share an organisation or a program with one.
    "profiles:edit": PageBody(lambda s, w: {"manager_email": s.manager.email}, "mentee"),
    # Saving the agreement unchanged writes nothing.
    "relationships:agreement": PageBody(lambda s, w: {"goals": "Grow as a leader."}, "mentee"),
    # The page's buttons choose the rule; the world's pair is pinned already, so forbid it.
    "matching:pin": PageBody(lambda s, w: {"kind": "forbid"}, "manager_a"),
    # The enrollment window must close after it opens.
    "programs:program_create": PageBody(
        lambda s, w: {"enrollment_closes_at": "2027-04-01T10:00"}, "manager_a"
    ),
    "programs:program_edit": PageBody(
        lambda s, w: {"enrollment_closes_at": "2027-04-01T10:00"}, "manager_a"
    ),
    # The page's buttons are the moves; an open program may move to matching.
    "programs:program_transition": PageBody(lambda s, w: {"to_state": "matching"}, "manager_a"),
    # The first kind offered is a single choice, which needs two choices.
    "programs:questions": PageBody(
        lambda s, w: {"choices_text": "Mornings\nEvenings"}, "manager_a"
    ),
    # The upload waits on disk for its confirmation page: success writes no row.
    "programs:import": PageBody(
        _participants_file, "manager_a", succeeds_to="programs:import_confirm"
    ),
    # The participant of A's second program enrolls in A's first as a mentor.
    "programs:enroll": PageBody(lambda s, w: {"role": "mentor"}, "other_program", "?role=mentor"),
    # The world's mentor is paused; pausing again moves the day they come back.
    "finding:pause": PageBody(
        lambda s, w: {
            f"pause-{s.program.pk}-until": (
                timezone.localdate() + datetime.timedelta(days=40)
            ).isoformat(),
            f"pause-{s.program.pk}-note": "Away a little longer.",
        },
        "mentor",
    ),
}
