"""Enrollments through the API: enrolling with the questionnaire, who sees which enrollment, and
the decisions of managers and participants."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from rest_framework.test import APIClient

from mentora.accounts.models import User
from mentora.profiles.models import Skill, SkillCategory
from mentora.programs.models import Enrollment, Organisation, Program, Question
from mentora.programs.services import enrollment_submit, organisation_manager_add, question_create
from mentora.testing import make_person

ApiAs = Callable[[User], APIClient]


def enrollment_of(user: User, program: Program) -> Enrollment:
    return Enrollment.objects.get(user=user, program=program)


@pytest.fixture
def newcomer(program: Program) -> User:
    """Someone with a profile who has not enrolled yet."""
    return make_person("newcomer@example.org", "Nadia Newcomer", industry="healthcare")


@pytest.fixture
def questions(program: Program, manager: User) -> dict[str, Question]:
    return {
        "area": question_create(
            program=program,
            created_by=manager,
            text="Which area?",
            kind="single_choice",
            choices=["Clinical", "Research"],
            required=True,
        ),
        "confidence": question_create(
            program=program, created_by=manager, text="How confident are you?", kind="scale"
        ),
        "mentors_only": question_create(
            program=program,
            created_by=manager,
            text="Why mentor?",
            kind="long_text",
            audience="mentors",
            required=True,
        ),
    }


@pytest.fixture
def skills(db: None) -> list[Skill]:
    # Invented names, so that the seeded taxonomy cannot clash with them.
    category = SkillCategory.objects.create(name="Test crafts")
    return [
        Skill.objects.create(category=category, name="Zither tuning", synonyms=["string fixing"]),
        Skill.objects.create(category=category, name="Yak herding"),
    ]


# --- Who sees which enrollment -------------------------------------------------------------------


@pytest.mark.django_db
def test_participant_lists_only_their_own_enrollments(
    api_as: ApiAs, mentor: User, mentee: User
) -> None:
    response = api_as(mentee).get("/api/enrollments/")

    assert response.status_code == 200
    assert [(e["user"]["email"], e["role"]) for e in response.json()["results"]] == [
        ("mentee@example.org", "mentee")
    ]


@pytest.mark.django_db
def test_manager_lists_every_enrollment_of_their_programs_once(
    api_as: ApiAs,
    manager: User,
    mentor: User,
    mentee: User,
    organisation: Organisation,
    outsider: User,
) -> None:
    # A second manager must not duplicate rows.
    organisation_manager_add(organisation=organisation, user=outsider, added_by=manager)

    response = api_as(manager).get("/api/enrollments/")

    assert sorted(e["user"]["email"] for e in response.json()["results"]) == [
        "mentee@example.org",
        "mentor@example.org",
    ]


@pytest.mark.django_db
def test_enrollments_filter_by_program_role_and_status(
    api_as: ApiAs, manager: User, mentor: User, mentee: User, program: Program
) -> None:
    client = api_as(manager)

    mentors = client.get(f"/api/enrollments/?program={program.pk}&role=mentor&status=active")
    assert [e["user"]["email"] for e in mentors.json()["results"]] == ["mentor@example.org"]
    assert client.get("/api/enrollments/?status=pending").json()["results"] == []
    bad = client.get("/api/enrollments/?status=sleeping&role=boss")
    assert bad.status_code == 400
    assert set(bad.json()) == {"status", "role"}


@pytest.mark.django_db
def test_outsider_and_other_participants_get_404_for_an_enrollment(
    api_as: ApiAs, mentor: User, mentee: User, outsider: User, program: Program
) -> None:
    enrollment = enrollment_of(mentee, program)
    url = f"/api/enrollments/{enrollment.pk}/"

    assert api_as(outsider).get(url).status_code == 404
    assert api_as(mentor).get(url).status_code == 404
    assert api_as(outsider).post(f"{url}withdraw/").status_code == 404
    assert api_as(outsider).get("/api/enrollments/").json()["results"] == []


@pytest.mark.django_db
def test_manager_of_another_organisation_cannot_see_the_enrollments(
    api_as: ApiAs, mentee: User, program: Program, other_organisation_program: Program
) -> None:
    other_manager = User.objects.get(email="other-manager@example.org")
    enrollment = enrollment_of(mentee, program)

    assert api_as(other_manager).get(f"/api/enrollments/{enrollment.pk}/").status_code == 404
    assert api_as(other_manager).get("/api/enrollments/").json()["results"] == []


@pytest.mark.django_db
def test_owner_and_manager_see_the_mentee_side_and_answers(
    api_as: ApiAs, manager: User, mentee: User, program: Program
) -> None:
    enrollment = enrollment_of(mentee, program)

    for viewer in (mentee, manager):
        body = api_as(viewer).get(f"/api/enrollments/{enrollment.pk}/").json()
        assert body["mentee_needs"]["career_goals"] == ["Lead a team within two years"]
        assert body["mentor_offer"] is None
        assert body["answers"] == []


@pytest.mark.django_db
def test_manager_sees_the_mentor_side(
    api_as: ApiAs, manager: User, mentor: User, program: Program
) -> None:
    enrollment = enrollment_of(mentor, program)

    body = api_as(manager).get(f"/api/enrollments/{enrollment.pk}/").json()

    assert body["mentor_offer"]["capacity"] == 2
    assert body["mentor_offer"]["motivation"] == "I like helping people grow."
    assert body["mentee_needs"] is None


# --- Enrolling -----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_newcomer_enrolls_as_mentee_with_answers_and_needs(
    api_as: ApiAs,
    newcomer: User,
    mentor: User,
    program: Program,
    questions: dict[str, Question],
    skills: list[Skill],
) -> None:
    response = api_as(newcomer).post(
        f"/api/programs/{program.pk}/enroll/",
        {
            "role": "mentee",
            "answers": {str(questions["area"].pk): "Research", str(questions["confidence"].pk): 4},
            "mentee_needs": {
                "skills": ["string fixing", "yak HERDING"],
                "career_goals": ["Run my own lab"],
                "focus_areas": ["networking"],
                "people_to_avoid": ["mentor@example.org", "nobody@example.org"],
            },
        },
        format="json",
    )

    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["role"], body["status"]) == ("mentee", "active")
    assert {a["question_text"]: a["value"] for a in body["answers"]} == {
        "Which area?": "Research",
        "How confident are you?": 4,
    }
    assert sorted(body["mentee_needs"]["skills"]) == ["Yak herding", "Zither tuning"]
    assert body["mentee_needs"]["people_to_avoid"] == ["mentor@example.org"]


@pytest.mark.django_db
def test_questionnaire_errors_are_400s_keyed_by_question(
    api_as: ApiAs, newcomer: User, program: Program, questions: dict[str, Question]
) -> None:
    response = api_as(newcomer).post(
        f"/api/programs/{program.pk}/enroll/",
        {"role": "mentor", "answers": {str(questions["confidence"].pk): 9, "999": "x"}},
        format="json",
    )

    assert response.status_code == 400
    errors = response.json()
    assert errors[f"question_{questions['area'].pk}"] == ["This question needs an answer."]
    assert errors[f"question_{questions['mentors_only'].pk}"] == ["This question needs an answer."]
    assert errors[f"question_{questions['confidence'].pk}"] == ["9 is outside the scale of 1 to 5."]
    assert "999" in errors["answers"][0]
    assert not Enrollment.objects.filter(user=newcomer).exists()


@pytest.mark.django_db
def test_unknown_skills_are_reported_on_the_side_with_suggestions(
    api_as: ApiAs, newcomer: User, program: Program, skills: list[Skill]
) -> None:
    response = api_as(newcomer).post(
        f"/api/programs/{program.pk}/enroll/",
        {"role": "mentor", "mentor_offer": {"skills": ["Zither tunin"], "capacity": 3}},
        format="json",
    )

    assert response.status_code == 400
    [message] = response.json()["mentor_offer"]["skills"]
    assert "Zither tunin" in message
    assert "did you mean Zither tuning" in message


@pytest.mark.django_db
def test_malformed_enrollments_are_400s_never_500s(
    api_as: ApiAs, newcomer: User, program: Program
) -> None:
    client = api_as(newcomer)
    url = f"/api/programs/{program.pk}/enroll/"

    assert "role" in client.post(url, {"role": "boss"}, format="json").json()
    assert "answers" in client.post(url, {"role": "mentee", "answers": [1]}, format="json").json()
    wrong_side = client.post(url, {"role": "mentee", "mentor_offer": {}}, format="json")
    assert wrong_side.status_code == 400
    assert "mentor_offer" in wrong_side.json()
    capacity = client.post(url, {"role": "mentor", "mentor_offer": {"capacity": 0}}, format="json")
    assert capacity.status_code == 400
    assert "capacity" in capacity.json()["mentor_offer"]
    assert client.post(url, "not json", content_type="application/json").status_code == 400


@pytest.mark.django_db
def test_enrolling_twice_is_a_clear_400(api_as: ApiAs, mentee: User, program: Program) -> None:
    response = api_as(mentee).post(
        f"/api/programs/{program.pk}/enroll/", {"role": "mentee"}, format="json"
    )

    assert response.status_code == 400
    assert "already enrolled" in response.json()["non_field_errors"][0]


@pytest.mark.django_db
def test_enrolling_needs_a_profile_first(api_as: ApiAs, program: Program) -> None:
    person = User.objects.create_user(email="bare@example.org", password="x")

    response = api_as(person).post(
        f"/api/programs/{program.pk}/enroll/", {"role": "mentee"}, format="json"
    )

    assert response.status_code == 400
    assert response.json()["non_field_errors"] == ["Complete your profile before enrolling."]


@pytest.mark.django_db
def test_cannot_enroll_in_a_program_one_cannot_see(
    api_as: ApiAs, newcomer: User, other_organisation_program: Program
) -> None:
    response = api_as(newcomer).post(
        f"/api/programs/{other_organisation_program.pk}/enroll/", {"role": "mentee"}, format="json"
    )

    assert response.status_code == 404


# --- Decisions -----------------------------------------------------------------------------------


@pytest.fixture
def pending(program: Program, newcomer: User) -> Enrollment:
    program.requires_approval = True
    program.save(update_fields=["requires_approval"])
    return enrollment_submit(program=program, user=newcomer, role="mentee", answers={})


@pytest.mark.django_db
def test_manager_approves_a_pending_enrollment(
    api_as: ApiAs, manager: User, pending: Enrollment
) -> None:
    response = api_as(manager).post(f"/api/enrollments/{pending.pk}/approve/")

    assert response.status_code == 200
    assert response.json()["status"] == "active"


@pytest.mark.django_db
def test_participant_cannot_approve_their_own_enrollment(
    api_as: ApiAs, newcomer: User, pending: Enrollment
) -> None:
    response = api_as(newcomer).post(f"/api/enrollments/{pending.pk}/approve/")

    assert response.status_code == 403
    pending.refresh_from_db()
    assert pending.status == Enrollment.Status.PENDING


@pytest.mark.django_db
def test_manager_declines_with_a_note_and_cannot_decline_twice(
    api_as: ApiAs, manager: User, pending: Enrollment
) -> None:
    client = api_as(manager)
    url = f"/api/enrollments/{pending.pk}/decline/"

    declined = client.post(url, {"note": "The program is full."}, format="json")
    again = client.post(url, format="json")

    assert declined.status_code == 200
    assert (declined.json()["status"], declined.json()["status_note"]) == (
        "declined",
        "The program is full.",
    )
    assert again.status_code == 400
    assert "cannot become" in again.json()["non_field_errors"][0]


@pytest.mark.django_db
def test_participant_withdraws_their_own_enrollment(
    api_as: ApiAs, mentee: User, mentor: User, program: Program
) -> None:
    mine = enrollment_of(mentee, program)
    theirs = enrollment_of(mentor, program)
    client = api_as(mentee)

    assert client.post(f"/api/enrollments/{mine.pk}/withdraw/").json()["status"] == "withdrawn"
    assert client.post(f"/api/enrollments/{theirs.pk}/withdraw/").status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == Enrollment.Status.ACTIVE


# --- Changing one's answers ----------------------------------------------------------------------


@pytest.mark.django_db
def test_participant_replaces_their_answers(
    api_as: ApiAs, mentee: User, program: Program, questions: dict[str, Question]
) -> None:
    enrollment = enrollment_of(mentee, program)
    url = f"/api/enrollments/{enrollment.pk}/answers/"
    answers = {str(questions["area"].pk): "Research", str(questions["confidence"].pk): 4}

    response = api_as(mentee).put(url, {"answers": answers}, format="json")

    assert response.status_code == 200, response.json()
    saved = {a["question"]: a["value"] for a in response.json()["answers"]}
    assert saved == {questions["area"].pk: "Research", questions["confidence"].pk: 4}


@pytest.mark.django_db
def test_answers_errors_are_400s_and_others_cannot_change_them(
    api_as: ApiAs,
    mentee: User,
    manager: User,
    outsider: User,
    program: Program,
    questions: dict[str, Question],
) -> None:
    enrollment = enrollment_of(mentee, program)
    url = f"/api/enrollments/{enrollment.pk}/answers/"
    good = {"answers": {str(questions["area"].pk): "Clinical"}}

    bad = api_as(mentee).put(url, {"answers": {str(questions["area"].pk): "Dental"}}, format="json")
    assert bad.status_code == 400
    assert f"question_{questions['area'].pk}" in bad.json()
    assert api_as(mentee).put(url, {"answers": "yes"}, format="json").status_code == 400
    assert api_as(manager).put(url, good, format="json").status_code == 403
    assert api_as(outsider).put(url, good, format="json").status_code == 404
    assert not enrollment.answers.exists()
