"""Forms of the survey pages. The services validate again; these only shape the input."""

from __future__ import annotations

from typing import Any

from django import forms

from mentora.surveys.models import (
    Anonymity,
    Audience,
    Instrument,
    Item,
    ProgramSurveySchedule,
    Survey,
)
from mentora.surveys.scoring import TEXT_MAX

AGREE_LABELS = {
    1: "Strongly disagree",
    2: "Disagree",
    3: "Neither agree nor disagree",
    4: "Agree",
    5: "Strongly agree",
}


def scale_radios() -> forms.RadioSelect:
    """Radio buttons laid out in a row (a fieldset with a legend, by includes/form.html)."""
    return forms.RadioSelect(attrs={"class": "survey-scale"})


class SurveyAnswerForm(forms.Form):
    """One field per item of the survey's version that applies to the respondent's role."""

    def __init__(self, *args: Any, survey: Survey, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.survey = survey
        program = survey.program
        for item in survey.version.items.all():
            if not item.applies_to(survey.role):
                continue
            label = item.text_for(program)
            field: forms.Field
            if item.kind == Item.Kind.AGREE_1_5:
                field = forms.TypedChoiceField(
                    label=label,
                    choices=[(n, f"{n} {AGREE_LABELS[n]}") for n in range(1, 6)],
                    coerce=int,
                    widget=scale_radios(),
                )
            elif item.kind == Item.Kind.SCALE_0_10:
                field = forms.TypedChoiceField(
                    label=label,
                    choices=[(n, str(n)) for n in range(11)],
                    coerce=int,
                    widget=scale_radios(),
                    help_text="0 is the lowest, 10 the highest.",
                )
            elif item.kind == Item.Kind.CHOICE:
                field = forms.ChoiceField(
                    label=label,
                    choices=[(value, text) for value, text in item.choices],
                    widget=forms.RadioSelect,
                )
            else:
                field = forms.CharField(
                    label=label, widget=forms.Textarea(attrs={"rows": 3}), max_length=TEXT_MAX
                )
            field.required = item.required
            self.fields[item.key] = field


class ScheduleForm(forms.ModelForm[ProgramSurveySchedule]):
    class Meta:
        model = ProgramSurveySchedule
        fields = ["enabled", "baseline", "check_in_days", "closing", "follow_up_days", "due_days"]
        labels = {
            "enabled": "Send surveys on this schedule",
            "baseline": "Baseline survey when initiation starts",
            "check_in_days": "Days between check-ins during cultivation (0 for none)",
            "closing": "Closing survey at separation",
            "follow_up_days": "Follow-up this many days into redefinition (0 for none)",
            "due_days": "Days to answer before one reminder",
        }


QUESTION_KINDS = [
    (Item.Kind.AGREE_1_5, "Agreement from 1 to 5"),
    (Item.Kind.SCALE_0_10, "Scale from 0 to 10"),
    (Item.Kind.CHOICE, "One choice from a list"),
    (Item.Kind.TEXT, "Free text"),
]


class CustomSurveyForm(forms.Form):
    title = forms.CharField(max_length=Instrument._meta.get_field("title").max_length)
    description = forms.CharField(
        required=False,
        max_length=Instrument._meta.get_field("description").max_length,
        widget=forms.Textarea(attrs={"rows": 2}),
        label="Introduction",
    )
    audience = forms.ChoiceField(choices=Audience.choices, initial=Audience.BOTH, label="For")
    anonymity = forms.ChoiceField(
        choices=Anonymity.choices,
        initial=Anonymity.CONFIDENTIAL,
        widget=forms.RadioSelect,
        label="Who sees the answers",
        help_text="The other person of a relationship never sees anyone's answers.",
    )


class QuestionForm(forms.Form):
    text = forms.CharField(max_length=300, required=False, label="Question")
    kind = forms.ChoiceField(choices=QUESTION_KINDS, label="Answered with")
    choices = forms.CharField(
        required=False,
        max_length=500,
        label="Choices (for a choice question), separated by semicolons",
    )
    reverse_scored = forms.BooleanField(
        required=False, label="Reverse-scored (a high answer is a bad sign)"
    )

    def as_item(self) -> dict[str, Any] | None:
        data = self.cleaned_data
        if not data.get("text"):
            return None
        return {
            "text": data["text"],
            "kind": data["kind"],
            "choices": [c.strip() for c in data.get("choices", "").split(";") if c.strip()],
            "reverse_scored": data.get("reverse_scored", False),
        }


QuestionFormSet = forms.formset_factory(QuestionForm, extra=6, max_num=40)


class SendForm(forms.Form):
    roles = forms.MultipleChoiceField(
        choices=[(Survey.Role.MENTOR, "Mentors"), (Survey.Role.MENTEE, "Mentees")],
        widget=forms.CheckboxSelectMultiple,
        label="Send to",
    )
    due_days = forms.IntegerField(min_value=1, max_value=90, initial=14, label="Days to answer")

    def __init__(
        self, *args: Any, program_kind_labels: dict[str, str] | None = None, **kwargs: Any
    ):
        super().__init__(*args, **kwargs)
        if program_kind_labels:
            roles = self.fields["roles"]
            assert isinstance(roles, forms.ChoiceField)
            roles.choices = list(program_kind_labels.items())
