"""The worker's heartbeat: proof, written to the run's row every few seconds, that it is alive.

The engine reports progress unevenly (solving and storing a large draft can each take many
seconds without a word), so the heartbeat does not depend on it: a thread of the worker writes
`heartbeat_at` every `beat_every()` seconds while the run (or the publish) is in the worker's
hands, and the progress writer refreshes it too. A worker killed with -9 stops beating; after
`settings.MENTORA_MATCH_RUN_LOST_AFTER` seconds the run counts as lost
(`mentora.matching.lifecycle`).

A run executed inside its starter's transaction (the test backend, the demo) needs no thread:
nobody else can see the run until that transaction commits, and by then it is finished.
"""

from __future__ import annotations

import logging
import threading
from types import TracebackType

from django.conf import settings
from django.db import DatabaseError, connection, connections
from django.utils import timezone

from mentora.matching.models import MatchRun

logger = logging.getLogger(__name__)

BEATING = (MatchRun.Status.RUNNING, MatchRun.Status.PUBLISHING)


def beat_every() -> float:
    """Seconds between two heartbeats: a quarter of the time after which a worker is lost."""
    return max(1.0, settings.MENTORA_MATCH_RUN_LOST_AFTER / 4)


def beat(run_id: int) -> int:
    """Write the run's heartbeat now (only while a worker is working on it); 1 if written."""
    return MatchRun.objects.filter(pk=run_id, status__in=BEATING).update(
        heartbeat_at=timezone.now()
    )


class Heartbeat:
    """While the block runs, a thread writes the run's heartbeat every `beat_every()` seconds."""

    def __init__(self, run_id: int) -> None:
        self.run_id = run_id
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def __enter__(self) -> Heartbeat:
        if connection.in_atomic_block:
            return self  # invisible to everyone else until it commits: nothing to prove
        self._thread = threading.Thread(
            target=self._beat, name=f"match-run-{self.run_id}-heartbeat", daemon=True
        )
        self._thread.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=beat_every() + 30)

    def _beat(self) -> None:
        try:
            while not self._stop.wait(beat_every()):
                try:
                    beat(self.run_id)
                except DatabaseError:
                    logger.warning(
                        "match run %s: heartbeat not written", self.run_id, exc_info=True
                    )
        finally:
            # This thread's own connection, never the worker's.
            connections.close_all()
