"""Forms of the relationship pages. They parse input; the rules live in the services."""

from __future__ import annotations

import datetime
import zoneinfo
from typing import Any

from django import forms
from django.utils import timezone

from mentora.accounts.models import User
from mentora.lib.wording import MENTEE, MENTOR, role_word
from mentora.profiles.choices import Cadence, FocusArea
from mentora.programs.models import Enrollment, Program
from mentora.relationships.models import (
    Acknowledgment,
    Agreement,
    ClosingReflection,
    Goal,
    Lesson,
    Meeting,
    PrivateNote,
    Question,
    RedefinitionTerms,
    Relationship,
    RelationshipEvent,
    Reply,
    SeparationProposal,
)
from mentora.relationships.services.common import limit_of

TEXTAREA = {"rows": 3}


class PersonChoiceField(forms.ModelChoiceField[User]):
    """People by their display names and email addresses."""

    def label_from_instance(self, obj: User) -> str:
        return f"{obj.display_name} ({obj.email})"


class PairForm(forms.Form):
    """A manager chooses a mentor and a mentee of their program."""

    mentor = PersonChoiceField(queryset=User.objects.none())
    mentee = PersonChoiceField(queryset=User.objects.none())

    def __init__(self, *args: Any, program: Program, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        active = Enrollment.objects.filter(program=program, status=Enrollment.Status.ACTIVE)
        for name, role in (("mentor", Enrollment.Role.MENTOR), ("mentee", Enrollment.Role.MENTEE)):
            field = self.fields[name]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = (
                User.objects.filter(pk__in=active.filter(role=role).values("user_id"))
                .select_related("profile")
                .order_by("profile__display_name", "email")
            )
            field.label = program.role_label(role)


class ReasonForm(forms.Form):
    reason = forms.CharField(
        widget=forms.Textarea(attrs=TEXTAREA),
        max_length=limit_of(RelationshipEvent, "note"),
        label="Why does it end?",
    )


class AcquaintanceForm(forms.Form):
    career_goals = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs=TEXTAREA),
        label="My career goals",
        max_length=limit_of(Relationship, "career_goals"),
    )
    why_this_mentor = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs=TEXTAREA),
        label="Why I chose this mentor",
        max_length=limit_of(Relationship, "why_this_mentor"),
    )


class AgreementForm(forms.ModelForm[Agreement]):
    focus_areas = forms.MultipleChoiceField(
        choices=FocusArea.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    meeting_cadence = forms.ChoiceField(choices=Cadence.choices, label="How often we meet")

    class Meta:
        model = Agreement
        fields = [
            "goals",
            "focus_areas",
            "meeting_cadence",
            "channel",
            "confidentiality",
            "expected_duration_weeks",
            "feedback",
            "ending",
        ]
        labels = {
            "goals": "Our goals",
            "channel": "Where we meet (channel)",
            "confidentiality": "What stays between us",
            "expected_duration_weeks": "Expected duration (weeks)",
        }
        widgets = {
            name: forms.Textarea(attrs=TEXTAREA)
            for name in ("goals", "confidentiality", "feedback", "ending")
        }


class GoalForm(forms.Form):
    title = forms.CharField(max_length=200)
    description = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=limit_of(Goal, "description"),
    )
    owner = forms.ChoiceField(choices=[("mentee", "Mentee"), ("mentor", "Mentor")])
    due_on = forms.DateField(
        required=False, widget=forms.DateInput(attrs={"type": "date"}), label="Due date"
    )
    target_value = forms.DecimalField(
        required=False, max_digits=12, decimal_places=2, min_value=0, label="Target value"
    )
    unit = forms.CharField(required=False, max_length=40, help_text="For example: talks given, %.")
    milestones = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="One milestone a line.",
    )

    def __init__(self, *args: Any, coaching: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        owner = self.fields["owner"]
        assert isinstance(owner, forms.ChoiceField)
        owner.choices = [
            (MENTEE, role_word(MENTEE, coaching=coaching)),
            (MENTOR, role_word(MENTOR, coaching=coaching)),
        ]
        if coaching:
            for name in ("due_on", "target_value", "unit"):
                self.fields[name].required = True
            self.fields["due_on"].label = "Deadline"


class GoalProgressForm(forms.Form):
    progress = forms.IntegerField(required=False, min_value=0, max_value=100, label="Progress (%)")
    current_value = forms.DecimalField(
        required=False, max_digits=12, decimal_places=2, min_value=0, label="Measured value"
    )

    def __init__(self, *args: Any, goal: Goal, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", f"goal-{goal.pk}")
        super().__init__(*args, **kwargs)
        if goal.target_value is not None:
            del self.fields["progress"]
            self.fields["current_value"].label = f"Measured value ({goal.unit})"
        else:
            del self.fields["current_value"]


class MeetingForm(forms.Form):
    """The start is typed in the person's own timezone and stored as an aware moment."""

    starts_at = forms.DateTimeField(
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        label="Starts at",
    )
    duration_minutes = forms.IntegerField(min_value=5, max_value=480, initial=60, label="Minutes")
    location = forms.CharField(required=False, max_length=200, label="Where (room or video link)")
    agenda = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs=TEXTAREA),
        max_length=limit_of(Meeting, "agenda"),
    )

    def __init__(self, *args: Any, zone: zoneinfo.ZoneInfo, **kwargs: Any) -> None:
        self.zone = zone
        super().__init__(*args, **kwargs)
        self.fields["starts_at"].help_text = f"In your timezone, {zone.key}."

    def clean_starts_at(self) -> datetime.datetime:
        value: datetime.datetime = self.cleaned_data["starts_at"]
        # The field made it aware in the site's timezone; reinterpret the wall time in the person's.
        naive = timezone.make_naive(value) if timezone.is_aware(value) else value
        return naive.replace(tzinfo=self.zone)


class RescheduleForm(MeetingForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["agenda"]


class MeetingRecordForm(forms.Form):
    agenda = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs=TEXTAREA),
        max_length=limit_of(Meeting, "agenda"),
    )
    shared_notes = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        label="Shared notes",
        max_length=limit_of(Meeting, "shared_notes"),
    )
    mentor_attended = forms.NullBooleanField(
        required=False, widget=forms.NullBooleanSelect, label="Mentor attended"
    )
    mentee_attended = forms.NullBooleanField(
        required=False, widget=forms.NullBooleanSelect, label="Mentee attended"
    )


class PrivateNoteForm(forms.Form):
    text = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        label="My private note",
        max_length=limit_of(PrivateNote, "text"),
        help_text="Only you can ever read this: not the other person, not the program's managers.",
    )


class QuestionForm(forms.Form):
    text = forms.CharField(
        widget=forms.Textarea(attrs=TEXTAREA),
        label="Your question",
        max_length=limit_of(Question, "text"),
    )


class ReplyForm(forms.Form):
    text = forms.CharField(
        widget=forms.Textarea(attrs=TEXTAREA), label="Answer", max_length=limit_of(Reply, "text")
    )


class GoalChoiceField(forms.ModelChoiceField[Goal]):
    """Goals by their titles (a goal's `__str__` names the row, for pages that may not read it)."""

    def label_from_instance(self, obj: Goal) -> str:
        return obj.title


class LessonForm(forms.Form):
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), max_length=limit_of(Lesson, "text")
    )
    goal = GoalChoiceField(queryset=Goal.objects.none(), required=False, label="For goal")

    def __init__(self, *args: Any, goals: Any, label: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["text"].label = label
        goal = self.fields["goal"]
        assert isinstance(goal, GoalChoiceField)
        goal.queryset = goals


class ResourceForm(forms.Form):
    title = forms.CharField(max_length=200)
    url = forms.URLField(required=False, label="Link", assume_scheme="https")
    file = forms.FileField(
        required=False, help_text="PDF, office documents, text or images; 10 MB at most."
    )


class SeparationProposeForm(forms.Form):
    reflection = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        label="Your reflection",
        max_length=limit_of(SeparationProposal, "reflection"),
        help_text="What has been achieved, and why now is a good time to separate.",
    )


class ClosingReflectionForm(forms.Form):
    learned = forms.CharField(
        widget=forms.Textarea(attrs=TEXTAREA),
        label="What was learned",
        max_length=limit_of(ClosingReflection, "learned"),
    )
    application = forms.CharField(
        widget=forms.Textarea(attrs=TEXTAREA),
        label="How the mentee will apply it without regular guidance",
        max_length=limit_of(ClosingReflection, "application"),
    )


class RedefinitionForm(forms.Form):
    relation = forms.ChoiceField(
        choices=RedefinitionTerms.Relation.choices,
        widget=forms.RadioSelect,
        label="What we are to each other now",
    )
    check_in_frequency = forms.ChoiceField(
        choices=RedefinitionTerms.CheckIn.choices, label="How often we check in"
    )
    expectations = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs=TEXTAREA),
        label="Expectations",
        max_length=limit_of(RedefinitionTerms, "expectations"),
    )


class AcknowledgmentForm(forms.Form):
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=limit_of(Acknowledgment, "text"),
        label="Your thank-you",
        help_text="Shown on your mentor's profile only if they agree.",
    )
