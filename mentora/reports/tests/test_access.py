"""The reports' permission layer (mentora.reports.access): a program's managers only, through
every door: the pages, the API and the export service."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404
from rest_framework.test import APIClient

from mentora.accounts.models import User
from mentora.programs.models import Program
from mentora.reports.access import MANAGER, access_dashboard, dashboard_roles
from mentora.reports.exports import program_export

pytestmark = pytest.mark.django_db


def test_only_the_programs_managers_have_a_role(
    program: Program, manager: User, mentor: User, mentee: User, outsider: User
) -> None:
    assert dashboard_roles(program=program, user=manager) == {MANAGER}
    for person in (mentor, mentee, outsider, AnonymousUser(), None):
        assert dashboard_roles(program=program, user=person) == frozenset()


def test_everyone_else_gets_a_404_whatever_they_ask(
    program: Program, mentee: User, other_organisation_program: Program, manager: User
) -> None:
    for to in ("view", "export"):
        with pytest.raises(Http404):
            access_dashboard(user=mentee, program_id=program.pk, to=to)
        with pytest.raises(Http404):
            access_dashboard(user=manager, program_id=other_organisation_program.pk, to=to)
    assert access_dashboard(user=manager, program_id=program.pk, to="export").obj == program


def test_the_export_service_refuses_whoever_the_door(program: Program, mentor: User) -> None:
    with pytest.raises(PermissionDenied, match="managers"):
        program_export(program=program, exported_by=mentor, dataset="participants")


def test_the_api_names_an_unknown_dataset_from_the_service(program: Program, manager: User) -> None:
    """The API view used to check the dataset itself; the service's refusal is the answer now."""
    client = APIClient()
    client.force_login(manager)

    response = client.get(f"/api/programs/{program.pk}/exports/secrets/")

    assert response.status_code == 400
    assert "secrets" in str(response.json()["dataset"])
