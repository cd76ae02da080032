"""Reads of the skills taxonomy. Whose profile a person may see is a programs rule (who shares a
program with whom): see `mentora.programs.selectors.profiles_visible_to`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet

from mentora.profiles.models import Skill, SkillCategory

if TYPE_CHECKING:
    from mentora.programs.models import Organisation


def skills_for_organisation(*, organisation: Organisation | None) -> QuerySet[Skill]:
    """The shared taxonomy plus the organisation's own skills."""
    query = Q(organisation__isnull=True)
    if organisation is not None:
        query |= Q(organisation=organisation)
    return Skill.objects.filter(query).select_related("category").order_by("category__name", "name")


def skill_categories() -> QuerySet[SkillCategory]:
    return SkillCategory.objects.order_by("name")
