from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_migrate


class NewsConfig(AppConfig):
    name = "news"
    verbose_name = "Nachrichten"

    def ready(self):
        from . import directory, fragments, related, search
        from .caching import connect_signals
        from .models.links import Mention, date_added_mentions
        from .printing import fastpath
        from .printing.services import connect_signals as connect_printing_signals
        from .roles import sync_editor_group

        post_migrate.connect(sync_editor_group, sender=self)
        m2m_changed.connect(date_added_mentions, sender=Mention, dispatch_uid="mentions-dated")
        connect_signals()
        related.connect_signals()
        fragments.connect_signals()
        search.connect_signals()
        search.connect_translation_signals()
        directory.register()
        connect_printing_signals()
        fastpath.connect_signals()
