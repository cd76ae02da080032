from django.apps import AppConfig


class FindingConfig(AppConfig):
    name = "mentora.finding"
    label = "finding"
    verbose_name = "Finding a mentor"
