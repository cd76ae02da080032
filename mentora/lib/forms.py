"""Showing a service's `ValidationError` where the person can act on it: on the field it names,
or above the form (or as a message) when no field matches."""

from __future__ import annotations

from collections.abc import Mapping

from django import forms
from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.http import HttpRequest, HttpResponseRedirect
from django.shortcuts import redirect


def error_text(error: ValidationError) -> str:
    """All of an error's messages as one sentence-separated text."""
    if hasattr(error, "error_dict"):
        return " ".join(message for errors in error.message_dict.values() for message in errors)
    return " ".join(error.messages)


def attach_errors(
    error: ValidationError,
    *forms_: forms.BaseForm,
    field_names: Mapping[str, str] | None = None,
) -> None:
    """Put each message on the first form with the field it names (`field_names` maps a service's
    field to the form's, e.g. `choices` to `choices_text`), or above the first form."""
    if not forms_:
        raise ValueError("attach_errors needs at least one form.")
    renamed = field_names or {}
    if not hasattr(error, "error_dict"):
        for message in error.messages:
            forms_[0].add_error(None, message)
        return
    for field, field_errors in error.message_dict.items():
        name = renamed.get(field, field)
        target = next((form for form in forms_ if name in form.fields), None)
        for message in field_errors:
            if target is not None:
                target.add_error(name, message)
            elif field == NON_FIELD_ERRORS:
                forms_[0].add_error(None, message)
            else:
                label = field.replace("_", " ").capitalize()
                forms_[0].add_error(None, f"{label}: {message}")


def flash_error(request: HttpRequest, error: ValidationError) -> None:
    """Show the error as a message on the next page."""
    messages.error(request, error_text(error))


def fail(request: HttpRequest, error: ValidationError, to: str) -> HttpResponseRedirect:
    """Show the error as a message and go back to `to`."""
    flash_error(request, error)
    return redirect(to)
