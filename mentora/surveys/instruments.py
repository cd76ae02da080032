"""The built-in instruments, in Mentora's own words, and which of them each occasion sends.

Items and descriptions may say {mentor}, {mentee} and {relationship}; they are shown with the
program's words (coach, coachee, coaching).
The data migration `0002_builtin_instruments` installs these through `builtin_instruments_install`,
which only adds instruments that do not exist yet (a changed built-in gets a new version through
`instrument_update` instead, so earlier answers keep the wording they were given).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

MENTEE_BENEFITS = "mentee_benefits"
MENTOR_BENEFITS = "mentor_benefits"
MENTORING_RECEIVED = "mentoring_received"
CHECK_IN = "check_in"
CLOSING = "closing"

# The items of the mentor's reputation in matching (the mentee rates the mentor, 1-5).
HONEST_FEEDBACK = "honest_feedback"
MAKES_TIME = "makes_time"
REPUTATION_ITEMS = (HONEST_FEEDBACK, MAKES_TIME)

AGREE = "agree_1_5"
SCALE = "scale_0_10"
CHOICE = "choice"
TEXT = "text"

RHYTHM_CHOICES = [
    ["too_often", "We meet too often"],
    ["about_right", "About right"],
    ["not_often_enough", "We do not meet often enough"],
]


@dataclass(frozen=True)
class ItemSpec:
    key: str
    text: str
    kind: str = AGREE
    scale: str = ""
    reverse_scored: bool = False
    audience: str = "both"
    required: bool = True
    choices: list[list[str]] = field(default_factory=list)


@dataclass(frozen=True)
class InstrumentSpec:
    key: str
    title: str
    description: str
    audience: str
    items: list[ItemSpec]
    anonymity: str = "confidential"


# The labels of every scale the built-in instruments score.
SCALE_LABELS: dict[str, str] = {
    "industry_knowledge": "Industry knowledge",
    "organisation_knowledge": "Knowledge of the organisation",
    "professional_network": "Professional network",
    "soft_skills": "Soft skills",
    "professional_development": "Professional development",
    "career_satisfaction": "Career satisfaction",
    "commitment": "Commitment",
    "confidence": "Confidence",
    "refreshed_career_view": "A refreshed view of their own career",
    "leadership_skills": "Leadership skills",
    "personal_fulfilment": "Personal fulfilment",
    "career_support": "Career support",
    "psychosocial_support": "Psychosocial support",
    "role_modelling": "Role modelling",
    "relationship_quality": "Relationship quality",
    "goals_achieved": "Goals achieved",
    "would_recommend": "Would recommend",
    "take_part_again": "Would take part again",
    HONEST_FEEDBACK: "Gives honest, unbiased feedback",
    MAKES_TIME: "Makes time",
}

MENTEE_BENEFIT_SCALES = [
    "industry_knowledge",
    "organisation_knowledge",
    "professional_network",
    "soft_skills",
    "professional_development",
    "career_satisfaction",
    "commitment",
    "confidence",
]
MENTOR_BENEFIT_SCALES = [
    "refreshed_career_view",
    "leadership_skills",
    "professional_network",
    "personal_fulfilment",
]


def _reputation_items() -> list[ItemSpec]:
    return [
        ItemSpec(
            HONEST_FEEDBACK,
            "My {mentor} tells me honestly how I am doing, without bias.",
            scale=HONEST_FEEDBACK,
            audience="mentee",
        ),
        ItemSpec(
            MAKES_TIME,
            "My {mentor} makes time for me when I need it.",
            scale=MAKES_TIME,
            audience="mentee",
        ),
    ]


BUILTIN_INSTRUMENTS: list[InstrumentSpec] = [
    InstrumentSpec(
        key=MENTEE_BENEFITS,
        title="What the program gives you (mentee)",
        description="How you see your knowledge, network and career today. Asked at the start "
        "and at the end, so the program can see what changed.",
        audience="mentee",
        items=[
            ItemSpec(
                "industry_1",
                "I understand how my industry works and where it is heading.",
                scale="industry_knowledge",
            ),
            ItemSpec(
                "industry_2",
                "I can explain the trends that matter most in my field.",
                scale="industry_knowledge",
            ),
            ItemSpec(
                "organisation_1",
                "I know how decisions really get made where I work.",
                scale="organisation_knowledge",
            ),
            ItemSpec(
                "organisation_2",
                "I often feel lost about who to ask for what at work.",
                scale="organisation_knowledge",
                reverse_scored=True,
            ),
            ItemSpec(
                "network_1",
                "I know people outside my own team whom I could ask for advice.",
                scale="professional_network",
            ),
            ItemSpec(
                "network_2",
                "My circle of professional contacts is growing.",
                scale="professional_network",
            ),
            ItemSpec(
                "soft_skills_1", "I handle difficult conversations well.", scale="soft_skills"
            ),
            ItemSpec(
                "soft_skills_2",
                "I present my ideas clearly and with conviction.",
                scale="soft_skills",
            ),
            ItemSpec(
                "development_1",
                "I have a clear plan for the next step in my development.",
                scale="professional_development",
            ),
            ItemSpec(
                "development_2",
                "I am learning new skills that matter for my work.",
                scale="professional_development",
            ),
            ItemSpec(
                "satisfaction_1",
                "I am happy with how my career is going.",
                scale="career_satisfaction",
            ),
            ItemSpec(
                "satisfaction_2",
                "I feel stuck in my career.",
                scale="career_satisfaction",
                reverse_scored=True,
            ),
            ItemSpec(
                "commitment_1",
                "I see a future for myself in this organisation.",
                scale="commitment",
            ),
            ItemSpec(
                "commitment_2", "I care about the success of the place I work.", scale="commitment"
            ),
            ItemSpec("confidence_1", "I trust my own judgement at work.", scale="confidence"),
            ItemSpec(
                "confidence_2", "I would put myself forward for a bigger role.", scale="confidence"
            ),
        ],
    ),
    InstrumentSpec(
        key=MENTOR_BENEFITS,
        title="What the program gives you (mentor)",
        description="Mentoring gives back to mentors too. Asked at the start and at the end.",
        audience="mentor",
        items=[
            ItemSpec(
                "career_view_1",
                "I see my own career with fresh eyes.",
                scale="refreshed_career_view",
            ),
            ItemSpec(
                "career_view_2",
                "I have recently rethought what I want from my work.",
                scale="refreshed_career_view",
            ),
            ItemSpec(
                "leadership_1",
                "I am good at helping others find their own answers.",
                scale="leadership_skills",
            ),
            ItemSpec(
                "leadership_2", "I give feedback that people can act on.", scale="leadership_skills"
            ),
            ItemSpec(
                "network_1",
                "I know people across the organisation beyond my usual contacts.",
                scale="professional_network",
            ),
            ItemSpec(
                "network_2", "My professional network is growing.", scale="professional_network"
            ),
            ItemSpec(
                "fulfilment_1",
                "Helping others grow gives me real satisfaction.",
                scale="personal_fulfilment",
            ),
            ItemSpec(
                "fulfilment_2", "My work feels meaningful to me.", scale="personal_fulfilment"
            ),
        ],
    ),
    InstrumentSpec(
        key=MENTORING_RECEIVED,
        title="The support you received",
        description="What kind of help your {mentor} gave you. Asked at the end.",
        audience="mentee",
        items=[
            ItemSpec(
                "career_1",
                "My {mentor} helped me get noticed for work I do well.",
                scale="career_support",
            ),
            ItemSpec(
                "career_2",
                "My {mentor} helped me plan the next steps of my career.",
                scale="career_support",
            ),
            ItemSpec(
                "career_3",
                "My {mentor} opened doors I could not have opened alone.",
                scale="career_support",
            ),
            ItemSpec(
                "psychosocial_1",
                "I could talk openly with my {mentor} about my worries.",
                scale="psychosocial_support",
            ),
            ItemSpec(
                "psychosocial_2",
                "My {mentor} encouraged me when things were hard.",
                scale="psychosocial_support",
            ),
            ItemSpec(
                "psychosocial_3",
                "My {mentor} treated me with respect as a person.",
                scale="psychosocial_support",
            ),
            ItemSpec(
                "role_model_1",
                "I would like to work the way my {mentor} works.",
                scale="role_modelling",
            ),
            ItemSpec(
                "role_model_2",
                "My {mentor} showed me, by example, how to handle setbacks.",
                scale="role_modelling",
            ),
            ItemSpec(
                "role_model_3",
                "I admire how my {mentor} treats the people around them.",
                scale="role_modelling",
            ),
        ],
    ),
    InstrumentSpec(
        key=CHECK_IN,
        title="Relationship check-in",
        description="Two minutes on how your {relationship} relationship is going.",
        audience="both",
        items=[
            ItemSpec(
                "quality",
                "Our {relationship} relationship is going well.",
                scale="relationship_quality",
            ),
            ItemSpec(
                "rhythm", "How is the rhythm of your meetings?", kind=CHOICE, choices=RHYTHM_CHOICES
            ),
            *_reputation_items(),
            ItemSpec("comment", "Anything you would like to add?", kind=TEXT, required=False),
        ],
    ),
    InstrumentSpec(
        key=CLOSING,
        title="Closing survey",
        description="Looking back on the relationship as it ends its formal part.",
        audience="both",
        items=[
            ItemSpec(
                "goals_achieved",
                "We achieved the goals we set at the start.",
                scale="goals_achieved",
            ),
            ItemSpec(
                "recommend_mentor",
                "I would recommend my {mentor} to a colleague.",
                scale="would_recommend",
                audience="mentee",
            ),
            ItemSpec(
                "recommend_mentee",
                "I would recommend working with my {mentee} to other {mentor}s.",
                scale="would_recommend",
                audience="mentor",
            ),
            ItemSpec(
                "take_part_again",
                "I would take part in this program again.",
                scale="take_part_again",
            ),
            *_reputation_items(),
            ItemSpec("improve", "What should the program do better?", kind=TEXT, required=False),
        ],
    ),
]

# Which built-in instruments an occasion sends to each role.
OCCASION_INSTRUMENTS: dict[str, dict[str, list[str]]] = {
    "baseline": {"mentee": [MENTEE_BENEFITS], "mentor": [MENTOR_BENEFITS]},
    "check_in": {"mentee": [CHECK_IN], "mentor": [CHECK_IN]},
    "closing": {
        "mentee": [CLOSING, MENTEE_BENEFITS, MENTORING_RECEIVED],
        "mentor": [CLOSING, MENTOR_BENEFITS],
    },
    "follow_up": {"mentee": [MENTEE_BENEFITS], "mentor": [MENTOR_BENEFITS]},
}

BENEFIT_INSTRUMENTS = {"mentee": MENTEE_BENEFITS, "mentor": MENTOR_BENEFITS}


def builtin_instruments_install(
    *, instrument_model: Any, version_model: Any, item_model: Any
) -> int:
    """Create the built-in instruments that do not exist yet (version 1); return how many."""
    created = 0
    for spec in BUILTIN_INSTRUMENTS:
        if instrument_model.objects.filter(key=spec.key, program__isnull=True).exists():
            continue
        instrument = instrument_model.objects.create(
            key=spec.key,
            title=spec.title,
            description=spec.description,
            audience=spec.audience,
            anonymity=spec.anonymity,
        )
        version = version_model.objects.create(instrument=instrument, number=1)
        item_model.objects.bulk_create(
            item_model(
                version=version,
                key=item.key,
                position=position,
                text=item.text,
                kind=item.kind,
                choices=item.choices,
                scale=item.scale,
                reverse_scored=item.reverse_scored,
                audience=item.audience,
                required=item.required,
            )
            for position, item in enumerate(spec.items, start=1)
        )
        created += 1
    return created
