from django.apps import AppConfig


class SiteConfig(AppConfig):
    name = "mentora.site"
    label = "mentora_site"
    verbose_name = "Mentora site"
