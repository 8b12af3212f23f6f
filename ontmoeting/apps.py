from django.contrib.admin.apps import AdminConfig


class SuperuserAdminConfig(AdminConfig):
    """The Django admin belongs to the functioneel beheerder alone: superusers only."""

    default_site = "ontmoeting.admin.SuperuserAdminSite"
