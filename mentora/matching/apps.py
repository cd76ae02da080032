from django.apps import AppConfig


class MatchingConfig(AppConfig):
    name = "mentora.matching"
    label = "matching"
    verbose_name = "Matching"
