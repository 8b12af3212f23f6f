from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.core.exceptions import ValidationError

from partners import authlog


class InvitationOnlyAccountAdapter(DefaultAccountAdapter):
    """Nobody signs up on their own: staff accounts come from an organisation's invitation."""

    def is_open_for_signup(self, request):
        return False

    def render_mail(self, template_prefix, email, context, headers=None):
        # allauth renders mail without the request's context processors; the greeting and
        # signature (templates/account/email/base_message.txt) name the site.
        context = {**context, "SITE_NAME": settings.SITE_NAME}
        return super().render_mail(template_prefix, email, context, headers=headers)

    def pre_authenticate(self, request, **credentials):
        """allauth's login limits; a refusal by them is logged as a lock-out."""
        try:
            super().pre_authenticate(request, **credentials)
        except ValidationError:
            authlog.log_event(
                "login_locked_out", request=request, login=authlog.login_name(credentials)
            )
            raise
