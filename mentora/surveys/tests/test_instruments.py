"""The built-in instruments are installed by the data migration, in their own words."""

from __future__ import annotations

import pytest

from mentora.surveys.instruments import BUILTIN_INSTRUMENTS, SCALE_LABELS
from mentora.surveys.models import Instrument

pytestmark = pytest.mark.django_db


def test_builtin_instruments_are_installed_with_their_items() -> None:
    for spec in BUILTIN_INSTRUMENTS:
        instrument = Instrument.objects.get(key=spec.key, program__isnull=True)
        version = instrument.current_version()
        assert version.number == 1
        assert [item.key for item in version.items.all()] == [item.key for item in spec.items]


def test_mentoring_received_has_three_items_per_function() -> None:
    version = Instrument.objects.get(key="mentoring_received").current_version()
    scales = [item.scale for item in version.items.all()]
    for scale in ("career_support", "psychosocial_support", "role_modelling"):
        assert scales.count(scale) == 3


def test_every_scale_has_a_label() -> None:
    for spec in BUILTIN_INSTRUMENTS:
        for item in spec.items:
            assert not item.scale or item.scale in SCALE_LABELS
