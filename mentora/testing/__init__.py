"""Personas and builders for tests: people, organisations, programs and enrollments.

Tests import from here (never from a conftest file); the root `conftest.py` turns the personas into
fixtures: a manager, a mentor, a mentee, an outsider who must see nothing, and a program of another
organisation with its own manager. Builders that concern one app live in `mentora.testing.<app>`.
Nothing under `mentora/` outside tests imports this package.
"""

from __future__ import annotations

import importlib
from typing import Any

from allauth.account.models import EmailAddress
from django.apps import apps

from mentora.accounts.models import User
from mentora.profiles.services import profile_update
from mentora.programs.models import Enrollment, Program
from mentora.programs.services import enrollment_submit
from mentora.surveys.instruments import builtin_instruments_install
from mentora.surveys.models import Instrument, InstrumentVersion, Item

PASSWORD = "correct horse battery staple"  # noqa: S105 - a test persona's password


def make_person(email: str, name: str, **profile: Any) -> User:
    """A person with a verified email address, the test password and a profile."""
    user = User.objects.create_user(email=email, password=PASSWORD)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    profile.setdefault("timezone", "Europe/London")
    profile.setdefault("languages", ["en"])
    profile_update(user=user, display_name=name, **profile)
    return user


def enroll(
    program: Program,
    user: User,
    role: str,
    *,
    answers: dict[Any, Any] | None = None,
    **side: Any,
) -> Enrollment:
    """Enroll a person in a program in one role, with their mentor offer or mentee needs."""
    if role == Enrollment.Role.MENTOR:
        side.setdefault("capacity", 2)
        return enrollment_submit(
            program=program, user=user, role=role, answers=answers or {}, mentor_offer=side
        )
    side.setdefault("career_goals", ["Grow in my role"])
    return enrollment_submit(
        program=program, user=user, role=role, answers=answers or {}, mentee_needs=side
    )


def restore_data_migrations() -> None:
    """Load again what data migrations load (both loaders skip what exists)."""
    taxonomy = importlib.import_module("mentora.profiles.migrations.0002_seed_skill_taxonomy")
    taxonomy.seed_taxonomy(apps, None)
    builtin_instruments_install(
        instrument_model=Instrument, version_model=InstrumentVersion, item_model=Item
    )
