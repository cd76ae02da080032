from django.apps import AppConfig


class RelationshipsConfig(AppConfig):
    name = "mentora.relationships"
    label = "relationships"
