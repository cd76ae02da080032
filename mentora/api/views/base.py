"""What every API view shares: the signed-in person and service errors as 400s."""

from __future__ import annotations

from typing import Any, TypeVar

from django.db.models import Model
from rest_framework import generics, serializers
from rest_framework.authentication import SessionAuthentication, TokenAuthentication

from mentora.accounts.models import User
from mentora.api.errors import ServiceErrorsMixin
from mentora.api.permissions import request_user

_M = TypeVar("_M", bound=Model)


# Token first: an unauthenticated call then gets 401 with `WWW-Authenticate: Token` (with the
# session first, DRF has no challenge to send and answers 403).
AUTHENTICATION_CLASSES = [TokenAuthentication, SessionAuthentication]


class ApiView(ServiceErrorsMixin, generics.GenericAPIView[_M]):
    """A view whose reads go through selectors and whose writes go through services."""

    authentication_classes = AUTHENTICATION_CLASSES

    @property
    def user(self) -> User:
        return request_user(self.request)

    @property
    def describing_schema(self) -> bool:
        """True while drf-spectacular inspects the view without a real request."""
        return bool(getattr(self, "swagger_fake_view", False))

    def output(self, instance: Any, serializer_class: type[serializers.BaseSerializer[Any]]) -> Any:
        return serializer_class(instance, context=self.get_serializer_context()).data

    def query_filters(self, serializer_class: type[serializers.Serializer[Any]]) -> dict[str, Any]:
        """Validate the query string (400 with the field's name when a filter is wrong)."""
        filters = serializer_class(data=self.request.query_params)
        filters.is_valid(raise_exception=True)
        return dict(filters.validated_data)


class ListApiView(ApiView[_M], generics.ListAPIView[_M]):
    """A paginated list of what a selector lets the person see."""
