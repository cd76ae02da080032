"""A program manager opens the dashboard of the demo program; the pages pass an axe scan."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from mentora.programs.demo import DEFAULT_SEED, DEMO_PASSWORD, MANAGER_EMAIL, MENTEE_EMAIL
from mentora.site.demo import demo_seed
from mentora.testing import restore_data_migrations

from .conftest import accessibility_problems, log_in, screenshot

pytestmark = pytest.mark.django_db(transaction=True)


def test_manager_reads_the_dashboard_of_the_demo_program(page: Page) -> None:
    restore_data_migrations()  # the demo needs the taxonomy and the built-in surveys
    summary = demo_seed(seed=DEFAULT_SEED)
    program = summary.mentoring_program
    assert program is not None
    log_in(page, MANAGER_EMAIL, DEMO_PASSWORD)

    page.goto(f"/manage/programs/{program.pk}/")
    card = page.get_by_role("region", name="Outcomes and health")
    card.get_by_role("link", name="Dashboard").click()
    page.wait_for_url(f"**/reports/programs/{program.pk}/")

    assert page.get_by_role("heading", level=1).inner_text().startswith("Dashboard")
    for name in ("Funnel of mentees", "Relationships by stage"):
        assert page.get_by_role("img", name=name).is_visible()
    page.get_by_text("Table behind “Funnel of mentees”").click()
    assert page.get_by_role("table", name="Funnel of mentees").is_visible()
    screenshot(page, "dashboard")
    problems = {"dashboard": accessibility_problems(page)}

    page.get_by_label("Compare by").select_option("gender")
    page.get_by_role("button", name="Show").click()
    page.wait_for_url("**?group=gender")
    assert page.get_by_role("table", name="Match rate and satisfaction by gender").is_visible()
    screenshot(page, "dashboard-groups")
    problems["dashboard by gender"] = accessibility_problems(page)

    page.get_by_role("link", name="Printable report").click()
    page.wait_for_url("**/report/**")
    problems["printable report"] = accessibility_problems(page)
    page.emulate_media(media="print")
    assert not page.locator(".site-header").is_visible()
    assert page.get_by_role("img", name="Funnel of mentees").is_visible()
    screenshot(page, "dashboard-report-print")
    page.emulate_media(media="screen")

    page.goto(f"/reports/programs/{program.pk}/exports/")
    problems["exports"] = accessibility_problems(page)

    page.context.clear_cookies()
    log_in(page, MENTEE_EMAIL, DEMO_PASSWORD)
    page.goto("/reports/progress/")
    assert page.get_by_role("heading", name="My progress").is_visible()
    screenshot(page, "progress")
    problems["my progress"] = accessibility_problems(page)

    assert {name: found for name, found in problems.items() if found} == {}
