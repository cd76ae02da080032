"""The "API tokens" page of one's account: the tokens one's programs use, and revoking them."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST, require_safe

from mentora.accounts.http import AuthenticatedHttpRequest
from mentora.accounts.selectors import api_tokens_for_user, get_api_token_for_user
from mentora.accounts.services import api_token_revoke


@require_safe
@login_required
def api_tokens(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(
        request,
        "accounts/api_tokens.html",
        {"nav_section": "account", "tokens": api_tokens_for_user(user=request.user)[:100]},
    )


@require_POST
@login_required
def api_token_revoke_view(request: AuthenticatedHttpRequest, token_id: int) -> HttpResponse:
    token = get_api_token_for_user(user=request.user, token_id=token_id)
    api_token_revoke(token=token)
    messages.success(request, f"The token “{token.name}” is revoked: it no longer works.")
    return redirect("accounts:api_tokens")
