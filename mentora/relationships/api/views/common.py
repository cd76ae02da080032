"""What every relationships endpoint shares: reaching the relationship through access.py, and
the responses each operation documents besides its success."""

from __future__ import annotations

from typing import Any

from django.db.models import Model
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse

from mentora.lib.access import Access
from mentora.lib.api import ApiView
from mentora.relationships.access import access_relationship
from mentora.relationships.api.serializers import RelationshipErrorSerializer
from mentora.relationships.models import Relationship

FIELD_ERRORS = OpenApiResponse(
    OpenApiTypes.OBJECT,
    description="Refused input: each field named (or non_field_errors) with its messages.",
)
REFUSALS: dict[int, Any] = {
    401: OpenApiResponse(RelationshipErrorSerializer, description="Not signed in."),
    403: OpenApiResponse(RelationshipErrorSerializer, description="Your role may not do this."),
    404: OpenApiResponse(
        RelationshipErrorSerializer,
        description="No such object, or not yours to see (managers never see "
        "what the two people write).",
    ),
}


def answers(success: dict[int, Any], *, bad_input: bool = True) -> dict[int, Any]:
    """An operation's documented responses: its success, 400 when it takes input, 401/403/404."""
    return {**success, **({400: FIELD_ERRORS} if bad_input else {}), **REFUSALS}


class RelationshipView[M: Model](ApiView[M]):
    """A view under /relationships/{relationship_id}/ whose serializer is of `M`: everything is
    reached through access.py (`view` for stage, dates and counts; `work` for what the two people
    share)."""

    def access(self, relationship_id: int, *, to: str = "work") -> Access[Relationship]:
        return access_relationship(user=self.user, relationship_id=relationship_id, to=to)

    def relationship(self, relationship_id: int, *, to: str = "work") -> Relationship:
        return self.access(relationship_id, to=to).obj
