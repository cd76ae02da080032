"""What the relationship pages share: links into a relationship, and what its header shows.

Pages ask access.py for the relationship (or its meeting, goal, question…) and the person's
capabilities; they hold no permission rule of their own. Form errors go through mentora.lib.forms.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse

from mentora.lib import forms as form_errors
from mentora.lib.access import Access
from mentora.relationships.access import relationship_capabilities
from mentora.relationships.models import Relationship


def detail_url(relationship: Relationship, anchor: str = "") -> str:
    return reverse("relationships:detail", args=[relationship.pk]) + anchor


def page_context(access: Access[Relationship], **extra: object) -> dict[str, object]:
    """What every relationship page shows: the relationship, its section, and `can`, the
    person's capabilities (templates ask `can.work`, `can.ask`…, never the role)."""
    return {
        "nav_section": "relationships",
        "relationship": access.obj,
        "can": relationship_capabilities(access.obj, access.roles),
        **extra,
    }


# TEMPORARY: matching's and surveys' pages still import these from here; they move to
# mentora.lib.forms with those apps' work on issue 11, and then these two lines go.
error_text = form_errors.error_text
fail = form_errors.fail


def attach_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """TEMPORARY adapter for the callers above: mentora.lib.forms.attach_errors(error, form)."""
    form_errors.attach_errors(error, form)
