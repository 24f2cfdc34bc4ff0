import time

from django.core.management.base import BaseCommand

from news.seeding import seed_articles


class Command(BaseCommand):
    help = (
        "Legt viele realistische, veröffentlichte Beispielartikel an (Rubriken, Stichwörter, "
        "Personen), für Last- und Geschwindigkeitstests, und nimmt sie in den Suchindex auf. "
        "Artikel n ist bei jedem Lauf derselbe: ein zweiter Lauf legt nur an, was noch fehlt."
    )

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=1000, help="Artikel 1 bis COUNT")
        parser.add_argument("--batch-size", type=int, default=2000)

    def handle(self, *args, count, batch_size, verbosity, **options):
        start = time.perf_counter()

        def progress(done):
            if verbosity > 1:
                self.stdout.write(f"  {done} Artikel angelegt …")

        created = seed_articles(count, batch_size=batch_size, progress=progress)
        self.stdout.write(
            self.style.SUCCESS(
                f"{created} Beispielartikel angelegt ({count - created} gab es schon), "
                f"in {time.perf_counter() - start:.1f} s."
            )
        )
