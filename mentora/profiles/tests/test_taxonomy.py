"""The seeded skills taxonomy: big enough, unambiguous, loaded by a reversible migration."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps as django_apps
from django.core.exceptions import PermissionDenied, ValidationError

from mentora.accounts.models import User
from mentora.profiles.models import Skill, SkillCategory
from mentora.profiles.services import skills_resolve
from mentora.profiles.taxonomy import TAXONOMY, taxonomy_category_names, taxonomy_skill_names
from mentora.programs.models import Organisation
from mentora.programs.services import organisation_skill_create as skill_create

migration = importlib.import_module("mentora.profiles.migrations.0002_seed_skill_taxonomy")


def test_taxonomy_has_at_least_150_skills_in_categories() -> None:
    assert len(taxonomy_skill_names()) >= 150
    assert len(TAXONOMY) >= 10
    assert all(len(skills) >= 8 for _, skills in TAXONOMY)


def test_taxonomy_names_and_categories_are_unique() -> None:
    names = [name.lower() for name in taxonomy_skill_names()]
    assert len(names) == len(set(names))
    categories = [name.lower() for name in taxonomy_category_names()]
    assert len(categories) == len(set(categories))


def test_taxonomy_synonyms_are_unambiguous() -> None:
    """No synonym repeats another skill's name or synonym, so resolving a term finds one skill."""
    owner: dict[str, str] = {name.lower(): name for name in taxonomy_skill_names()}
    for _, skills in TAXONOMY:
        for name, synonyms in skills:
            assert len({s.lower() for s in synonyms}) == len(synonyms), name
            for synonym in synonyms:
                assert synonym, name
                assert synonym.strip() == synonym, (name, synonym)
                key = synonym.lower()
                assert key not in owner, f"{synonym!r} of {name!r} clashes with {owner.get(key)!r}"
                owner[key] = name


def test_most_skills_have_synonyms() -> None:
    skills = [synonyms for _, entries in TAXONOMY for _, synonyms in entries]
    assert sum(1 for synonyms in skills if synonyms) / len(skills) > 0.9


@pytest.mark.django_db
def test_migration_loads_every_skill_as_shared() -> None:
    shared = Skill.objects.filter(organisation__isnull=True)
    assert shared.count() == len(taxonomy_skill_names())
    assert set(SkillCategory.objects.values_list("name", flat=True)) >= set(
        taxonomy_category_names()
    )
    sql = shared.get(name="SQL")
    assert sql.category.name == "Data & analytics"
    assert "structured query language" in sql.synonyms


@pytest.mark.django_db
def test_synonyms_resolve_to_their_skill() -> None:
    found, unknown = skills_resolve(
        names=["ML", "presentation skills", "golang", "Public speaking"]
    )
    assert [s.name for s in found] == ["Machine learning", "Public speaking", "Go"]
    assert unknown == {}


@pytest.mark.django_db
def test_unknown_skill_gets_suggestions() -> None:
    _, unknown = skills_resolve(names=["Machine lerning"])
    assert "Machine learning" in unknown["Machine lerning"]


def test_manager_extends_taxonomy_with_their_organisation_skill(
    organisation: Organisation, manager: User
) -> None:
    category = SkillCategory.objects.get(name="Healthcare")
    skill = skill_create(
        organisation=organisation,
        created_by=manager,
        name="Acme triage protocol",
        category=category,
        synonyms=["triage"],
    )
    found, _ = skills_resolve(names=["triage"], organisation=organisation)
    assert found == [skill]
    assert skills_resolve(names=["triage"])[1] == {"triage": []}


def test_manager_cannot_add_a_skill_the_taxonomy_has(
    organisation: Organisation, manager: User
) -> None:
    category = SkillCategory.objects.get(name="Data & analytics")
    with pytest.raises(ValidationError):
        skill_create(organisation=organisation, created_by=manager, name="sql", category=category)


def test_outsider_cannot_extend_an_organisation_taxonomy(
    organisation: Organisation, outsider: User
) -> None:
    category = SkillCategory.objects.get(name="Finance")
    with pytest.raises(PermissionDenied):
        skill_create(organisation=organisation, created_by=outsider, name="Y", category=category)


def test_reversing_the_migration_keeps_organisation_skills(
    organisation: Organisation, manager: User
) -> None:
    category = SkillCategory.objects.get(name="Healthcare")
    own = skill_create(
        organisation=organisation, created_by=manager, name="Acme rota planning", category=category
    )
    migration.unseed_taxonomy(django_apps, None)
    assert list(Skill.objects.all()) == [own]
    assert list(SkillCategory.objects.values_list("name", flat=True)) == ["Healthcare"]

    migration.seed_taxonomy(django_apps, None)
    assert Skill.objects.filter(organisation__isnull=True).count() == len(taxonomy_skill_names())
    migration.seed_taxonomy(django_apps, None)  # a second run adds nothing
    assert Skill.objects.count() == len(taxonomy_skill_names()) + 1
