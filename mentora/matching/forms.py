"""Forms of the matching pages: run settings with factor weights, pins and moves."""

from __future__ import annotations

from typing import Any

from django import forms

from mentora.engine.records import FACTOR_NAMES
from mentora.matching.models import MODE_CHOICES, Pin
from mentora.matching.services import TOP_K_RANGE, WEIGHT_MAX

# What each factor measures, in the words of the five mentor-choice questions where they apply.
FACTOR_LABELS: dict[str, tuple[str, str]] = {
    "skills": ("Skills", "The mentor offers the skills the mentee wants to develop."),
    "goals": ("Goals and experience", "The mentee's goals and the mentor's experience (text)."),
    "focus_areas": ("Focus areas", "Skill-building, networking, career advancement, support."),
    "industry": ("Industry", "A similar industry (question 5), or a different one if asked."),
    "organisation": ("Organisation", "Part of the same organisation (question 5), or not."),
    "job_function": ("Job function", "A similar job function, or a different one if asked."),
    "experience": ("Experience", "The mentor is usefully further along (question 3)."),
    "timezone": ("Time zone", "Working hours that overlap."),
    "meeting_format": ("Meeting format", "Video, phone or in person, as both prefer."),
    "time": ("Time", "The mentor can make time for the mentee's cadence (question 4)."),
    "passion": ("Passion", "A stated motivation to help others succeed (question 1)."),
    "feedback": ("Honest feedback", "Past mentees' ratings of honest feedback (question 2)."),
    "questionnaire": ("Questionnaire", "Answers to the program's matching questions."),
}


class RunSettingsForm(forms.Form):
    """Mode, candidates per mentee and one weight per factor, saved per program."""

    mode = forms.ChoiceField(choices=MODE_CHOICES, widget=forms.RadioSelect)
    top_k = forms.IntegerField(
        label="Candidates per mentee",
        min_value=TOP_K_RANGE[0],
        max_value=TOP_K_RANGE[1],
        help_text="How many of each mentee's best mentors the solver considers.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in FACTOR_NAMES:
            label, help_text = FACTOR_LABELS.get(name, (name, ""))
            self.fields[f"weight_{name}"] = forms.FloatField(
                label=label,
                min_value=0,
                max_value=WEIGHT_MAX,
                help_text=help_text,
                widget=forms.NumberInput(attrs={"step": "0.5", "class": "weight-input"}),
            )

    @classmethod
    def initial_from(cls, *, mode: str, top_k: int, weights: dict[str, float]) -> dict[str, Any]:
        return {"mode": mode, "top_k": top_k} | {
            f"weight_{name}": weights.get(name, 0.0) for name in FACTOR_NAMES
        }

    def weight_fields(self) -> list[forms.BoundField]:
        return [self[f"weight_{name}"] for name in FACTOR_NAMES]

    def weights(self) -> dict[str, float]:
        return {name: self.cleaned_data[f"weight_{name}"] for name in FACTOR_NAMES}


class PinForm(forms.Form):
    mentee = forms.IntegerField(widget=forms.HiddenInput)
    mentor = forms.IntegerField(widget=forms.HiddenInput)
    kind = forms.ChoiceField(choices=[*Pin.Kind.choices, ("clear", "Clear")])


class MoveForm(forms.Form):
    mentor = forms.IntegerField(widget=forms.HiddenInput)
    pin = forms.BooleanField(
        required=False, initial=True, label="Keep this pair in later runs (pin it)"
    )
