from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "mentora.api"
    label = "api"
