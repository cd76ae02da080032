from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "mentora.surveys"
    label = "surveys"
    verbose_name = "Surveys"
