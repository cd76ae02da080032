"""What the relationship pages share: turning service errors into form errors and messages."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.http import HttpRequest, HttpResponseRedirect
from django.shortcuts import redirect

from mentora.relationships.models import Relationship


def attach_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a service's errors on the form's fields (or above it when no field matches)."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            target = field if field in form.fields else None
            for item in errors:
                form.add_error(target, item.messages[0] if hasattr(item, "messages") else item)
    else:
        for message in error.messages:
            form.add_error(None, message)


def error_text(error: ValidationError) -> str:
    if hasattr(error, "error_dict"):
        return " ".join(message for key, errors in error.message_dict.items() for message in errors)
    return " ".join(error.messages)


def fail(request: HttpRequest, error: ValidationError, to: str) -> HttpResponseRedirect:
    messages.error(request, error_text(error))
    return redirect(to)


def detail_url(relationship: Relationship, anchor: str = "") -> str:
    from django.urls import reverse

    return reverse("relationships:detail", args=[relationship.pk]) + anchor


__all__ = ["NON_FIELD_ERRORS", "attach_errors", "detail_url", "error_text", "fail"]
