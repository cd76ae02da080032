"""What the relationship pages share: links into a relationship, and what its header shows.

Pages ask access.py for the relationship (or its meeting, goal, question…) and the person's
capabilities; they hold no permission rule of their own. Form errors go through mentora.lib.forms.
"""

from __future__ import annotations

from django.urls import reverse

from mentora.lib.access import Access
from mentora.relationships.access import relationship_capabilities
from mentora.relationships.models import Relationship


def detail_url(relationship: Relationship, anchor: str = "") -> str:
    return reverse("relationships:detail", args=[relationship.pk]) + anchor


def page_context(access: Access[Relationship], **extra: object) -> dict[str, object]:
    """What every relationship page shows: the relationship, its section, and `can`, the
    person's capabilities (templates ask `can.work`, `can.ask`…, never the role)."""
    return {
        "nav_section": "relationships",
        "relationship": access.obj,
        "can": relationship_capabilities(access.obj, access.roles),
        **extra,
    }
