"""Log entries seen only by the team that made them.

An export's log entry holds its filters (a donor's name searched, a campaign): Mécénat's exports
are none of Finance's business, and the other way round. Wagtail shows a log entry to anyone with
a permission on its model (`LogEntryQuerySet.viewable_by_user`, used by the site history report);
entries of the models in TEAM_LOGGED_MODELS are kept in their own table (home/wagtail_hooks.py
registers it for them) whose queryset also asks that the author shares one of STAFF_TEAM_GROUPS
with the reader. Superusers see everything, authors see their own entries.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from wagtail.models import ModelLogEntry
from wagtail.models.audit_log import BaseLogEntry, ModelLogEntryManager


def team_members(user) -> QuerySet:
    """The users whose exports and their log entries `user` may see."""
    users = get_user_model().objects.all()
    if user.is_superuser:
        return users
    teams = user.groups.filter(name__in=settings.STAFF_TEAM_GROUPS)
    return users.filter(Q(pk=user.pk) | Q(groups__in=teams)).distinct()


class TeamLogEntryManager(ModelLogEntryManager):
    def viewable_by_user(self, user):
        if user.is_superuser:
            return self.all()
        # Wagtail's version caches the allowed content types on the user from the first log table
        # it is asked about (the site history asks each table in turn): computed here afresh.
        used = self.order_by().values_list("content_type_id", flat=True).distinct()
        permissions = Permission.objects.filter(content_type_id__in=used).select_related(
            "content_type"
        )
        allowed = {
            permission.content_type_id
            for permission in permissions
            if user.has_perm(f"{permission.content_type.app_label}.{permission.codename}")
        }
        return self.filter(content_type_id__in=allowed, user_id__in=team_members(user).values("pk"))


class TeamLogEntry(BaseLogEntry):
    """Wagtail's ModelLogEntry, in a table of its own whose readers are the author's team."""

    object_id = ModelLogEntry._meta.get_field("object_id").clone()

    objects = TeamLogEntryManager()

    class Meta(BaseLogEntry.Meta):
        ordering = ["-timestamp", "-id"]
        verbose_name = _("team log entry")
        verbose_name_plural = _("team log entries")
