"""Skills (factor "skills"): the share of the skills a mentee wants that the mentor offers.

Spellings and synonyms are folded by the taxonomy ("presenting" is "public speaking").
"""

from __future__ import annotations

from dataclasses import dataclass

from mentora.engine.features.factors import overlap_factor
from mentora.engine.features.model import FeatureModel
from mentora.engine.features.registry import Feature, FeatureBuild, FeatureInputs, register
from mentora.engine.features.wording import listed, plural


@dataclass(frozen=True)
class SkillSets:
    """Canonical skills per person: wanted by each mentee, offered by each mentor."""

    mentee: list[tuple[str, ...]]
    mentor: list[tuple[str, ...]]


def build(inputs: FeatureInputs) -> FeatureBuild:
    """Share of the wanted skills the mentor offers, synonyms folded by the taxonomy."""
    mentee_skills = [inputs.taxonomy.canonical_set(r.skills_wanted) for r in inputs.mentees]
    mentor_skills = [inputs.taxonomy.canonical_set(r.skills) for r in inputs.mentors]
    return FeatureBuild(
        factor=overlap_factor("skills", mentee_skills, mentor_skills),
        details=SkillSets(mentee_skills, mentor_skills),
    )


def reason(model: FeatureModel, a: int, b: int, value: float) -> str | None:
    """Which of the wanted skills the mentor offers."""
    skills: SkillSets = model.details["skills"]
    wanted = list(skills.mentee[a])
    offered = set(skills.mentor[b])
    if not wanted:
        return None
    shared = [skill for skill in wanted if skill in offered]
    if not shared:
        return f"Offers none of the {plural(len(wanted), 'skill')} you want"
    if len(shared) == len(wanted):
        return (
            f"Offers the skill you want: {shared[0]}"
            if len(wanted) == 1
            else f"Offers all {len(wanted)} skills you want: {listed(shared)}"
        )
    return f"Offers {len(shared)} of the {len(wanted)} skills you want: {listed(shared)}"


FEATURE = register(Feature("skills", build, reason))
