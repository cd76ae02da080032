"""Every write to profiles, the mentor and mentee sides of enrollments, demographics and skills."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Model
from django.db.models.functions import Lower

from mentora.lib.text import clean_line, clean_text
from mentora.profiles.access import OWNER, owner_roles
from mentora.profiles.choices import LANGUAGES, FocusArea, MeetingFormat
from mentora.profiles.models import (
    DemographicIdentity,
    MenteeNeeds,
    MentorOffer,
    Profile,
    Skill,
    SkillCategory,
)

if TYPE_CHECKING:
    from mentora.accounts.models import User
    from mentora.programs.models import Enrollment, Organisation

PROFILE_FIELDS = (
    "display_name",
    "pronouns",
    "headline",
    "bio",
    "photo",
    "organisation",
    "department",
    "job_title",
    "job_function",
    "industry",
    "years_experience",
    "seniority",
    "location",
    "timezone",
    "languages",
    "profile_url",
    "meeting_formats",
    "manager",
)
LANGUAGE_CODES = {code for code, _ in LANGUAGES}
# One-line texts of a profile (names, titles) and their free texts, each with its model's limit.
PROFILE_LINES = (
    "display_name",
    "pronouns",
    "headline",
    "organisation",
    "department",
    "job_title",
    "location",
)
PROFILE_TEXTS = ("bio",)
FREE_TAG_MAX, FREE_TAGS_MAX = 60, 20
CAREER_GOAL_MAX, CAREER_GOALS_MAX = 300, 10
SKILL_NAME_MAX = Skill._meta.get_field("name").max_length or 100


def field_limit(model: type[Model], name: str) -> int:
    """The most characters a model's text field holds (its `max_length`)."""
    return int(getattr(model._meta.get_field(name), "max_length", None) or 0)


def _label(name: str) -> str:
    return name.replace("_", " ").capitalize()


def _clean_items(
    values: object, *, field: str, label: str, item_limit: int, count_limit: int
) -> list[str]:
    """Free one-line items (tags, goals): each within its limit, at most `count_limit`."""
    if isinstance(values, str) or not isinstance(values, Iterable):
        raise ValidationError({field: f"{label} list must be a list."})
    cleaned = [
        clean_line(str(v), field=field, label=label, limit=item_limit, required=False)
        for v in values
    ]
    items = [item for item in cleaned if item]
    if len(items) > count_limit:
        raise ValidationError({field: f"At most {count_limit} items; there are {len(items)}."})
    return items


def _clean_list(*, field: str, values: Iterable[str], allowed: set[str]) -> list[str]:
    cleaned: list[str] = []
    for value in values:
        value = str(value).strip()
        if not value:
            continue
        if value not in allowed:
            raise ValidationError(
                {field: f"{value!r} is not one of: {', '.join(sorted(allowed))}."}
            )
        if value not in cleaned:
            cleaned.append(value)
    return cleaned


@transaction.atomic
def profile_update(*, user: User, editor: User | None = None, **fields: Any) -> Profile:
    """Create or change a person's profile. Only the person themselves may (`editor`); with
    `editor=None` the system writes it, which only ever happens for a new account an import
    created (an import never changes an existing account's profile)."""
    if editor is not None and OWNER not in owner_roles(owner=user, user=editor):
        raise PermissionDenied("You can only edit your own profile.")
    unknown = set(fields) - set(PROFILE_FIELDS)
    if unknown:
        raise ValidationError(f"Unknown profile fields: {', '.join(sorted(unknown))}.")
    profile = Profile.objects.filter(user=user).first() or Profile(user=user)
    for name in PROFILE_LINES:
        if name in fields:
            fields[name] = clean_line(
                fields[name],
                field=name,
                label=_label(name),
                limit=field_limit(Profile, name),
                required=False,
            )
    for name in PROFILE_TEXTS:
        if name in fields:
            fields[name] = clean_text(
                fields[name],
                field=name,
                label=_label(name),
                limit=field_limit(Profile, name),
                required=False,
            )
    for name in ("timezone", "profile_url"):
        if name in fields and fields[name] is not None:
            fields[name] = clean_line(
                fields[name],
                field=name,
                label=_label(name),
                limit=field_limit(Profile, name),
                required=False,
            )
    if "languages" in fields:
        fields["languages"] = _clean_list(
            field="languages", values=fields["languages"] or [], allowed=LANGUAGE_CODES
        )
    if "meeting_formats" in fields:
        fields["meeting_formats"] = _clean_list(
            field="meeting_formats",
            values=fields["meeting_formats"] or [],
            allowed=set(MeetingFormat.values),
        )
    manager = fields.get("manager")
    if manager is not None and manager.pk == user.pk:
        raise ValidationError({"manager": "A person cannot be their own manager."})
    for name, value in fields.items():
        setattr(profile, name, value)
    if not profile.display_name:
        profile.display_name = user.get_full_name() or user.email.split("@")[0]
    profile.full_clean()
    profile.save()
    return profile


def skills_resolve(
    *, names: Sequence[str], organisation: Organisation | None = None
) -> tuple[list[Skill], dict[str, list[str]]]:
    """Map skill names (or synonyms, any case) to skills of the taxonomy.

    Returns the skills found and, for each unknown name, up to three suggestions.
    """
    available = Skill.objects.filter(organisation__isnull=True)
    if organisation is not None:
        available = available | Skill.objects.filter(organisation=organisation)
    index: dict[str, Skill] = {}
    for skill in available:
        index.setdefault(skill.name.lower(), skill)
        for synonym in skill.synonyms:
            index.setdefault(str(synonym).lower(), skill)
    found: list[Skill] = []
    unknown: dict[str, list[str]] = {}
    for name in names:
        key = name.strip().lower()
        if not key:
            continue
        match = index.get(key)
        if match is None:
            close = difflib.get_close_matches(key, list(index), n=3, cutoff=0.6)
            unknown[name.strip()] = sorted({index[c].name for c in close})
        elif match not in found:
            found.append(match)
    return found, unknown


def _skills_from(data: Mapping[str, Any], enrollment: Enrollment) -> list[Skill] | None:
    if "skills" not in data:
        return None
    raw = data["skills"]
    if all(isinstance(s, Skill) for s in raw):
        return list(raw)
    names = [str(s) for s in raw]
    skills, unknown = skills_resolve(names=names, organisation=enrollment.program.organisation)
    if unknown:
        parts = [
            f"{name!r}" + (f" (did you mean {', '.join(s)}?)" if s else "")
            for name, s in unknown.items()
        ]
        raise ValidationError({"skills": f"Unknown skills: {'; '.join(parts)}."})
    return skills


@transaction.atomic
def mentor_offer_save(*, enrollment: Enrollment, data: Mapping[str, Any]) -> MentorOffer:
    """Write the mentor side of an enrollment: skills, focus areas, motivation, capacity, hours."""
    offer = MentorOffer.objects.filter(enrollment=enrollment).first() or MentorOffer(
        enrollment=enrollment, capacity=enrollment.program.default_mentor_capacity
    )
    skills = _skills_from(data, enrollment)
    if "focus_areas" in data:
        offer.focus_areas = _clean_list(
            field="focus_areas", values=data["focus_areas"], allowed=set(FocusArea.values)
        )
    if "free_tags" in data:
        offer.free_tags = _clean_items(
            data["free_tags"],
            field="free_tags",
            label="A free tag",
            item_limit=FREE_TAG_MAX,
            count_limit=FREE_TAGS_MAX,
        )
    if data.get("motivation") is not None:
        offer.motivation = clean_text(
            data["motivation"],
            field="motivation",
            label="The motivation",
            limit=field_limit(MentorOffer, "motivation"),
            required=False,
        )
    for name in ("capacity", "hours_per_month"):
        if name in data and data[name] is not None:
            setattr(offer, name, data[name])
    offer.full_clean(exclude=["enrollment"])
    offer.save()
    if skills is not None:
        offer.skills.set(skills)
    return offer


@transaction.atomic
def mentee_needs_save(*, enrollment: Enrollment, data: Mapping[str, Any]) -> MenteeNeeds:
    """Write the mentee side of an enrollment: skills to develop, goals, preferences."""
    needs = MenteeNeeds.objects.filter(enrollment=enrollment).first() or MenteeNeeds(
        enrollment=enrollment, meeting_cadence=enrollment.program.meeting_cadence
    )
    skills = _skills_from(data, enrollment)
    if "focus_areas" in data:
        needs.focus_areas = _clean_list(
            field="focus_areas", values=data["focus_areas"], allowed=set(FocusArea.values)
        )
    if "career_goals" in data:
        goals = data["career_goals"]
        if isinstance(goals, str):
            goals = goals.splitlines()
        needs.career_goals = _clean_items(
            goals,
            field="career_goals",
            label="A career goal",
            item_limit=CAREER_GOAL_MAX,
            count_limit=CAREER_GOALS_MAX,
        )
    if data.get("why_mentor") is not None:
        needs.why_mentor = clean_text(
            data["why_mentor"],
            field="why_mentor",
            label="Why you want a mentor",
            limit=field_limit(MenteeNeeds, "why_mentor"),
            required=False,
        )
    for name in (
        "meeting_cadence",
        "organisation_preference",
        "industry_preference",
        "job_function_preference",
    ):
        if name in data and data[name] is not None:
            setattr(needs, name, data[name])
    needs.full_clean(exclude=["enrollment"])
    needs.save()
    if skills is not None:
        needs.skills.set(skills)
    if "people_to_avoid" in data:
        needs.people_to_avoid.set(
            [p for p in data["people_to_avoid"] if p.pk != enrollment.user_id]
        )
    return needs


@transaction.atomic
def demographics_update(*, user: User, **fields: str) -> DemographicIdentity:
    """Save a person's optional self-identification; each field defaults to 'prefer not to say'."""
    identity = DemographicIdentity.objects.filter(user=user).first() or DemographicIdentity(
        user=user
    )
    for name in ("gender", "ethnicity", "nationality"):
        if name in fields:
            value = clean_line(
                fields[name],
                field=name,
                label=_label(name),
                limit=field_limit(DemographicIdentity, name),
                required=False,
            )
            setattr(identity, name, value or "prefer_not_to_say")
    identity.full_clean()
    identity.save()
    return identity


@transaction.atomic
def skill_create(
    *,
    organisation: Organisation,
    name: str,
    category: SkillCategory,
    synonyms: Sequence[str] = (),
) -> Skill:
    """Extend the taxonomy with a skill of one organisation.

    Who may is the organisation's rule: `mentora.programs.services.organisation_skill_create`
    checks that the person manages it, then calls this."""
    name = clean_line(name, field="name", label="The skill", limit=SKILL_NAME_MAX)
    cleaned_synonyms = [
        clean_line(s, field="synonyms", label="A synonym", limit=SKILL_NAME_MAX, required=False)
        for s in synonyms
    ]
    clash = Skill.objects.annotate(lname=Lower("name")).filter(lname=name.lower())
    if (
        clash.filter(organisation__isnull=True).exists()
        or clash.filter(organisation=organisation).exists()
    ):
        raise ValidationError({"name": f"The taxonomy already has a skill called {name!r}."})
    return Skill.objects.create(
        organisation=organisation,
        category=category,
        name=name,
        synonyms=[s for s in cleaned_synonyms if s],
    )
