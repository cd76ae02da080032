"""Forms of the finding pages. They only parse input; the services hold the rules."""

from __future__ import annotations

from typing import Any

from django import forms

from mentora.finding.models import CHOICE_QUESTIONS, MESSAGE_MAX, NOTE_MAX, ChecklistAnswer
from mentora.finding.pauses import PAUSE_NOTE_MAX
from mentora.finding.recommendations import Filters
from mentora.profiles.choices import INDUSTRIES, JOB_FUNCTIONS, MeetingFormat


class FilterForm(forms.Form):
    """The recommendations' filters and search, read from the query string.

    Values are validated against the whole vocabularies; `show_options` then narrows each
    select to the values some ranked mentor actually has.
    """

    q = forms.CharField(label="Search", required=False, max_length=100)
    skill = forms.IntegerField(label="Skill", required=False, min_value=1, widget=forms.Select)
    industry = forms.ChoiceField(
        label="Industry", required=False, choices=[("", "Any"), *INDUSTRIES]
    )
    job_function = forms.ChoiceField(
        label="Job function", required=False, choices=[("", "Any"), *JOB_FUNCTIONS]
    )
    language = forms.CharField(label="Language", required=False, max_length=12, widget=forms.Select)
    meeting_format = forms.ChoiceField(
        label="Meeting format", required=False, choices=[("", "Any"), *MeetingFormat.choices]
    )
    all_mentors = forms.BooleanField(label="Also show mentors with no free place", required=False)

    def __init__(self, *args: Any, mentor_word: str = "mentor", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["q"].help_text = "Name, headline or skill"
        self.fields["all_mentors"].label = f"Also show {mentor_word}s with no free place"

    def show_options(self, options: dict[str, list[tuple[str, str]]]) -> None:
        for name in ("skill", "industry", "job_function", "language", "meeting_format"):
            widget = self.fields[name].widget
            assert isinstance(widget, forms.Select)
            widget.choices = [("", "Any"), *options.get(name, [])]

    def filters(self) -> Filters:
        data = self.cleaned_data if self.is_valid() else {}
        return Filters(
            skill=data.get("skill"),
            industry=data.get("industry") or "",
            job_function=data.get("job_function") or "",
            language=data.get("language") or "",
            meeting_format=data.get("meeting_format") or "",
            has_room=not data.get("all_mentors", False),
            q=(data.get("q") or "").strip(),
        )


class ChecklistForm(forms.Form):
    """The mentee's private answers to the five questions, and a private note."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, question in CHOICE_QUESTIONS:
            self.fields[name] = forms.ChoiceField(
                label=question,
                required=False,
                choices=ChecklistAnswer.choices,
                widget=forms.RadioSelect,
            )
        self.fields["note"] = forms.CharField(
            label="My private note",
            required=False,
            max_length=NOTE_MAX,
            widget=forms.Textarea(attrs={"rows": 3}),
            help_text="Only you can read your answers and this note.",
        )


class RequestForm(forms.Form):
    message = forms.CharField(
        label="Your message",
        max_length=MESSAGE_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="What you want to accomplish, and why you think they can help.",
    )


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label="Reason (optional)",
        required=False,
        max_length=MESSAGE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Shown to them with a kind message from Mentora.",
    )


class MessageForm(forms.Form):
    text = forms.CharField(
        label="Message", max_length=MESSAGE_MAX, widget=forms.Textarea(attrs={"rows": 3})
    )


class PauseForm(forms.Form):
    until = forms.DateField(
        label="Until (optional)",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="You become available again the day after. Leave empty to resume yourself.",
    )
    note = forms.CharField(
        label="Note (optional)",
        required=False,
        max_length=PAUSE_NOTE_MAX,
        help_text="For example: on holiday until mid-August.",
    )
