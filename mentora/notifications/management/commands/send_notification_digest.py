"""Email each daily-digest subscriber one message listing their notifications of the last day."""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from mentora.accounts.models import User
from mentora.notifications.selectors import digest_subscribers
from mentora.notifications.services import notification_digests_send


class Command(BaseCommand):
    help = (
        "Send the daily notification digest. Safe to run more than once: a notification is "
        "listed in at most one digest."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--email",
            help="Send only this person's digest (they must have chosen the daily digest).",
        )
        parser.add_argument(
            "--no-progress", action="store_true", help="Do not show a progress bar."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        subscribers = digest_subscribers()
        if options["email"]:
            email = options["email"].strip().lower()
            if not User.objects.filter(email__iexact=email).exists():
                raise CommandError(f"--email: nobody has the address {email!r}.")
            subscribers = subscribers.filter(email__iexact=email)
            if not subscribers.exists():
                raise CommandError(f"--email: {email} has not chosen the daily digest.")
        total = subscribers.count()
        users = tqdm(
            subscribers.iterator(chunk_size=500),
            total=total,
            desc="Digests",
            unit="person",
            disable=options["no_progress"] or total < 2,
            file=sys.stderr,
        )
        emails, listed = notification_digests_send(users=users)
        self.stdout.write(
            f"Sent {emails} digest email(s) listing {listed} notification(s) "
            f"to {total} subscriber(s)."
        )
