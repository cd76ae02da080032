"""What every app's Django admin shares: staff read metadata, and rows a service writes stay its.

- `MetadataAdmin`: for a model that holds what people wrote. Its pages name fields of metadata
  only (who, when, status, counts) and `__str__` of the model names the row, never its text; this
  base also refuses a filter in the URL on any of the model's texts (`?title__startswith=a`
  would answer yes or no about a text, one letter at a time) unless the admin lists it in
  `list_filter`.
- `ReadOnlyAdmin`: for rows that only a service writes (events, state changes, health signals,
  agreements, meetings, what the two people of a relationship wrote): listed and read, never
  added or changed here, and deleted only when `deletable` (to remove what breaks the rules).
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import models
from django.db.models.constants import LOOKUP_SEP
from django.http import HttpRequest

__all__ = ["MetadataAdmin", "ReadOnlyAdmin"]

TEXT_FIELDS = (models.CharField, models.TextField, models.JSONField, models.FileField)


class MetadataAdmin[M: models.Model](admin.ModelAdmin[M]):
    """An admin that shows metadata and answers no question about a text in its URL."""

    def lookup_allowed(self, lookup: str, value: str, request: HttpRequest) -> bool:
        name = lookup.split(LOOKUP_SEP, 1)[0]
        field = next((f for f in self.model._meta.concrete_fields if f.name == name), None)
        filtered = {
            item if isinstance(item, str) else item[0]
            for item in self.get_list_filter(request)
            if isinstance(item, str | tuple | list)
        }
        if isinstance(field, TEXT_FIELDS) and not field.choices and name not in filtered:
            return False
        return super().lookup_allowed(lookup, value, request)


class ReadOnlyAdmin[M: models.Model](MetadataAdmin[M]):
    """Rows a service writes: read here, never added or changed; deleted only when `deletable`."""

    deletable = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.deletable and super().has_delete_permission(request, obj)
