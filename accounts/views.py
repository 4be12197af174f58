"""The profile page, the password-reset throttle and two-factor login.

The home pages live in the top app, `portal`."""

import base64

import segno
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe
from django_otp import devices_for_user, user_has_device
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from .middleware import PENDING_SESSION_KEY, two_factor_required
from .security import password_reset_allowed


@login_required
@require_safe
def profile(request):
    """The logged-in user's own details."""
    return render(
        request,
        "accounts/profile.html",
        {"two_factor_on": user_has_device(request.user, confirmed=True)},
    )


class ThrottledPasswordResetView(auth_views.PasswordResetView):
    """Password reset with a throttle per address and per e-mail address.

    Over the limit for the address: 429 with a plain message. Over the limit for
    the e-mail address: the usual "sent" page but no e-mail, so the page does not
    tell whether an account exists.
    """

    def form_valid(self, form):
        address_ok, email_ok = password_reset_allowed(self.request, form.cleaned_data["email"])
        if not address_ok:
            return render(self.request, "registration/password_reset_throttled.html", status=429)
        if not email_ok:
            return redirect(self.get_success_url())
        return super().form_valid(form)


def _next_url(request, default: str = "home") -> str:
    """The `next` parameter when it points into this site, else `default`."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse(default)


def _complete_second_factor(request, device) -> None:
    otp_login(request, device)
    request.session[PENDING_SESSION_KEY] = False


@login_required
@require_http_methods(["GET", "POST"])
def two_factor_verify(request):
    """The second login step: the six-digit code from the user's authenticator app."""
    devices = list(devices_for_user(request.user, confirmed=True))
    if not devices or request.user.is_verified():
        if not request.user.is_verified() and two_factor_required(request.user):
            return redirect(f"{reverse('two_factor_setup')}?{request.GET.urlencode()}")
        return redirect(_next_url(request))
    error = None
    if request.method == "POST":
        token = request.POST.get("token", "").strip().replace(" ", "")
        for device in devices:
            allowed, _data = device.verify_is_allowed()
            if not allowed:
                error = _("Too many wrong codes. Wait a minute and try again.")
                break
            if token.isdigit() and device.verify_token(token):
                _complete_second_factor(request, device)
                return redirect(_next_url(request))
        else:
            error = _(
                "That code is not right, or it has expired. Enter the code your app shows now."
            )
    return render(
        request,
        "accounts/two_factor_verify.html",
        {"error": error, "next": _next_url(request)},
        status=400 if error else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def two_factor_setup(request):
    """Set up an authenticator app: a QR code made on the server, the secret as text, a check."""
    user = request.user
    if user_has_device(user, confirmed=True):
        if not user.is_verified():
            return redirect(f"{reverse('two_factor_verify')}?{request.GET.urlencode()}")
        return render(request, "accounts/two_factor_setup.html", {"already_set_up": True})
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=_("Authenticator app"), confirmed=False)
    error = None
    if request.method == "POST":
        token = request.POST.get("token", "").strip().replace(" ", "")
        if token.isdigit() and device.verify_token(token):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            TOTPDevice.objects.filter(user=user, confirmed=False).delete()
            _complete_second_factor(request, device)
            messages.success(request, _("Two-factor authentication is on for your account."))
            return redirect(_next_url(request, default="profile"))
        error = _("That code is not right. Enter the six digits your app shows now.")
    secret = base64.b32encode(device.bin_key).decode("ascii")
    qr = segno.make(device.config_url, error="m")
    return render(
        request,
        "accounts/two_factor_setup.html",
        {
            "qr_svg": mark_safe(qr.svg_inline(scale=5, title=_("QR code"))),  # noqa: S308
            "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
            "error": error,
            "required": two_factor_required(user),
            "next": request.GET.get("next") or request.POST.get("next") or "",
        },
        status=400 if error else 200,
    )
