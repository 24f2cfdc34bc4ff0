from django.core.management.base import BaseCommand

from news.search import rebuild_index, rebuild_translation_index


class Command(BaseCommand):
    help = (
        "Baut den Suchindex für alle Artikel und Personen neu auf. Nötig nur nach Massenänderungen "
        "an der Datenbank vorbei an den Signalen (QuerySet.update, bulk_create, SQL)."
    )

    def handle(self, *args, **options):
        articles, people = rebuild_index()
        translations = rebuild_translation_index()
        self.stdout.write(
            self.style.SUCCESS(
                f"Suchindex neu aufgebaut: {articles} Artikel, {people} Personen, "
                f"{translations} Übersetzungen."
            )
        )
