"""The relationships REST API under /api/relationships/: serializers, views by stage, urls."""
