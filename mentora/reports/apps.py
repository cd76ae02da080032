from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "mentora.reports"
    label = "reports"
    verbose_name = "Reports"
