"""Choosing a mentor: recommendations, a mentor's page, the private checklist, bookmarks."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response

from mentora.accounts.models import User
from mentora.finding import selectors
from mentora.finding.access import access_finding, access_mentor
from mentora.finding.api.serializers import (
    BookmarkCreateSerializer,
    BookmarkSerializer,
    ChecklistSerializer,
    MentorDetailSerializer,
    RecommendationFilters,
    RecommendationPageSerializer,
)
from mentora.finding.choosing import bookmark_set, consideration_update
from mentora.finding.facts import mentor_choice_facts
from mentora.finding.models import CHOICE_QUESTIONS, Bookmark
from mentora.finding.ranking import rank_mentors
from mentora.finding.recommendations import Filters, recommendation_page
from mentora.lib.api import ApiView, ListApiView
from mentora.lib.api_responses import reading, writing
from mentora.programs.models import Program


class RecommendationsView(ApiView[Program]):
    serializer_class = RecommendationPageSerializer

    @extend_schema(
        summary="Mentors recommended to you, best first, with reasons; filters and search",
        parameters=[RecommendationFilters],
        responses=reading(RecommendationPageSerializer, bad_request=True, forbidden=True),
    )
    def get(self, request: Request, program_id: int) -> Response:
        program = access_finding(user=self.user, program_id=program_id).obj
        filters = self.query_filters(RecommendationFilters)
        page = recommendation_page(
            program=program,
            mentee=self.user,
            filters=Filters(
                skill=filters.get("skill"),
                industry=filters.get("industry", ""),
                job_function=filters.get("job_function", ""),
                language=filters.get("language", ""),
                meeting_format=filters.get("meeting_format", ""),
                has_room=not filters["all_mentors"],
                q=filters.get("q", "").strip(),
            ),
            page=filters["page"],
            per_page=filters["page_size"],
        )
        return Response(self.output(page, RecommendationPageSerializer))


class MentorDetailView(ApiView[Program]):
    serializer_class = MentorDetailSerializer

    @extend_schema(
        summary="A mentor's page for you: profile, fit, and the five questions",
        responses=reading(MentorDetailSerializer, forbidden=True),
    )
    def get(self, request: Request, program_id: int, mentor_id: int) -> Response:
        enrollment = access_mentor(user=self.user, program_id=program_id, mentor_id=mentor_id).obj
        program, mentor = enrollment.program, enrollment.user
        profile = mentor.profile
        offer = getattr(enrollment, "mentor_offer", None)
        ranking = rank_mentors(program=program, mentee=self.user)
        ranked = {m.mentor_id: m for m in ranking.mentors}.get(mentor.pk)
        explanation = ranking.explain([mentor.pk]).get(mentor.pk)
        reasons = tuple(explanation.reasons) if explanation is not None else ()
        open_request = selectors.open_request_between(
            program=program, mentee=self.user, mentor=mentor
        )
        facts = mentor_choice_facts(
            program=program, mentor_enrollment=enrollment, mentee=self.user, reasons=reasons
        )
        data = {
            "mentor": {
                "id": mentor.pk,
                "display_name": profile.display_name,
                "pronouns": profile.pronouns,
                "headline": profile.headline,
                "bio": profile.bio,
                "job_title": profile.job_title,
                "organisation": profile.organisation,
                "department": profile.department,
                "industry": profile.industry,
                "job_function": profile.job_function,
                "years_experience": profile.years_experience,
                "languages": profile.languages,
                "meeting_formats": profile.meeting_formats,
                "timezone": profile.timezone,
                "skills": [s.name for s in offer.skills.order_by("name")] if offer else [],
                "focus_areas": offer.focus_areas if offer else [],
                "motivation": offer.motivation if offer else "",
                "hours_per_month": offer.hours_per_month if offer else None,
                "free_places": selectors.free_places(enrollment=enrollment),
                "paused": bool(offer and offer.is_paused),
                "paused_until": offer.paused_until if offer else None,
            },
            "score": ranked.score if ranked is not None else None,
            "reasons": list(reasons),
            "questions": [
                {"key": f.key, "question": f.question, "facts": f.facts, "details": f.details}
                for f in facts
            ],
            "bookmarked": mentor.pk in selectors.bookmarked_ids(user=self.user, program=program),
            "open_request": open_request.pk if open_request else None,
        }
        return Response(self.output(data, MentorDetailSerializer))


class ChecklistView(ApiView[Program]):
    serializer_class = ChecklistSerializer

    def _checklist(self, program: Program, mentor: User) -> dict[str, Any]:
        mine = selectors.consideration_for(user=self.user, program=program, mentor=mentor)
        data: dict[str, Any] = {name: getattr(mine, name, "") for name, _ in CHOICE_QUESTIONS}
        data["note"] = mine.note if mine else ""
        data["updated_at"] = mine.updated_at if mine else None
        return dict(self.output(data, ChecklistSerializer))

    @extend_schema(
        summary="Your private checklist answers and note about this mentor",
        responses=reading(ChecklistSerializer, forbidden=True),
    )
    def get(self, request: Request, program_id: int, mentor_id: int) -> Response:
        mentor = access_mentor(user=self.user, program_id=program_id, mentor_id=mentor_id).obj
        return Response(self._checklist(mentor.program, mentor.user))

    @extend_schema(
        summary="Save your private checklist answers and note (only you see them)",
        request=ChecklistSerializer,
        responses=writing(ChecklistSerializer),
    )
    def put(self, request: Request, program_id: int, mentor_id: int) -> Response:
        enrollment = access_mentor(
            user=self.user, program_id=program_id, mentor_id=mentor_id, to="consider"
        ).obj
        program, mentor = enrollment.program, enrollment.user
        data = self.input(ChecklistSerializer)
        current = selectors.consideration_for(user=self.user, program=program, mentor=mentor)
        consideration_update(
            program=program,
            mentee=self.user,
            mentor=mentor,
            answers={
                name: data.get(name, getattr(current, name, "")) for name, _ in CHOICE_QUESTIONS
            },
            note=data.get("note", current.note if current else ""),
        )
        return Response(self._checklist(program, mentor))


class BookmarkListView(ListApiView[Bookmark]):
    serializer_class = BookmarkSerializer

    def get_queryset(self) -> QuerySet[Bookmark]:
        if self.describing_schema:
            return Bookmark.objects.none()
        program = access_finding(user=self.user, program_id=self.kwargs["program_id"]).obj
        return selectors.bookmarks_of(user=self.user, program=program)

    @extend_schema(
        summary="The mentors you bookmarked in this program",
        responses=reading(BookmarkSerializer(many=True), forbidden=True),
    )
    def get(self, request: Request, program_id: int) -> Response:
        return self.list(request)

    @extend_schema(
        summary="Bookmark a mentor",
        request=BookmarkCreateSerializer,
        responses=writing(BookmarkSerializer, status=201),
    )
    def post(self, request: Request, program_id: int) -> Response:
        mentor_id = self.input(BookmarkCreateSerializer)["mentor"]
        enrollment = access_mentor(
            user=self.user, program_id=program_id, mentor_id=mentor_id, to="bookmark"
        ).obj
        program, mentor = enrollment.program, enrollment.user
        bookmark_set(program=program, mentee=self.user, mentor=mentor, on=True)
        bookmark = selectors.bookmarks_of(user=self.user, program=program).get(mentor=mentor)
        return Response(self.output(bookmark, BookmarkSerializer), status=status.HTTP_201_CREATED)


class BookmarkDetailView(ApiView[Bookmark]):
    serializer_class = BookmarkSerializer

    @extend_schema(
        summary="Remove a bookmark", responses=writing(None, status=204, bad_request=False)
    )
    def delete(self, request: Request, program_id: int, mentor_id: int) -> Response:
        enrollment = access_mentor(
            user=self.user, program_id=program_id, mentor_id=mentor_id, to="bookmark"
        ).obj
        bookmark_set(program=enrollment.program, mentee=self.user, mentor=enrollment.user, on=False)
        return Response(status=status.HTTP_204_NO_CONTENT)
