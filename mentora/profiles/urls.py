"""The profiles app's own pages under /profile/ (namespace `profiles`), gathered with the
profile page itself by `mentora.programs.profile_urls`."""

from django.urls import path

from mentora.profiles import views

urlpatterns = [
    path("self-identification/", views.demographics_edit, name="demographics"),
    path("photo/", views.my_photo, name="photo"),
]
