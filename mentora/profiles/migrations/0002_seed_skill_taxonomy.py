"""Load the shared skills taxonomy (`mentora.profiles.taxonomy`) into the database.

Reversing deletes only what this migration created: shared skills (no organisation) whose names are
in the data, then the categories of the data that no longer hold any skill. Skills organisations
added themselves stay.
"""

from __future__ import annotations

from typing import Any

from django.db import migrations
from django.db.models.functions import Lower

from mentora.profiles.taxonomy import TAXONOMY, taxonomy_category_names, taxonomy_skill_names


def seed_taxonomy(apps: Any, schema_editor: Any) -> None:
    SkillCategory = apps.get_model("profiles", "SkillCategory")
    Skill = apps.get_model("profiles", "Skill")
    existing = set(
        Skill.objects.filter(organisation__isnull=True)
        .annotate(lname=Lower("name"))
        .values_list("lname", flat=True)
    )
    new_skills = []
    for category_name, skills in TAXONOMY:
        category, _ = SkillCategory.objects.get_or_create(name=category_name)
        for name, synonyms in skills:
            if name.lower() in existing:
                continue
            new_skills.append(Skill(category=category, name=name, synonyms=list(synonyms)))
    Skill.objects.bulk_create(new_skills)


def unseed_taxonomy(apps: Any, schema_editor: Any) -> None:
    SkillCategory = apps.get_model("profiles", "SkillCategory")
    Skill = apps.get_model("profiles", "Skill")
    Skill.objects.filter(organisation__isnull=True, name__in=taxonomy_skill_names()).delete()
    SkillCategory.objects.filter(name__in=taxonomy_category_names(), skills__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("profiles", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(seed_taxonomy, unseed_taxonomy),
    ]
