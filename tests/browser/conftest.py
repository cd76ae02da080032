"""Playwright driving Debian's Chromium against Django's live server."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, sync_playwright
from pytest_django.live_server_helper import LiveServer

CHROMIUM = os.environ.get("MENTORA_CHROMIUM", "/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"

# Playwright's sync API runs an event loop in this thread; Django's ORM calls from the test body
# are still synchronous and safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser" in str(item.path):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        if os.environ.get("MENTORA_REQUIRE_BROWSER"):
            pytest.fail(
                f"Chromium is required but missing at {CHROMIUM} (apt-get install chromium)."
            )
        pytest.skip(f"Chromium is not installed at {CHROMIUM}; `apt-get install chromium` to run.")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


# Every page runs under the site's Content-Security-Policy: the browser tells the test about each
# violation (before any script of the page runs), and the server's report endpoint logs them.
# The policy forbids eval, and Playwright evaluates a string expression given to
# `page.wait_for_function` with eval: wait with `expect(locator)...` or pass a function instead.
CSP_LISTENER = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.mentoraCspViolation(
    `${event.effectiveDirective} blocked ${event.blockedURI || "inline code"}`
    + ` at ${event.sourceFile || event.documentURI}:${event.lineNumber}`
    + (event.sample ? ` (${event.sample})` : "")
  );
});
"""


class CspReports(logging.Handler):
    """Adds what the report endpoint logs while a test runs to the test's violations."""

    def __init__(self, violations: list[str]) -> None:
        super().__init__(level=logging.WARNING)
        self.violations = violations

    def emit(self, record: logging.LogRecord) -> None:
        self.violations.append(record.getMessage())


@pytest.fixture
def csp_violations() -> list[str]:
    """What the Content-Security-Policy blocked during the test, as the browser saw it and as the
    server's report endpoint logged it; the `page` fixture fails the test unless it stays empty."""
    return []


@pytest.fixture
def page(browser: Browser, live_server: LiveServer, csp_violations: list[str]) -> Iterator[Page]:
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    # Generous: CI runs two workers on two cores, and a page may wait on a busy server.
    context.set_default_timeout(30_000)

    def seen(violation: str) -> None:
        csp_violations.append(violation)

    context.expose_function("mentoraCspViolation", seen)
    context.add_init_script(CSP_LISTENER)
    reports = CspReports(csp_violations)
    csp_logger = logging.getLogger("mentora.csp")
    csp_logger.addHandler(reports)
    page = context.new_page()
    try:
        yield page
    finally:
        context.close()
        csp_logger.removeHandler(reports)
    if csp_violations:
        pytest.fail(
            "Content-Security-Policy violations:\n" + "\n".join(sorted(set(csp_violations))),
            pytrace=False,
        )


def screenshot(page: Page, name: str) -> Path:
    """Save a full-page screenshot under var/screenshots for a person to look at."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def log_in(page: Page, email: str, password: str) -> None:
    page.goto("/accounts/login/")
    page.locator("#id_login").fill(email)
    page.locator("#id_password").fill(password)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def sideways_scroll(page: Page) -> list[str]:
    """A problem when the page itself scrolls sideways (wide content belongs in .table-scroll)."""
    wide, viewport = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    if wide > viewport:
        return [f"the page scrolls sideways: {wide}px of content in a {viewport}px window"]
    return []


def accessibility_problems(page: Page) -> list[str]:
    """Serious or critical axe violations of the page as shown now, and sideways scrolling."""
    results = Axe().run(page)
    found = [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in {"serious", "critical"}
    ]
    return found + sideways_scroll(page)


def scan_page(page: Page, path: str, *, name: str, who: str = "") -> dict[str, list[str]]:
    """Open a page (it must answer 200), scan it at desktop and phone width, save a screenshot.

    Returns the problems by where they were seen ("<path> as <who> at <width>px").
    """
    response = page.goto(path)
    assert response is not None, f"{path} gave no response"
    assert response.status == 200, f"{path} answered {response.status}"
    problems: dict[str, list[str]] = {}
    for width in (1280, 375):
        page.set_viewport_size({"width": width, "height": 900})
        found = accessibility_problems(page)
        if found:
            problems[f"{path}{f' as {who}' if who else ''} at {width}px"] = found
    page.set_viewport_size({"width": 1280, "height": 900})
    screenshot(page, name)
    return problems
