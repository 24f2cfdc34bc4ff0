import time

from django.conf import settings
from django.core.management.base import BaseCommand

from news.warming import newest_ids, warm_articles


class Command(BaseCommand):
    help = (
        "Rendert die Seiten der neuesten Meldungen und aller Personen in allen Sprachen vor "
        "(nach einem Update: die erste Leserin wartet dann nicht auf das Rendern)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--newest",
            type=int,
            default=settings.NEWS_WARM_NEWEST,
            help="wie viele der neuesten Meldungen (Vorgabe: NEWS_WARM_NEWEST)",
        )

    def handle(self, *args, newest, **options):
        start = time.perf_counter()
        ids = list(newest_ids(newest)) if newest > 0 else []
        rendered = warm_articles.call(ids, people=True)
        self.stdout.write(
            self.style.SUCCESS(
                f"{rendered} Seiten von {len(ids)} Meldungen und allen Personen vorgerendert, "
                f"in {time.perf_counter() - start:.1f} s."
            )
        )
