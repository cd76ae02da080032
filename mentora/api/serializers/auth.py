"""Obtaining an API token with an email address and a password."""

from __future__ import annotations

from rest_framework import serializers


class TokenRequestSerializer(serializers.Serializer[dict[str, str]]):
    email = serializers.EmailField()
    password = serializers.CharField(trim_whitespace=False, style={"input_type": "password"})
    code = serializers.CharField(
        required=False,
        allow_blank=True,
        help_text="The current code of your authenticator app, if you use two-factor sign-in.",
    )


class TokenSerializer(serializers.Serializer[dict[str, str]]):
    token = serializers.CharField(
        read_only=True, help_text="Send it as the header `Authorization: Token <token>`."
    )
