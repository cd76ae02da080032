"""Who may read a program's dashboard, its group comparison and printable report, and export
its data: its managers, and nobody else (an outsider gets a 404 and learns nothing).

`dashboard_roles` gives the person's roles toward a program's reports and `access_dashboard`
loads the program and checks them against the table below; pages, the REST API and the export
service ask them, so every door gives the same answer. A person's own progress needs no check:
it only ever reads the signed-in person's own data. "Is a manager of this program" is
`mentora.programs.access.manages_program`, the one implementation of that rule.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth.models import AnonymousUser

from mentora.accounts.models import User
from mentora.lib.access import Access, capabilities
from mentora.programs.access import manages_program
from mentora.programs.models import Program

if TYPE_CHECKING:
    from typing_extensions import TypeIs

type Person = User | AnonymousUser

# A program manager of the program's organisation.
MANAGER = "manager"

REPORTS_CAPABILITIES = capabilities(
    "program",
    {"view": {MANAGER}, "export": {MANAGER}},
    {"export": "Only the program's managers can export its data."},
)


def _signed_in(user: Person | None) -> TypeIs[User]:
    return isinstance(user, User) and user.is_authenticated


def dashboard_roles(*, program: Program, user: Person | None) -> frozenset[str]:
    """The person's roles toward the program's reports (MANAGER, or none)."""
    if _signed_in(user) and manages_program(user=user, program=program):
        return frozenset({MANAGER})
    return frozenset()


def access_dashboard(*, user: Person | None, program_id: int, to: str = "view") -> Access[Program]:
    """The program whose reports the person may `to` ("view", "export"), or 404 / 403."""
    program = Program.objects.select_related("organisation").filter(pk=program_id).first()
    roles = dashboard_roles(program=program, user=user) if program is not None else frozenset()
    return REPORTS_CAPABILITIES.grant(program, roles=roles, to=to)
