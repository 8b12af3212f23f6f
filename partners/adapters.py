from allauth.account.adapter import DefaultAccountAdapter


class InvitationOnlyAccountAdapter(DefaultAccountAdapter):
    """Nobody signs up on their own: staff accounts come from an organisation's invitation."""

    def is_open_for_signup(self, request):
        return False
