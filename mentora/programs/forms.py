from __future__ import annotations

from typing import Any

from django import forms

from mentora.profiles.models import SkillCategory
from mentora.programs.models import Enrollment, Invitation, Program, Question


class OrganisationForm(forms.Form):
    name = forms.CharField(max_length=160)
    description = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))


class ProgramForm(forms.ModelForm[Program]):
    class Meta:
        model = Program
        fields = [
            "name",
            "description",
            "kind",
            "format",
            "matching_mode",
            "listed",
            "enrollment_opens_at",
            "enrollment_closes_at",
            "expected_duration_weeks",
            "meeting_cadence",
            "default_mentor_capacity",
            "max_mentors_per_mentee",
            "same_organisation_only",
            "requires_approval",
            "allow_dual_role",
            "publish_needs_acceptance",
            "max_open_requests",
            "request_expiry_days",
            "inactivity_days",
            "separation_notice_days",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "enrollment_opens_at": forms.DateTimeInput(attrs={"type": "datetime-local"}),
            "enrollment_closes_at": forms.DateTimeInput(attrs={"type": "datetime-local"}),
        }
        labels = {"expected_duration_weeks": "Expected duration (weeks)"}


class QuestionForm(forms.ModelForm[Question]):
    choices_text = forms.CharField(
        label="Choices",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For choice questions: one choice per line.",
    )

    class Meta:
        model = Question
        fields = ["text", "help_text", "kind", "required", "audience", "matching_rule", "weight"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["choices_text"].initial = "\n".join(self.instance.choices)

    def service_fields(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["choices"] = [c for c in data.pop("choices_text", "").splitlines() if c.strip()]
        return data


class InvitationForm(forms.Form):
    email = forms.EmailField()
    role = forms.ChoiceField(
        choices=[(c, label) for c, label in Invitation.Role.choices if c != Invitation.Role.MANAGER]
    )


class ManagerInvitationForm(forms.Form):
    email = forms.EmailField(label="Email of the new program manager")


class RoleChoiceForm(forms.Form):
    role = forms.ChoiceField(choices=Enrollment.Role.choices, widget=forms.RadioSelect)


class QuestionnaireForm(forms.Form):
    """The program's questions for one role, built from the questionnaire."""

    def __init__(self, *args: Any, questions: list[Question], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question in questions:
            self.fields[f"question_{question.pk}"] = self._field(question)

    @staticmethod
    def _field(question: Question) -> forms.Field:
        common: dict[str, Any] = {
            "label": question.text,
            "required": question.required,
            "help_text": question.help_text,
        }
        kind = question.kind
        if kind == Question.Kind.SINGLE_CHOICE:
            return forms.ChoiceField(
                choices=[(c, c) for c in question.choices], widget=forms.RadioSelect, **common
            )
        if kind == Question.Kind.MULTIPLE_CHOICE:
            return forms.MultipleChoiceField(
                choices=[(c, c) for c in question.choices],
                widget=forms.CheckboxSelectMultiple,
                **common,
            )
        if kind == Question.Kind.SCALE:
            return forms.TypedChoiceField(
                choices=[(n, str(n)) for n in range(1, 6)],
                coerce=int,
                widget=forms.RadioSelect(attrs={"class": "scale"}),
                **common,
            )
        if kind == Question.Kind.SHORT_TEXT:
            return forms.CharField(max_length=200, **common)
        return forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), max_length=5000, **common)

    def answers(self) -> dict[int, Any]:
        return {q.pk: self.cleaned_data.get(f"question_{q.pk}") for q in self.questions}


class SkillForm(forms.Form):
    name = forms.CharField(max_length=100, label="Skill")
    category: forms.ModelChoiceField[SkillCategory] = forms.ModelChoiceField(
        queryset=SkillCategory.objects.order_by("name"), empty_label=None
    )
    synonyms = forms.CharField(
        required=False, help_text="Other names for it, separated by commas.", max_length=300
    )
