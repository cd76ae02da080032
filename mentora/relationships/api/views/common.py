"""What every relationships endpoint shares: reaching the relationship through access.py."""

from __future__ import annotations

from django.db.models import Model

from mentora.lib.access import Access
from mentora.lib.api import ApiView
from mentora.relationships.access import access_relationship
from mentora.relationships.models import Relationship


class RelationshipView[M: Model](ApiView[M]):
    """A view under /relationships/{relationship_id}/ whose serializer is of `M`: everything is
    reached through access.py (`view` for stage, dates and counts; `work` for what the two people
    share)."""

    def access(self, relationship_id: int, *, to: str = "work") -> Access[Relationship]:
        return access_relationship(user=self.user, relationship_id=relationship_id, to=to)

    def relationship(self, relationship_id: int, *, to: str = "work") -> Relationship:
        return self.access(relationship_id, to=to).obj
