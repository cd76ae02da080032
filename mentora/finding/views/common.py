"""What the finding pages share: service errors as messages or form errors, the program's words."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest

from mentora.programs.models import Enrollment, Program


def error_text(error: ValidationError) -> str:
    if hasattr(error, "error_dict"):
        return " ".join(message for errors in error.message_dict.values() for message in errors)
    return " ".join(error.messages)


def flash_error(request: HttpRequest, error: ValidationError) -> None:
    messages.error(request, error_text(error))


def attach_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a service's errors on the form's fields (or above it when no field matches)."""
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            for message in errors:
                form.add_error(field if field in form.fields else None, message)
    else:
        for message in error.messages:
            form.add_error(None, message)


def words(program: Program) -> dict[str, str]:
    """The program's words for the two roles, for templates: mentor/mentee or coach/coachee."""
    mentor = program.role_label(Enrollment.Role.MENTOR)
    mentee = program.role_label(Enrollment.Role.MENTEE)
    return {"Mentor": mentor, "mentor": mentor.lower(), "Mentee": mentee, "mentee": mentee.lower()}
