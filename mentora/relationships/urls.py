from django.urls import URLPattern, URLResolver

app_name = "relationships"
urlpatterns: list[URLPattern | URLResolver] = []
