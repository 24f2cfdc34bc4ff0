"""Version history for everything editors change, and a last version before each deletion.

django-reversion keeps a version whenever an admin form is saved. Records that were
imported or never edited in the admin have none, so deleting them would be final; the admin
below therefore stores one more version, with the related rows that go with the record (a
person's terms, the links of the articles naming them), right before it deletes.
"Gelöschte … wiederherstellen" in the list brings the record back from that version, those
rows included.
"""

import reversion
from reversion.admin import VersionAdmin


class HistoryAdmin(VersionAdmin):
    """A model admin with version history that keeps a restorable version of what it deletes."""

    # Reverse relations whose rows are stored with the deleted record (if they are versioned),
    # so that restoring it restores their links to it too.
    restore_also = ()

    def delete_model(self, request, obj):
        self._keep_last_version(request, [obj])
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        self._keep_last_version(request, list(queryset))
        super().delete_queryset(request, queryset)

    def _keep_last_version(self, request, objects):
        with reversion.create_revision():
            reversion.set_user(request.user)
            reversion.set_comment("Gelöscht – so sah der Eintrag vorher aus.")
            for obj in objects:
                reversion.add_to_revision(obj)
                for name in self.restore_also:
                    for related in getattr(obj, name).all():
                        if reversion.is_registered(type(related)):
                            reversion.add_to_revision(related)
