from django.core.management.base import BaseCommand

from news.demo import load_demo
from news.easy_read_demo import load_easy_read_demo
from news.translations_demo import load_translation_demo


class Command(BaseCommand):
    help = "Lädt die Demo-Inhalte (Seed-Artikel, Personen). Ein zweiter Lauf ändert nichts."

    def handle(self, *args, **options):
        created = load_demo()
        load_easy_read_demo()
        load_translation_demo()
        self.stdout.write(self.style.SUCCESS(f"Demo-Inhalte geladen: {created} neue Artikel."))
