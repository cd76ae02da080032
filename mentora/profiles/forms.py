from __future__ import annotations

from typing import Any

from django import forms
from django.urls import reverse_lazy

from mentora.profiles.choices import (
    GENDERS,
    LANGUAGES,
    Cadence,
    FocusArea,
    MeetingFormat,
    Preference,
)
from mentora.profiles.models import PHOTO_MAX_BYTES, Profile


class _OwnPhoto:
    """The current photo as the file input shows it: a link to the person's own photo view,
    never to a file's storage path."""

    url = reverse_lazy("profiles:photo")

    def __str__(self) -> str:
        return "your photo"


class OwnPhotoInput(forms.ClearableFileInput):
    def format_value(self, value: Any) -> Any:
        return _OwnPhoto() if self.is_initial(value) else None


class ProfileForm(forms.ModelForm[Profile]):
    languages = forms.MultipleChoiceField(
        choices=LANGUAGES, required=False, widget=forms.CheckboxSelectMultiple
    )
    meeting_formats = forms.MultipleChoiceField(
        choices=MeetingFormat.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    manager_email = forms.EmailField(
        required=False,
        label="Your manager's email",
        help_text=(
            "Optional: someone who shares an organisation or a program with you. Matching never "
            "pairs you with your own manager."
        ),
    )

    class Meta:
        model = Profile
        fields = [
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
        ]
        widgets = {"bio": forms.Textarea(attrs={"rows": 4}), "photo": OwnPhotoInput}
        help_texts = {"timezone": "An IANA name such as Europe/Lisbon or America/Chicago."}

    def clean_photo(self) -> Any:
        photo = self.cleaned_data.get("photo")
        if photo and getattr(photo, "size", 0) > PHOTO_MAX_BYTES:
            raise forms.ValidationError("The photo is larger than 2 MB.")
        return photo


class DemographicsForm(forms.Form):
    gender = forms.ChoiceField(choices=GENDERS, required=False)
    ethnicity = forms.CharField(
        max_length=80, required=False, help_text="In your own words; leave empty to not say."
    )
    nationality = forms.CharField(max_length=80, required=False)


def _skills_field(label: str) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        help_text="Separate skills with commas; suggestions appear as you type.",
        widget=forms.TextInput(attrs={"list": "skill-options", "autocomplete": "off"}),
    )


class MentorOfferForm(forms.Form):
    skills = _skills_field("Skills you can help with")
    free_tags = forms.CharField(
        label="Other topics (free tags)", required=False, help_text="Separate with commas."
    )
    focus_areas = forms.MultipleChoiceField(
        choices=FocusArea.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Focus areas you can help with",
    )
    motivation = forms.CharField(
        label="Why you mentor, in your own words",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    capacity = forms.IntegerField(
        label="Most mentees at once", min_value=1, max_value=50, initial=2
    )
    hours_per_month = forms.IntegerField(
        label="Hours a month you can give", min_value=0, max_value=160, initial=4
    )


class MenteeNeedsForm(forms.Form):
    skills = _skills_field("Skills you want to develop")
    career_goals = forms.CharField(
        label="Your career goals",
        help_text="One goal per line.",
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    why_mentor = forms.CharField(
        label="Why you want a mentor", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    focus_areas = forms.MultipleChoiceField(
        choices=FocusArea.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="What you want help with",
    )
    meeting_cadence = forms.ChoiceField(
        choices=Cadence.choices, label="How often you'd like to meet"
    )
    organisation_preference = forms.ChoiceField(
        choices=Preference.choices, label="Your mentor's organisation"
    )
    industry_preference = forms.ChoiceField(
        choices=Preference.choices, label="Your mentor's industry"
    )
    job_function_preference = forms.ChoiceField(
        choices=Preference.choices, label="Your mentor's job function"
    )
    people_to_avoid = forms.CharField(
        label="People you'd rather not be matched with",
        required=False,
        help_text="Their email addresses, separated by commas. Nobody else sees this.",
    )


def split_commas(value: str) -> list[str]:
    return [part.strip() for part in (value or "").split(",") if part.strip()]
