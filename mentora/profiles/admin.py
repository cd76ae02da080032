from django.contrib import admin

from mentora.profiles.models import (
    DemographicIdentity,
    MenteeNeeds,
    MentorOffer,
    Profile,
    Skill,
    SkillCategory,
)


@admin.register(SkillCategory)
class SkillCategoryAdmin(admin.ModelAdmin[SkillCategory]):
    list_display = ["name"]
    search_fields = ["name"]


@admin.register(Skill)
class SkillAdmin(admin.ModelAdmin[Skill]):
    list_display = ["name", "category", "organisation"]
    list_filter = ["category"]
    search_fields = ["name"]
    list_select_related = ["category", "organisation"]


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin[Profile]):
    list_display = ["display_name", "user", "organisation", "job_title", "industry", "timezone"]
    list_filter = ["industry", "job_function", "seniority"]
    search_fields = ["display_name", "user__email", "organisation"]
    raw_id_fields = ["user", "manager"]
    list_select_related = ["user"]


@admin.register(MentorOffer)
class MentorOfferAdmin(admin.ModelAdmin[MentorOffer]):
    list_display = ["enrollment", "capacity", "hours_per_month"]
    raw_id_fields = ["enrollment"]
    filter_horizontal = ["skills"]


@admin.register(MenteeNeeds)
class MenteeNeedsAdmin(admin.ModelAdmin[MenteeNeeds]):
    list_display = ["enrollment", "meeting_cadence"]
    raw_id_fields = ["enrollment", "people_to_avoid"]
    filter_horizontal = ["skills"]


@admin.register(DemographicIdentity)
class DemographicIdentityAdmin(admin.ModelAdmin[DemographicIdentity]):
    """Site staff may correct a record on request; the list shows no values."""

    list_display = ["user", "updated_at"]
    raw_id_fields = ["user"]
