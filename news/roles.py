"""The editors' group "Redaktion": what editors may do in the admin, and nothing more."""

from django.contrib.auth.models import Group, Permission

EDITOR_GROUP = "Redaktion"
# Editors manage everything in these apps; users, groups and other settings stay with admins,
# and so do the subscribers' addresses (personal data editors do not need).
EDITOR_APPS = ["news", "people"]
ADMIN_ONLY_MODELS = ["subscription", "newsletterdelivery"]


def sync_editor_group(**kwargs):
    """Create the group "Redaktion" and give it exactly the permissions of the editorial apps.

    Runs after each `migrate`, so models added later are covered without a data migration;
    the group's permissions are managed here, not by hand.
    """
    group, _ = Group.objects.get_or_create(name=EDITOR_GROUP)
    group.permissions.set(
        Permission.objects.filter(content_type__app_label__in=EDITOR_APPS).exclude(
            content_type__model__in=ADMIN_ONLY_MODELS
        )
    )
    return group
