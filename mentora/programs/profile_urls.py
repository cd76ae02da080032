"""The pages under /profile/ (namespace `profiles`): editing one's own profile is a programs page,
because one's manager must share an organisation or a program with one; self-identification and
one's own photo are the profiles app's pages."""

from django.urls import path

from mentora.profiles import urls as profiles_urls
from mentora.programs.views import profiles

app_name = "profiles"

urlpatterns = [
    path("", profiles.profile_edit, name="edit"),
    *profiles_urls.urlpatterns,
]
