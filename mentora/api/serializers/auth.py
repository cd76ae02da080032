"""API tokens: obtaining one with an email address and a password, and listing one's own."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from mentora.accounts.models import ApiToken


class TokenRequestSerializer(serializers.Serializer[dict[str, str]]):
    email = serializers.EmailField()
    password = serializers.CharField(trim_whitespace=False, style={"input_type": "password"})
    code = serializers.CharField(
        required=False,
        allow_blank=True,
        help_text="The current code of your authenticator app, if you use two-factor sign-in.",
    )
    name = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=100,
        help_text="What the token is for, to recognise it in your list of tokens.",
    )


class TokenSerializer(serializers.Serializer[dict[str, Any]]):
    token = serializers.CharField(
        read_only=True,
        help_text=(
            "Send it as the header `Authorization: Token <token>`. It is shown only now: "
            "Mentora keeps only a digest of it."
        ),
    )
    id = serializers.IntegerField(read_only=True, help_text="The token's id in your list.")
    expires = serializers.DateTimeField(read_only=True, help_text="When the token stops working.")


class ApiTokenSerializer(serializers.ModelSerializer[ApiToken]):
    class Meta:
        model = ApiToken
        fields = ["id", "name", "created", "last_used", "expires"]
        read_only_fields = fields
