"""The recommendations page's data: ranked mentors, filtered, searched and paged, as cards.

Filtering and search run over a handful of bulk queries on the ranked mentors (no query per
mentor), so a program with thousands of mentors stays quick; reasons are computed only for the
page shown.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from mentora.finding.models import MentorRequest, RequestStatus
from mentora.finding.ranking import rank_mentors
from mentora.finding.selectors import bookmarked_ids, mentor_enrollments_qs
from mentora.profiles.choices import INDUSTRIES, JOB_FUNCTIONS, MeetingFormat
from mentora.profiles.models import MentorOffer, Profile
from mentora.programs.models import Program

if TYPE_CHECKING:
    from mentora.accounts.models import User

PER_PAGE = 10
MAX_PER_PAGE = 50
INDUSTRY_LABELS = dict(INDUSTRIES)
JOB_FUNCTION_LABELS = dict(JOB_FUNCTIONS)
FORMAT_LABELS = dict(MeetingFormat.choices)


@dataclass(frozen=True)
class Filters:
    skill: int | None = None
    industry: str = ""
    job_function: str = ""
    language: str = ""
    meeting_format: str = ""
    has_room: bool = True
    q: str = ""


@dataclass
class MentorCard:
    mentor_id: int
    name: str
    headline: str
    job_title: str
    organisation: str
    industry: str
    job_function: str
    languages: list[str]
    meeting_formats: list[str]
    skills: list[str]
    hours_per_month: int | None
    has_room: bool
    score: float
    reasons: list[str] = field(default_factory=list)
    bookmarked: bool = False
    requested: bool = False


@dataclass
class RecommendationPage:
    cards: list[MentorCard]
    total: int
    page: int
    pages: int
    wants_more: bool
    options: dict[str, list[tuple[str, str]]]

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages


@dataclass
class _Facts:
    name: str = ""
    headline: str = ""
    job_title: str = ""
    organisation: str = ""
    industry: str = ""
    job_function: str = ""
    languages: list[str] = field(default_factory=list)
    meeting_formats: list[str] = field(default_factory=list)
    skill_names: dict[int, str] = field(default_factory=dict)  # in name order
    hours_per_month: int | None = None

    @property
    def skills(self) -> list[str]:
        return list(self.skill_names.values())


def _facts(*, program: Program) -> dict[int, _Facts]:
    """Every active mentor's searchable facts, by user id (subqueries, never a list of ids)."""
    facts: dict[int, _Facts] = defaultdict(_Facts)
    mentors = mentor_enrollments_qs(program=program)
    for row in Profile.objects.filter(user_id__in=mentors.values("user_id")).values_list(
        "user_id",
        "display_name",
        "headline",
        "job_title",
        "organisation",
        "industry",
        "job_function",
        "languages",
        "meeting_formats",
    ):
        user_id, name, headline, title, organisation, industry, function, languages, formats = row
        fact = facts[user_id]
        fact.name, fact.headline, fact.job_title = name, headline, title
        fact.organisation, fact.industry, fact.job_function = organisation, industry, function
        fact.languages = [str(code) for code in languages or []]
        fact.meeting_formats = [str(value) for value in formats or []]
    offers = MentorOffer.objects.filter(enrollment__in=mentors)
    offer_user: dict[int, int] = {}
    for offer_id, user_id, hours in offers.values_list(
        "pk", "enrollment__user_id", "hours_per_month"
    ):
        offer_user[offer_id] = user_id
        facts[user_id].hours_per_month = hours
    for offer_id, skill_id, name in (
        MentorOffer.skills.through.objects.filter(mentoroffer__in=offers)
        .order_by("skill__name")
        .values_list("mentoroffer_id", "skill_id", "skill__name")
    ):
        facts[offer_user[offer_id]].skill_names[skill_id] = name
    return facts


def _matches(fact: _Facts, filters: Filters) -> bool:
    if filters.skill is not None and filters.skill not in fact.skill_names:
        return False
    if filters.industry and fact.industry != filters.industry:
        return False
    if filters.job_function and fact.job_function != filters.job_function:
        return False
    if filters.language and filters.language not in fact.languages:
        return False
    if filters.meeting_format and filters.meeting_format not in fact.meeting_formats:
        return False
    if filters.q:
        haystack = " ".join([fact.name, fact.headline, fact.job_title, *fact.skills]).casefold()
        if not all(word in haystack for word in filters.q.casefold().split()):
            return False
    return True


def _options(facts: dict[int, _Facts]) -> dict[str, list[tuple[str, str]]]:
    """The choices each filter offers: only values some ranked mentor has."""
    skills: dict[int, str] = {}
    industries: set[str] = set()
    functions: set[str] = set()
    languages: set[str] = set()
    for fact in facts.values():
        skills.update(fact.skill_names)
        industries.add(fact.industry)
        functions.add(fact.job_function)
        languages.update(fact.languages)
    return {
        "skill": sorted(((str(k), v) for k, v in skills.items()), key=lambda item: item[1]),
        "industry": [(k, v) for k, v in INDUSTRIES if k in industries],
        "job_function": [(k, v) for k, v in JOB_FUNCTIONS if k in functions],
        "language": [(code, code) for code in sorted(languages)],
        "meeting_format": list(MeetingFormat.choices),
    }


def recommendation_page(
    *, program: Program, mentee: User, filters: Filters, page: int = 1, per_page: int = PER_PAGE
) -> RecommendationPage:
    """One page of the mentee's ranked mentors that pass the filters, with reasons."""
    ranking = rank_mentors(program=program, mentee=mentee)
    facts = _facts(program=program)
    chosen = [
        m
        for m in ranking.mentors
        if m.mentor_id != mentee.pk  # a person in both roles is never their own mentor
        and (m.has_room or not filters.has_room)
        and _matches(facts[m.mentor_id], filters)
    ]
    per_page = max(1, min(per_page, MAX_PER_PAGE))
    pages = max(1, math.ceil(len(chosen) / per_page))
    page = max(1, min(page, pages))
    shown = chosen[(page - 1) * per_page : page * per_page]
    explanations = ranking.explain([m.mentor_id for m in shown])
    bookmarks = bookmarked_ids(user=mentee, program=program)
    requested = set(
        MentorRequest.objects.filter(
            program=program, mentee=mentee, status=RequestStatus.PENDING
        ).values_list("mentor_id", flat=True)
    )
    cards = []
    for ranked in shown:
        fact = facts[ranked.mentor_id]
        explanation = explanations.get(ranked.mentor_id)
        cards.append(
            MentorCard(
                mentor_id=ranked.mentor_id,
                name=fact.name,
                headline=fact.headline,
                job_title=fact.job_title,
                organisation=fact.organisation,
                industry=INDUSTRY_LABELS.get(fact.industry, fact.industry),
                job_function=JOB_FUNCTION_LABELS.get(fact.job_function, fact.job_function),
                languages=fact.languages,
                meeting_formats=[FORMAT_LABELS.get(f, f) for f in fact.meeting_formats],
                skills=fact.skills,
                hours_per_month=fact.hours_per_month,
                has_room=ranked.has_room,
                score=ranked.score,
                reasons=list(explanation.reasons) if explanation is not None else [],
                bookmarked=ranked.mentor_id in bookmarks,
                requested=ranked.mentor_id in requested,
            )
        )
    return RecommendationPage(
        cards=cards,
        total=len(chosen),
        page=page,
        pages=pages,
        wants_more=ranking.wants_more,
        options=_options({m.mentor_id: facts[m.mentor_id] for m in ranking.mentors}),
    )
