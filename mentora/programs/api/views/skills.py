"""The skills taxonomy, with the skills an organisation one can see has added to it."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from mentora.lib.api import ListApiView
from mentora.lib.api_responses import reading
from mentora.profiles.api.serializers import SkillSerializer
from mentora.profiles.models import Skill
from mentora.profiles.selectors import skills_for_organisation
from mentora.programs.selectors import get_organisation_for_user


class SkillFilters(serializers.Serializer[Skill]):
    q = serializers.CharField(
        required=False, max_length=100, help_text="Part of a skill's name or synonym."
    )
    organisation = serializers.IntegerField(
        required=False, min_value=1, help_text="Include the skills this organisation added."
    )


class SkillListView(ListApiView[Skill]):
    serializer_class = SkillSerializer

    def get_queryset(self) -> QuerySet[Skill]:
        if self.describing_schema:
            return Skill.objects.none()
        filters = self.query_filters(SkillFilters)
        organisation = None
        if "organisation" in filters:
            organisation = get_organisation_for_user(
                user=self.user, organisation_id=filters["organisation"]
            )
        skills = skills_for_organisation(organisation=organisation)
        query = filters.get("q", "").strip()
        if query:
            skills = skills.filter(Q(name__icontains=query) | Q(synonyms__icontains=query))
        return skills.order_by("category__name", "name", "pk")

    @extend_schema(
        summary="The skills taxonomy, with categories and synonyms",
        parameters=[SkillFilters],
        responses=reading(SkillSerializer(many=True), bad_request=True),
    )
    def get(self, request: Request) -> Response:
        return self.list(request)
