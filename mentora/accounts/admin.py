from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from mentora.accounts.models import ApiToken, User
from mentora.lib.admin import ReadOnlyAdmin


@admin.register(User)
class UserAdmin(DjangoUserAdmin[User]):
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "is_staff", "is_active", "date_joined"]
    search_fields = ["email", "first_name", "last_name"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        ("Name", {"fields": ("first_name", "last_name")}),
        ("Permissions", {"fields": ("is_active", "is_staff", "is_superuser", "groups")}),
        ("Dates", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)


@admin.register(ApiToken)
class ApiTokenAdmin(ReadOnlyAdmin[ApiToken]):
    """Who has which token, since when and until when; never its digest."""

    list_display = ["__str__", "user", "name", "created", "last_used", "expires", "revoked"]
    list_select_related = ["user"]
    list_filter = ["revoked", "expires"]
    search_fields = ["user__email"]
    fields = ("user", "name", "created", "last_used", "expires", "revoked")
    readonly_fields = fields
