"""The finding pages through the HTTP client: what each person sees, and what nobody else does."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from mentora.accounts.models import User
from mentora.finding.choosing import consideration_update
from mentora.finding.models import MentorConsideration, MentorRequest, RequestStatus
from mentora.finding.services import request_create
from mentora.programs.models import Program
from mentora.testing import PASSWORD
from mentora.testing.finding import add_mentee, add_mentor

pytestmark = pytest.mark.django_db


def client_for(user: User) -> Client:
    client = Client()
    assert client.login(email=user.email, password=PASSWORD)
    return client


def ask(program: Program, mentee: User, mentor: User) -> MentorRequest:
    return request_create(
        program=program, mentee=mentee, mentor=mentor, message="I want to lead a team."
    )


def test_nav_link_only_for_mentees_of_self_service_programs(
    program: Program, mentor: User, mentee: User
) -> None:
    assert "Find a mentor" in client_for(mentee).get("/").content.decode()
    assert "Find a mentor" not in client_for(mentor).get("/").content.decode()
    program.matching_mode = Program.MatchingMode.MANAGER
    program.save()
    assert "Find a mentor" not in client_for(mentee).get("/").content.decode()


def test_finding_home_goes_straight_to_the_one_program(program: Program, mentee: User) -> None:
    response = client_for(mentee).get(reverse("finding:home"))

    assert response.status_code == 302
    assert response["Location"] == reverse("finding:recommendations", args=[program.pk])


def test_recommendations_rank_mentors_with_reasons(
    program: Program, mentor: User, second_mentor: User, mentee: User
) -> None:
    response = client_for(mentee).get(reverse("finding:recommendations", args=[program.pk]))

    assert response.status_code == 200
    cards = response.context["page"].cards
    assert {card.mentor_id for card in cards} == {mentor.pk, second_mentor.pk}
    assert cards[0].score >= cards[1].score
    assert all(card.reasons for card in cards)
    assert "Otto Mentor" in response.content.decode()


def test_recommendations_filter_and_search(
    program: Program, mentor: User, second_mentor: User, mentee: User
) -> None:
    client = client_for(mentee)
    url = reverse("finding:recommendations", args=[program.pk])

    by_industry = client.get(url, {"industry": "technology"}).context["page"]
    by_name = client.get(url, {"q": "otto"}).context["page"]

    assert [card.mentor_id for card in by_industry.cards] == [second_mentor.pk]
    assert [card.mentor_id for card in by_name.cards] == [mentor.pk]


def test_bad_filters_show_a_message_not_a_500(program: Program, mentee: User) -> None:
    response = client_for(mentee).get(
        reverse("finding:recommendations", args=[program.pk]), {"industry": "astrology"}
    )

    assert response.status_code == 200
    assert "astrology is not one of the available choices" in response.content.decode()


def test_htmx_filters_render_only_the_results(program: Program, mentor: User, mentee: User) -> None:
    response = client_for(mentee).get(
        reverse("finding:recommendations", args=[program.pk]), headers={"HX-Request": "true"}
    )

    assert response.status_code == 200
    assert "<html" not in response.content.decode()
    assert "Otto Mentor" in response.content.decode()


def test_outsiders_and_mentors_cannot_find_mentors_here(
    program: Program, mentor: User, mentee: User, outsider: User
) -> None:
    urls = [
        reverse("finding:recommendations", args=[program.pk]),
        reverse("finding:mentor", args=[program.pk, mentor.pk]),
    ]
    for person in (outsider, mentor):
        client = client_for(person)
        for url in urls:
            assert client.get(url).status_code == 404, (person, url)
        assert (
            client.post(reverse("finding:bookmark", args=[program.pk, mentor.pk])).status_code
            == 404
        )


def test_mentor_page_shows_the_five_questions_and_what_mentora_knows(
    program: Program, mentor: User, mentee: User
) -> None:
    response = client_for(mentee).get(reverse("finding:mentor", args=[program.pk, mentor.pk]))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Are they passionate about helping others succeed?" in html
    assert "I like helping people grow." in html
    assert "not enough ratings yet" in html
    assert "2 free places" in html
    assert "Same industry: Healthcare" in html


def test_checklist_and_note_are_saved_for_their_author_only(
    program: Program, mentor: User, mentee: User, other_mentee: User
) -> None:
    client = client_for(mentee)
    client.post(
        reverse("finding:checklist", args=[program.pk, mentor.pk]),
        {"passion": "yes", "time": "not_sure", "note": "Ask about on-call weeks"},
    )

    mine = MentorConsideration.objects.get(mentee=mentee, mentor=mentor)
    assert (mine.passion, mine.time, mine.note) == ("yes", "not_sure", "Ask about on-call weeks")
    assert (
        "Ask about on-call weeks"
        in client.get(reverse("finding:mentor", args=[program.pk, mentor.pk])).content.decode()
    )
    other_page = client_for(other_mentee).get(
        reverse("finding:mentor", args=[program.pk, mentor.pk])
    )
    assert "Ask about on-call weeks" not in other_page.content.decode()


def test_mentor_never_sees_the_checklist(program: Program, mentor: User, mentee: User) -> None:
    consideration_update(
        program=program,
        mentee=mentee,
        mentor=mentor,
        answers={"feedback": "no"},
        note="Seems too busy",
    )
    request = ask(program, mentee, mentor)
    client = client_for(mentor)

    for url in (reverse("finding:request", args=[request.pk]), "/", reverse("finding:requests")):
        assert "Seems too busy" not in client.get(url).content.decode()


def test_bookmark_toggle_with_htmx(program: Program, mentor: User, mentee: User) -> None:
    client = client_for(mentee)
    url = reverse("finding:bookmark", args=[program.pk, mentor.pk])

    on = client.post(url, {"on": "1"}, headers={"HX-Request": "true"})
    assert "Bookmarked" in on.content.decode()
    assert "Otto Mentor" in client.get("/").content.decode()
    off = client.post(url, {"on": "0"}, headers={"HX-Request": "true"})
    assert "Bookmarked" not in off.content.decode()


def test_request_journey_through_the_pages(program: Program, mentor: User, mentee: User) -> None:
    mentee_client = client_for(mentee)
    response = mentee_client.post(
        reverse("finding:request_create", args=[program.pk, mentor.pk]),
        {"message": "I want to learn to lead a clinical data team."},
    )
    request = MentorRequest.objects.get(mentee=mentee)
    assert response["Location"] == reverse("finding:request", args=[request.pk])

    mentor_client = client_for(mentor)
    page = mentor_client.get(reverse("finding:request", args=[request.pk])).content.decode()
    assert "I want to learn to lead a clinical data team." in page
    assert "Lead a team within two years" in page  # the mentee's career goals
    mentor_client.post(
        reverse("finding:request_message", args=[request.pk]), {"text": "Which team?"}
    )
    mentee_client.post(
        reverse("finding:request_message", args=[request.pk]), {"text": "Ward analytics."}
    )
    accepted = mentor_client.post(reverse("finding:request_accept", args=[request.pk]))

    request.refresh_from_db()
    assert request.status == RequestStatus.ACCEPTED
    assert accepted["Location"] == reverse("relationships:detail", args=[request.relationship_id])


def test_request_cap_message_on_the_page(program: Program, mentor: User, mentee: User) -> None:
    program.max_open_requests = 1
    program.save()

    other = add_mentor(program, "m9@example.org", "Zed Nine")
    ask(program, mentee, other)

    html = client_for(mentee).get(reverse("finding:mentor", args=[program.pk, mentor.pk])).content
    assert "the most Acme Mentoring 2026 allows at once" in html.decode()


def test_other_people_cannot_open_a_request(
    program: Program, mentor: User, mentee: User, other_mentee: User, outsider: User, manager: User
) -> None:
    request = ask(program, mentee, mentor)
    for person in (other_mentee, outsider, manager):
        client = client_for(person)
        assert client.get(reverse("finding:request", args=[request.pk])).status_code == 404
        assert client.post(reverse("finding:request_accept", args=[request.pk])).status_code == 404
        assert (
            client.post(reverse("finding:request_withdraw", args=[request.pk])).status_code == 404
        )


def test_mentee_cannot_accept_their_own_request(
    program: Program, mentor: User, mentee: User
) -> None:
    request = ask(program, mentee, mentor)

    response = client_for(mentee).post(reverse("finding:request_accept", args=[request.pk]))

    assert response.status_code == 403
    request.refresh_from_db()
    assert request.is_open


def test_mentor_pauses_and_resumes(program: Program, mentor: User, mentee: User) -> None:
    client = client_for(mentor)
    assert "Available" in client.get(reverse("finding:availability")).content.decode()

    client.post(
        reverse("finding:pause", args=[program.pk]),
        {f"pause-{program.pk}-note": "On holiday", f"pause-{program.pk}-until": "2099-08-01"},
    )
    page = client.get(reverse("finding:availability")).content.decode()
    assert "Paused until 1 August 2099" in page
    recommended = client_for(mentee).get(reverse("finding:recommendations", args=[program.pk]))
    assert mentor.pk not in {card.mentor_id for card in recommended.context["page"].cards}

    client.post(reverse("finding:resume", args=[program.pk]))
    assert "Available" in client.get(reverse("finding:availability")).content.decode()


def test_coaching_programs_use_their_words(program: Program, mentor: User, mentee: User) -> None:
    program.kind = Program.Kind.COACHING
    program.save()

    client = client_for(mentee)
    html = client.get(reverse("finding:recommendations", args=[program.pk])).content.decode()
    assert "<h1>Find a coach" in html
    assert "Find a coach</a></li>" in client.get("/").content.decode()


def test_a_new_mentee_appears_in_nothing_of_anyone_else(program: Program) -> None:
    newcomer = add_mentee(program, "new@example.org", "Nora New")
    assert client_for(newcomer).get(reverse("finding:requests")).status_code == 200
