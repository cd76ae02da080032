"""Who may do what with surveys, their answers, instruments and a program's survey settings.

Each resource has a `<resource>_roles(...)` function (the person's roles toward one object; empty
for an outsider and for anonymous visitors) and an `access_<resource>(...)` function that loads
the object and checks the roles against its table of capabilities: no role at all is a 404 (an
outsider learns nothing, not even that it exists), a role without the capability a 403. Pages,
REST views and the admin ask these; the services refuse through the same roles functions, so
every door gives the same answer. The list selectors (`surveys_for_user`,
`instruments_visible_to`, `named_responses`) in `selectors.py` agree with them.

The rules, in one place:

- a survey (one invitation to answer) is its respondent's: only they see it and answer it; the
  other person of the relationship never sees it, and managers see it only as counts;
- a response's answers are its respondent's; a program's managers read them one by one only for
  a *named* survey, and for a *confidential* one only as aggregates of at least five people
  (`mentora.surveys.outcomes`, `selectors.custom_survey_results`);
- built-in instruments are public: anyone signed in may read their questions; a program's own
  survey is its managers' (read, change, send, see results);
- a program's survey schedule, response rates and own surveys are its managers'.

"Is a manager of this program" is `mentora.programs.access.manages_program`, the one
implementation of that rule.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth.models import AnonymousUser

from mentora.accounts.models import User
from mentora.lib.access import Access, capabilities
from mentora.programs.access import manages_program
from mentora.programs.models import Program
from mentora.surveys.models import Anonymity, Instrument, Survey

if TYPE_CHECKING:
    from typing_extensions import TypeIs

type Person = User | AnonymousUser

# --- Roles ---------------------------------------------------------------------------------------

# The person a survey was sent to.
RESPONDENT = "respondent"
# A program manager of the survey's (or instrument's) program.
MANAGER = "manager"
# A manager of the program of a *named* survey: may read its answers one by one.
NAMED_READER = "named_reader"
# Anyone signed in, toward a built-in instrument.
READER = "reader"

SURVEY_CAPABILITIES = capabilities(
    "survey",
    {"view": {RESPONDENT}, "answer": {RESPONDENT}},
    {"answer": "Only the person the survey was sent to can answer it."},
)
RESPONSE_CAPABILITIES = capabilities(
    "survey",
    {
        # One person's answers, with whose they are.
        "view": {RESPONDENT, NAMED_READER},
        # Totals of at least five people.
        "aggregate": {MANAGER, NAMED_READER},
    },
    {"view": "The answers to a confidential survey reach managers only as totals of five or more."},
)
INSTRUMENT_CAPABILITIES = capabilities(
    "survey",
    {
        "view": {READER, MANAGER},
        "change": {MANAGER},
        "send": {MANAGER},
        "results": {MANAGER},
    },
    {
        "change": "Built-in surveys change only with a new Mentora release.",
        "send": "Built-in surveys are sent by the program's schedule.",
        "results": "Built-in surveys' results are on the program's survey page.",
    },
)
PROGRAM_SURVEYS_CAPABILITIES = capabilities(
    "program",
    {"view": {MANAGER}, "manage": {MANAGER}},
    {"manage": "Only the program's managers can do this."},
)


def _signed_in(user: Person | None) -> TypeIs[User]:
    return isinstance(user, User) and user.is_authenticated


def survey_roles(*, survey: Survey, user: Person | None) -> frozenset[str]:
    """The person's roles toward one survey: only its respondent has one (managers know the
    program's surveys as counts, `selectors.response_rates`, never one by one)."""
    if _signed_in(user) and survey.respondent_id == user.pk:
        return frozenset({RESPONDENT})
    return frozenset()


def response_roles(*, survey: Survey, user: Person | None) -> frozenset[str]:
    """The person's roles toward a survey's answers: its respondent; a manager of its program,
    who reads a named survey's answers (NAMED_READER) but a confidential one's only in
    aggregate (MANAGER)."""
    roles = set(survey_roles(survey=survey, user=user))
    if _signed_in(user) and manages_program(user=user, program=survey.program):
        roles.add(MANAGER)
        if survey.instrument.anonymity == Anonymity.NAMED:
            roles.add(NAMED_READER)
    return frozenset(roles)


def instrument_roles(*, instrument: Instrument, user: Person | None) -> frozenset[str]:
    """Anyone signed in reads a built-in instrument; a program's own is its managers'."""
    if not _signed_in(user):
        return frozenset()
    if instrument.program is None:
        return frozenset({READER})
    if manages_program(user=user, program=instrument.program):
        return frozenset({MANAGER})
    return frozenset()


def program_surveys_roles(*, program: Program, user: Person | None) -> frozenset[str]:
    """The person's roles toward a program's survey settings, rates and own surveys."""
    if _signed_in(user) and manages_program(user=user, program=program):
        return frozenset({MANAGER})
    return frozenset()


def _survey(survey_id: int) -> Survey | None:
    return (
        Survey.objects.select_related(
            "program",
            "instrument",
            "version",
            "relationship",
            "relationship__mentor",
            "relationship__mentee",
            "respondent",
        )
        .filter(pk=survey_id)
        .first()
    )


def access_survey(*, user: Person | None, survey_id: int, to: str = "view") -> Access[Survey]:
    """A survey the person may `to` ("view", "answer"), or 404 / 403."""
    survey = _survey(survey_id)
    roles = survey_roles(survey=survey, user=user) if survey is not None else frozenset()
    return SURVEY_CAPABILITIES.grant(survey, roles=roles, to=to)


def access_response(*, user: Person | None, survey_id: int, to: str = "view") -> Access[Survey]:
    """A survey whose answers the person may `to` ("view" one by one, or "aggregate")."""
    survey = _survey(survey_id)
    roles = response_roles(survey=survey, user=user) if survey is not None else frozenset()
    return RESPONSE_CAPABILITIES.grant(survey, roles=roles, to=to)


def access_instrument(
    *, user: Person | None, instrument_id: int, to: str = "view", custom: bool = False
) -> Access[Instrument]:
    """An instrument the person may `to` ("view", "change", "send", "results"), or 404 / 403.

    With `custom=True` only a program's own survey is looked for: a built-in one is a 404 there
    (the doors for a program's own surveys do not show built-ins).
    """
    instruments = Instrument.objects.select_related("program", "program__organisation")
    if custom:
        instruments = instruments.filter(program__isnull=False)
    instrument = instruments.filter(pk=instrument_id).first()
    roles = (
        instrument_roles(instrument=instrument, user=user)
        if instrument is not None
        else frozenset()
    )
    return INSTRUMENT_CAPABILITIES.grant(instrument, roles=roles, to=to)


def access_program_surveys(
    *, user: Person | None, program_id: int, to: str = "view"
) -> Access[Program]:
    """The program whose survey schedule, rates and own surveys the person may `to`."""
    program = Program.objects.select_related("organisation").filter(pk=program_id).first()
    roles = (
        program_surveys_roles(program=program, user=user) if program is not None else frozenset()
    )
    return PROGRAM_SURVEYS_CAPABILITIES.grant(program, roles=roles, to=to)
