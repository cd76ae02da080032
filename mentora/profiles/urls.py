from django.urls import path

from mentora.profiles import views

app_name = "profiles"

urlpatterns = [
    path("", views.profile_edit, name="edit"),
    path("self-identification/", views.demographics_edit, name="demographics"),
    path("photo/", views.my_photo, name="photo"),
]
