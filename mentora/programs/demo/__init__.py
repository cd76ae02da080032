"""A believable demo: an organisation with a mentoring program and a small coaching program.

Everything comes from one `random.Random(seed)`, so the same seed gives the same people, profiles,
enrollments and answers on any database. No network and no fake-data library: the word lists
(`vocabulary`) are small and hand-written. Writes go through the services (profile_update,
enrollment_submit, ...), so the demo obeys the same rules as real data: the site admin creates
the organisation for its manager and verifies its email domains, so that its people are
members.

One module per part: `accounts` (the fixed accounts and names), `people` (planning and writing
the generated people), `programs` (the organisation and its programs), `enrolling` (who takes
part in which program, with what answers) and `seed` (the programs app's part of
`mentora.site.demo`).
"""

from mentora.programs.demo.accounts import (
    ADMIN_EMAIL,
    COACHING_PROGRAM_NAME,
    DEFAULT_SEED,
    DEMO_ACCOUNTS,
    DEMO_ORGANISATION_SLUG,
    DEMO_PASSWORD,
    DEMO_URL,
    MANAGER_EMAIL,
    MENTEE_EMAIL,
    MENTOR_EMAIL,
    MENTORING_PROGRAM_NAME,
    DemoAccount,
    DemoError,
    DemoSummary,
    Writer,
    demo_log,
)
from mentora.programs.demo.people import PersonPlan, demo_plan_people
from mentora.programs.demo.seed import demo_summary, programs_demo_seed
from mentora.programs.demo.vocabulary import DEMO_ORGANISATION_NAME

__all__ = [
    "ADMIN_EMAIL",
    "COACHING_PROGRAM_NAME",
    "DEFAULT_SEED",
    "DEMO_ACCOUNTS",
    "DEMO_ORGANISATION_NAME",
    "DEMO_ORGANISATION_SLUG",
    "DEMO_PASSWORD",
    "DEMO_URL",
    "MANAGER_EMAIL",
    "MENTEE_EMAIL",
    "MENTORING_PROGRAM_NAME",
    "MENTOR_EMAIL",
    "DemoAccount",
    "DemoError",
    "DemoSummary",
    "PersonPlan",
    "Writer",
    "demo_log",
    "demo_plan_people",
    "demo_summary",
    "programs_demo_seed",
]
