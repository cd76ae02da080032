"""The demo data: believable, complete, idempotent, deterministic for a seed, and usable at once."""

from __future__ import annotations

import io
import random
import re
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.forms.models import model_to_dict
from django.test import Client

from mentora.accounts.models import User
from mentora.profiles.models import (
    DemographicIdentity,
    MenteeNeeds,
    MentorOffer,
    Profile,
    Skill,
)
from mentora.programs.demo import (
    ADMIN_EMAIL,
    DEFAULT_SEED,
    DEMO_ACCOUNTS,
    DEMO_ORGANISATION_SLUG,
    DEMO_PASSWORD,
    MANAGER_EMAIL,
    MENTEE_EMAIL,
    MENTOR_EMAIL,
    DemoSummary,
    demo_plan_people,
)
from mentora.programs.models import Answer, Enrollment, Organisation, Program, Question
from mentora.site.demo import demo_seed

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup: None, django_db_blocker: Any) -> Iterator[DemoSummary]:
    """Seed once for the whole module, inside a transaction rolled back at the end."""
    with django_db_blocker.unblock(), transaction.atomic():
        summary = demo_seed(seed=DEFAULT_SEED)
        yield summary
        transaction.set_rollback(True)


@pytest.fixture
def mentoring(demo: DemoSummary) -> Program:
    assert demo.mentoring_program is not None
    return demo.mentoring_program


@pytest.fixture
def coaching(demo: DemoSummary) -> Program:
    assert demo.coaching_program is not None
    return demo.coaching_program


def canonical_demo() -> dict[str, Any]:
    """Everything the demo wrote that matters, without primary keys or timestamps."""
    people = []
    for profile in Profile.objects.select_related("user", "manager").order_by("user__email"):
        row = model_to_dict(profile, exclude=["id", "user", "manager", "photo"])
        row["email"] = profile.user.email
        row["manager"] = profile.manager.email if profile.manager else None
        people.append(row)
    questions = [
        model_to_dict(q, exclude=["id", "program"]) | {"program": q.program.slug}
        for q in Question.objects.select_related("program").order_by("program__slug", "position")
    ]
    enrollments = []
    for enrollment in Enrollment.objects.select_related("program", "user").order_by(
        "program__slug", "role", "user__email"
    ):
        answers = sorted(
            (a.question.position, a.value)
            for a in Answer.objects.filter(enrollment=enrollment).select_related("question")
        )
        side: dict[str, Any] = {}
        offer = MentorOffer.objects.filter(enrollment=enrollment).first()
        if offer is not None:
            side = model_to_dict(offer, exclude=["id", "enrollment", "skills"])
            side["skills"] = sorted(s.name for s in offer.skills.all())
        needs = MenteeNeeds.objects.filter(enrollment=enrollment).first()
        if needs is not None:
            side = model_to_dict(needs, exclude=["id", "enrollment", "skills", "people_to_avoid"])
            side["skills"] = sorted(s.name for s in needs.skills.all())
            side["people_to_avoid"] = sorted(u.email for u in needs.people_to_avoid.all())
        enrollments.append(
            {
                "program": enrollment.program.slug,
                "email": enrollment.user.email,
                "role": enrollment.role,
                "status": enrollment.status,
                "answers": answers,
                **side,
            }
        )
    demographics = [
        (d.user.email, d.gender, d.ethnicity, d.nationality)
        for d in DemographicIdentity.objects.select_related("user").order_by("user__email")
    ]
    return {
        "people": people,
        "questions": questions,
        "enrollments": enrollments,
        "demographics": demographics,
        "organisation_skills": sorted(
            (s.name, s.category.name, s.synonyms)
            for s in Skill.objects.filter(organisation__isnull=False)
        ),
    }


def wipe_demo() -> None:
    Organisation.objects.filter(slug=DEMO_ORGANISATION_SLUG).delete()
    User.objects.all().delete()


def test_demo_has_about_60_mentors_and_150_mentees(demo: DemoSummary, mentoring: Program) -> None:
    program = mentoring
    active = program.enrollments.filter(status=Enrollment.Status.ACTIVE)
    assert active.filter(role=Enrollment.Role.MENTOR).count() == demo.mentors == 60
    assert active.filter(role=Enrollment.Role.MENTEE).count() == demo.mentees == 150
    assert program.kind == Program.Kind.MENTORING
    assert program.state in {Program.State.OPEN, Program.State.RUNNING}
    assert program.matching_mode == Program.MatchingMode.BOTH


def test_demo_has_a_small_coaching_program(demo: DemoSummary, coaching: Program) -> None:
    assert coaching.kind == Program.Kind.COACHING
    assert coaching.organisation == demo.organisation
    assert coaching.enrollments.filter(role=Enrollment.Role.MENTOR).count() == 6
    assert coaching.enrollments.filter(role=Enrollment.Role.MENTEE).count() == 15
    coaches = set(coaching.enrollments.filter(role="mentor").values_list("user", flat=True))
    coachees = set(coaching.enrollments.filter(role="mentee").values_list("user", flat=True))
    assert not coaches & coachees


def test_questionnaire_mixes_kinds_and_matching_rules(mentoring: Program) -> None:
    questions = list(mentoring.questions.all())
    assert 4 <= len(questions) <= 5
    assert len({q.kind for q in questions}) >= 3
    rules = {q.matching_rule for q in questions}
    assert {Question.MatchingRule.SHOULD_MATCH, Question.MatchingRule.SHOULD_DIFFER} <= rules


def test_everyone_answered_the_required_questions(mentoring: Program, coaching: Program) -> None:
    for program in (mentoring, coaching):
        for enrollment in program.enrollments.prefetch_related("answers"):
            answered = {a.question_id for a in enrollment.answers.all()}
            required = {
                q.pk
                for q in program.questions.filter(required=True)
                if q.applies_to(enrollment.role)
            }
            assert required <= answered, enrollment


def test_people_span_industries_functions_and_reporting_lines(demo: DemoSummary) -> None:
    profiles = Profile.objects.exclude(user__email__endswith="@demo.mentora.test")
    assert profiles.values("industry").distinct().count() >= 6
    assert profiles.values("job_function").distinct().count() >= 10
    assert profiles.values("timezone").distinct().count() >= 10
    with_manager = profiles.filter(manager__isnull=False)
    assert 0.15 * profiles.count() < with_manager.count() < 0.6 * profiles.count()
    for profile in with_manager.select_related("manager__profile"):
        assert profile.manager is not None
        boss = profile.manager.profile
        assert boss.organisation == profile.organisation
        assert boss.department == profile.department
        assert (boss.years_experience or 0) > 0


def test_years_of_experience_fit_seniority(demo: DemoSummary) -> None:
    for profile in Profile.objects.exclude(seniority=""):
        years = profile.years_experience or 0
        if profile.seniority in {"student", "entry"}:
            assert years <= 2, profile
        if profile.seniority in {"director", "executive"}:
            assert years >= 12, profile


def test_mentors_and_mentees_describe_themselves(mentoring: Program) -> None:
    offers = MentorOffer.objects.filter(enrollment__program=mentoring)
    for offer in offers.prefetch_related("skills"):
        assert 1 <= offer.capacity <= 3
        assert offer.hours_per_month > 0
        assert offer.motivation
        assert offer.focus_areas
        assert len(offer.skills.all()) >= 3
    needs = MenteeNeeds.objects.filter(enrollment__program=mentoring)
    for need in needs.prefetch_related("skills"):
        assert 1 <= len(need.career_goals) <= 3
        assert all(goal.endswith(".") for goal in need.career_goals)
        assert need.why_mentor
        assert need.skills.all()


def test_some_people_self_identify_and_many_prefer_not_to_say(demo: DemoSummary) -> None:
    identities = DemographicIdentity.objects.all()
    people = Profile.objects.count()
    assert 0.3 * people < identities.count() < 0.8 * people
    assert identities.filter(nationality="prefer_not_to_say").count() > identities.count() / 4
    assert identities.exclude(gender="prefer_not_to_say").exists()


def test_every_demo_record_passes_validation(demo: DemoSummary) -> None:
    for model in (Profile, MentorOffer, MenteeNeeds, DemographicIdentity):
        for record in model.objects.all():
            record.full_clean()


def test_seeding_twice_duplicates_nothing(demo: DemoSummary) -> None:
    models = (User, Profile, Organisation, Program, Enrollment, Answer, Skill, DemographicIdentity)
    before = {model: model.objects.count() for model in models}

    again = demo_seed(seed=DEFAULT_SEED + 1)

    assert again.created is False
    assert {model: model.objects.count() for model in models} == before
    assert (again.mentors, again.mentees, again.coaches, again.coachees) == (60, 150, 6, 15)
    assert again.people == demo.people


def test_seed_demo_command_prints_the_accounts(demo: DemoSummary) -> None:
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    text = out.getvalue()
    assert "already loaded" in text
    assert f"Demo accounts (password: {DEMO_PASSWORD})" in text
    assert "http://127.0.0.1:8000" in text
    for account in DEMO_ACCOUNTS:
        assert account.email in text
        assert account.role in text


@pytest.mark.parametrize("email", [a.email for a in DEMO_ACCOUNTS])
def test_demo_accounts_can_log_in(demo: DemoSummary, client: Client, email: str) -> None:
    assert client.login(email=email, password=DEMO_PASSWORD)
    assert client.get("/").status_code == 200


def test_demo_mentee_logs_in_through_the_login_page(demo: DemoSummary, client: Client) -> None:
    response = client.post("/accounts/login/", {"login": MENTEE_EMAIL, "password": DEMO_PASSWORD})
    assert response.status_code == 302
    assert response.wsgi_request.user.is_authenticated


def test_demo_accounts_hold_their_roles(
    demo: DemoSummary, mentoring: Program, coaching: Program
) -> None:
    def roles(email: str, program: Program) -> list[str]:
        return list(
            program.enrollments.filter(user__email=email, status="active").values_list(
                "role", flat=True
            )
        )

    assert roles(MENTOR_EMAIL, mentoring) == [Enrollment.Role.MENTOR]
    assert roles(MENTEE_EMAIL, mentoring) == [Enrollment.Role.MENTEE]
    assert roles(MENTEE_EMAIL, coaching) == [Enrollment.Role.MENTEE]
    assert demo.organisation.managers.filter(user__email=MANAGER_EMAIL).exists()
    admin = User.objects.get(email=ADMIN_EMAIL)
    assert admin.is_staff
    assert admin.is_superuser


def test_site_admin_opens_the_django_admin(demo: DemoSummary, client: Client) -> None:
    client.login(email=ADMIN_EMAIL, password=DEMO_PASSWORD)
    assert client.get("/admin/").status_code == 200


def test_generated_people_cannot_log_in(demo: DemoSummary) -> None:
    demo_emails = [a.email for a in DEMO_ACCOUNTS]
    others = User.objects.exclude(email__in=demo_emails)
    assert others.count() > 200
    assert not any(user.has_usable_password() for user in others)


def test_planning_is_deterministic_for_a_seed() -> None:
    def plan(seed: int) -> list[tuple[str, str, str, int | None]]:
        people = demo_plan_people(rng=random.Random(seed), mentors=59, mentees=149)
        return [(p.email, p.job_title, p.location.timezone, p.manager_index) for p in people]

    assert plan(1) == plan(1)
    assert plan(1) != plan(2)


def test_same_seed_gives_the_same_demo(demo: DemoSummary) -> None:
    first = canonical_demo()
    wipe_demo()

    demo_seed(seed=DEFAULT_SEED)

    assert canonical_demo() == first


def test_different_seed_gives_a_different_demo(demo: DemoSummary) -> None:
    first = canonical_demo()
    wipe_demo()

    demo_seed(seed=DEFAULT_SEED + 1)

    second = canonical_demo()
    assert second["people"] != first["people"]
    assert second["enrollments"] != first["enrollments"]
    assert len(second["enrollments"]) == len(first["enrollments"])


def test_seed_demo_refuses_a_database_with_clashing_accounts(demo: DemoSummary) -> None:
    Organisation.objects.filter(slug=DEMO_ORGANISATION_SLUG).delete()
    with pytest.raises(CommandError, match=re.escape(MANAGER_EMAIL)):
        call_command("seed_demo", stdout=io.StringIO())
