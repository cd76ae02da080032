"""Pages for one's own notifications: the list, opening one, marking read, and preferences."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST, require_safe

from mentora.accounts.http import AuthenticatedHttpRequest
from mentora.notifications import selectors, services
from mentora.notifications.access import access_notification, access_preferences
from mentora.notifications.forms import PreferencesForm

PAGE_SIZE = 25


@require_safe
@login_required
def notification_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    unread_only = request.GET.get("unread") == "1"
    notifications = selectors.notifications_for_user(user=request.user, unread_only=unread_only)
    page = Paginator(notifications, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "notifications/list.html",
        {"nav_section": "notifications", "page": page, "unread_only": unread_only},
    )


@require_safe
@login_required
def notification_open(request: AuthenticatedHttpRequest, notification_id: int) -> HttpResponse:
    """Mark the notification read and follow its link, which only ever stays on this site."""
    notification = access_notification(
        user=request.user, notification_id=notification_id, to="mark_read"
    ).obj
    services.notification_mark_read(notification=notification, user=request.user)
    target = notification.url
    if (
        target
        and services.is_internal_path(target)
        and url_has_allowed_host_and_scheme(target, allowed_hosts=None)
    ):
        return redirect(target)
    return redirect("notifications:list")


@require_POST
@login_required
def notification_read(request: AuthenticatedHttpRequest, notification_id: int) -> HttpResponse:
    notification = access_notification(
        user=request.user, notification_id=notification_id, to="mark_read"
    ).obj
    services.notification_mark_read(notification=notification, user=request.user)
    if request.headers.get("HX-Request") == "true":
        return render(
            request,
            "notifications/_read_response.html",
            {
                "notification": notification,
                "unread_notifications": selectors.unread_count(user=request.user),
            },
        )
    return redirect("notifications:list")


@require_POST
@login_required
def notifications_read_all(request: AuthenticatedHttpRequest) -> HttpResponse:
    changed = services.notifications_mark_all_read(user=request.user)
    if changed:
        messages.success(
            request, "Marked 1 notification read." if changed == 1 else f"Marked {changed} read."
        )
    return redirect("notifications:list")


@login_required
def preferences(request: AuthenticatedHttpRequest) -> HttpResponse:
    preference = access_preferences(user=request.user, to="change").obj
    kinds = selectors.notification_kinds_for_user(user=request.user)
    if request.method == "POST":
        form = PreferencesForm(request.POST, kinds=kinds)
        if form.is_valid():
            services.preferences_update(
                user=request.user,
                email_important=form.cleaned_data["email_important"],
                daily_digest=form.cleaned_data["daily_digest"],
                muted_kinds=form.cleaned_data.get("muted_kinds", []),
            )
            messages.success(request, "Your notification preferences are saved.")
            return redirect("notifications:preferences")
    else:
        form = PreferencesForm(initial=PreferencesForm.initial_from(preference), kinds=kinds)
    return render(
        request,
        "notifications/preferences.html",
        {"nav_section": "notifications", "form": form},
    )
