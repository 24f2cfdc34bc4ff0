"""The editors' group "Redaktion": what editors may do in the admin, and nothing more."""

from django.contrib.auth.models import Group, Permission

EDITOR_GROUP = "Redaktion"
# Editors manage everything in these apps; users, groups and other settings stay with admins.
EDITOR_APPS = ["news", "people"]


def sync_editor_group(**kwargs):
    """Create the group "Redaktion" and grant it every permission of the editorial apps.

    Runs after each `migrate`, so models added later are covered without a data migration.
    """
    group, _ = Group.objects.get_or_create(name=EDITOR_GROUP)
    group.permissions.add(*Permission.objects.filter(content_type__app_label__in=EDITOR_APPS))
    return group
