import time

from django.core.management.base import BaseCommand

from news import related


class Command(BaseCommand):
    help = (
        "Ordnet für jeden Artikel die automatisch ergänzten „Weiteren Meldungen“ neu "
        "(nächtlich ausführen: eine neue Meldung kann auch unter entfernteren erscheinen)."
    )

    def handle(self, *args, verbosity, **options):
        start = time.perf_counter()

        def progress(done):
            if verbosity > 1:
                self.stdout.write(f"  {done} Artikel geordnet …")

        count = related.rebuild(progress=progress)
        self.stdout.write(
            self.style.SUCCESS(
                f"Weitere Meldungen für {count} Artikel geordnet, "
                f"in {time.perf_counter() - start:.1f} s."
            )
        )
