"""Tombstones of removed directory entries, and the signals that keep OParl timestamps honest.

OParl clients sync by asking for what changed since their last visit (`modified_since`); a
row that simply vanished would never reach them. So a removed person, organisation or term
leaves a `DeletedObject` behind, served as `{"deleted": true}` under the old URL.

A person's OParl object contains their memberships and an organisation's its offices and
members, so a change to a term or an office also marks the person or organisation as
modified ("zuletzt geändert" on the person page means the same).
"""

from django.db import models
from django.db.models.signals import post_delete, post_save
from django.utils import timezone


class DeletedObject(models.Model):
    """A person, organisation or term that was removed, kept so OParl clients learn of it."""

    class Kind(models.TextChoices):
        PERSON = "person", "Person"
        ORGANIZATION = "organization", "Organisation"
        MEMBERSHIP = "membership", "Amtszeit"

    kind = models.CharField("Art", max_length=12, choices=Kind.choices)
    object_pk = models.PositiveIntegerField("Nummer des gelöschten Eintrags")
    created_at = models.DateTimeField("Angelegt am")
    deleted_at = models.DateTimeField("Gelöscht am", default=timezone.now)

    class Meta:
        ordering = ["kind", "object_pk"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_pk"], name="unique_deleted_object")
        ]
        verbose_name = "Gelöschter Eintrag (OParl)"
        verbose_name_plural = "Gelöschte Einträge (OParl)"

    def __str__(self):
        return f"{self.get_kind_display()} {self.object_pk}, gelöscht am {self.deleted_at:%d.%m.%Y}"


KIND_OF_SENDER = {
    "Person": DeletedObject.Kind.PERSON,
    "Organization": DeletedObject.Kind.ORGANIZATION,
    "Term": DeletedObject.Kind.MEMBERSHIP,
}


def touch(model_name, **lookup):
    """Mark rows of a people model as changed now, without saving (and versioning) them."""
    from django.apps import apps

    apps.get_model("people", model_name).objects.filter(**lookup).update(updated_at=timezone.now())


def leave_tombstone(sender, instance, **kwargs):
    DeletedObject.objects.update_or_create(
        kind=KIND_OF_SENDER[sender.__name__],
        object_pk=instance.pk,
        defaults={"created_at": instance.created_at, "deleted_at": timezone.now()},
    )
    if sender.__name__ == "Term":
        term_changed(sender, instance)


def drop_tombstone(sender, instance, created, **kwargs):
    """Forget a tombstone whose number came back (SQLite reuses the highest row id; restores)."""
    if created:
        DeletedObject.objects.filter(
            kind=KIND_OF_SENDER[sender.__name__], object_pk=instance.pk
        ).delete()


def term_changed(sender, instance, **kwargs):
    touch("Person", pk=instance.person_id)
    touch("Organization", posts=instance.post_id)


def post_changed(sender, instance, **kwargs):
    touch("Organization", pk=instance.organization_id)


for model_name in KIND_OF_SENDER:
    post_delete.connect(leave_tombstone, sender=f"people.{model_name}", weak=False)
    post_save.connect(drop_tombstone, sender=f"people.{model_name}", weak=False)
post_save.connect(term_changed, sender="people.Term", weak=False)
post_save.connect(post_changed, sender="people.Post", weak=False)
post_delete.connect(post_changed, sender="people.Post", weak=False)
