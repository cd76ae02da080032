"""The demo: one organisation with a mentoring program and a coaching pilot, their people, and
every app's part (relationships in every stage, requests, a match run draft, survey answers).

This is the only module that knows every app: the programs app builds the organisation, programs
and enrolled people; then each app adds its part to each program, in the order their data
depends on one another. Everything runs in one transaction, so a failed demo leaves nothing.
"""

from __future__ import annotations

import random

from django.db import transaction

from mentora.accounts.models import User
from mentora.finding.demo import finding_demo_seed
from mentora.matching.demo import matching_demo_seed
from mentora.programs.demo import (
    DEFAULT_SEED,
    DEMO_ACCOUNTS,
    DEMO_ORGANISATION_NAME,
    DEMO_ORGANISATION_SLUG,
    DEMO_PASSWORD,
    DEMO_URL,
    DemoError,
    DemoSummary,
    Writer,
    demo_log,
    demo_summary,
    programs_demo_seed,
)
from mentora.programs.models import Organisation
from mentora.relationships.demo import relationships_demo_seed
from mentora.surveys.demo import surveys_demo_seed


def demo_seed(*, seed: int = DEFAULT_SEED, stdout: Writer | None = None) -> DemoSummary:
    """Build the demo organisation, programs and people, or do nothing if the demo exists."""
    existing = Organisation.objects.filter(slug=DEMO_ORGANISATION_SLUG).first()
    if existing is not None:
        demo_log(stdout, f"The demo ({existing.name}) is already loaded; nothing to do.")
        return demo_summary(organisation=existing, created=False)
    clashes = sorted(
        User.objects.filter(email__in=[a.email for a in DEMO_ACCOUNTS]).values_list(
            "email", flat=True
        )
    )
    if clashes or Organisation.objects.filter(name__iexact=DEMO_ORGANISATION_NAME).exists():
        raise DemoError(
            "This database already has "
            + (f"the accounts {', '.join(clashes)}" if clashes else DEMO_ORGANISATION_NAME)
            + " but not the demo organisation; load the demo into a fresh database."
        )
    with transaction.atomic():
        rng = random.Random(seed)
        demo_log(stdout, f"Building the demo with seed {seed}...")
        programs = programs_demo_seed(rng=rng, stdout=stdout)
        for program in programs:
            relationships_demo_seed(program=program, rng=rng)
        demo_log(stdout, "Paired people in every stage of the relationship lifecycle.")
        for program in programs:
            surveys_demo_seed(program=program, rng=rng)
            finding_demo_seed(program=program, rng=rng)
            matching_demo_seed(program=program, rng=rng)
        return demo_summary(organisation=programs[0].organisation, created=True)


def demo_accounts_text(*, url: str = DEMO_URL) -> str:
    """The block that tells a newcomer how to log in to the demo."""
    width = max(len(account.role) for account in DEMO_ACCOUNTS) + 2
    lines = [f"Demo accounts (password: {DEMO_PASSWORD}):"]
    lines += [f"  {account.role:<{width}}{account.email}" for account in DEMO_ACCOUNTS]
    lines.append(f"Open {url} and log in with one of them (the site admin also at {url}/admin/).")
    return "\n".join(lines)
