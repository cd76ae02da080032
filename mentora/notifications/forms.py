from __future__ import annotations

from typing import Any

from django import forms

from mentora.notifications.models import NotificationPreference


def kind_label(kind: str) -> str:
    """A readable kind: "relationship.agreement_signed" → "Relationship: agreement signed"."""
    area, _, event = kind.partition(".")
    area = area.replace("_", " ").capitalize()
    return f"{area}: {event.replace('_', ' ').replace('.', ' ')}" if event else area


class PreferencesForm(forms.Form):
    email_important = forms.BooleanField(
        label="Email me about important events as they happen",
        required=False,
        help_text="For example a proposed match or a request waiting for your answer.",
    )
    daily_digest = forms.BooleanField(
        label="Send me one daily digest email instead",
        required=False,
        help_text="One email a day listing everything new, in place of separate emails.",
    )
    muted_kinds = forms.MultipleChoiceField(
        label="Never email me about",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="These still appear on your notifications page.",
    )

    def __init__(self, *args: Any, kinds: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        muted = self.fields["muted_kinds"]
        assert isinstance(muted, forms.MultipleChoiceField)
        muted.choices = [(kind, kind_label(kind)) for kind in kinds]
        if not kinds:
            del self.fields["muted_kinds"]

    @classmethod
    def initial_from(cls, preference: NotificationPreference) -> dict[str, Any]:
        return {
            "email_important": preference.email_important,
            "daily_digest": preference.daily_digest,
            "muted_kinds": list(preference.muted_kinds),
        }
