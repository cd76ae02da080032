from __future__ import annotations

from django.apps import AppConfig


class FindingConfig(AppConfig):
    name = "mentora.finding"
    label = "finding"
    verbose_name = "Finding a mentor"

    def ready(self) -> None:
        """Tell the matching engine's input how fast each mentor answers requests.

        Matching sits below finding and must not import it: finding registers its measure
        (`mentora.matching.measures`). The imports wait for `ready` because the selectors import
        models, which exist only once every app is loaded.
        """
        from mentora.finding.selectors import (  # noqa: PLC0415 - models load first
            mentor_response_hours,
        )
        from mentora.matching.measures import (  # noqa: PLC0415 - models load first
            RESPONSE_HOURS,
            register_mentor_measure,
        )

        register_mentor_measure(
            RESPONSE_HOURS, lambda program: mentor_response_hours(program=program)
        )
