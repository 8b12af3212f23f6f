from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.urls import reverse


class InvitationOnlyAccountAdapter(DefaultAccountAdapter):
    """Nobody signs up on their own: staff accounts come from an organisation's invitation."""

    def is_open_for_signup(self, request):
        return False

    def render_mail(self, template_prefix, email, context, headers=None):
        # allauth renders mail without the request's context processors; the greeting and
        # signature (templates/account/email/base_message.txt) name the site.
        context = {**context, "SITE_NAME": settings.SITE_NAME}
        return super().render_mail(template_prefix, email, context, headers=headers)

    def get_login_redirect_url(self, request):
        """Staff land on their portal's start page; anyone else (an account without an
        organisation) on the public home page. A `next` in the login link still wins."""
        from partners.permissions import is_member

        user = request.user
        if user.is_authenticated and (user.is_staff or is_member(user)):
            return reverse("beheer:start")
        return super().get_login_redirect_url(request)
