"""The groups "Redaktion" and "Chefredaktion": what editors may do in the admin, and nothing more.

"Redaktion" writes and submits for review; "Chefredaktion" may also approve, publish, schedule,
withdraw and send back (the permission `news.publish_article`). Two pairs of eyes see every
article before readers do.
"""

from django.contrib.auth.models import Group, Permission

EDITOR_GROUP = "Redaktion"
CHIEF_EDITOR_GROUP = "Chefredaktion"
PUBLISH_PERMISSION = "news.publish_article"
# Editors manage everything in these apps; users, groups and other settings stay with admins,
# and so do the subscribers' addresses (personal data editors do not need).
EDITOR_APPS = ["news", "people"]
ADMIN_ONLY_MODELS = ["subscription", "newsletterdelivery"]
# The record of status changes is written by the workflow only, never by hand.
WORKFLOW_ONLY_CODENAMES = [
    "publish_article",
    "add_articlestatechange",
    "change_articlestatechange",
    "delete_articlestatechange",
]


def editor_permissions():
    return (
        Permission.objects.filter(content_type__app_label__in=EDITOR_APPS)
        .exclude(content_type__model__in=ADMIN_ONLY_MODELS)
        .exclude(codename__in=WORKFLOW_ONLY_CODENAMES)
    )


def sync_editor_group(**kwargs):
    """Create the groups "Redaktion" and "Chefredaktion" and give them exactly their permissions.

    Runs after each `migrate`, so models added later are covered without a data migration;
    the groups' permissions are managed here, not by hand. Returns "Redaktion".
    """
    group, _ = Group.objects.get_or_create(name=EDITOR_GROUP)
    group.permissions.set(editor_permissions())
    chiefs, _ = Group.objects.get_or_create(name=CHIEF_EDITOR_GROUP)
    app_label, codename = PUBLISH_PERMISSION.split(".")
    chiefs.permissions.set(
        [
            *editor_permissions(),
            *Permission.objects.filter(content_type__app_label=app_label, codename=codename),
        ]
    )
    return group


def chief_editor_group():
    sync_editor_group()
    return Group.objects.get(name=CHIEF_EDITOR_GROUP)
