from django.conf import settings
from django.core.management.base import BaseCommand

from news.newsletter import subscriptions_purge


class Command(BaseCommand):
    help = (
        "Löscht Newsletter-Anmeldungen, die nicht innerhalb von NEWS_NEWSLETTER_UNCONFIRMED_DAYS "
        "Tagen nach der letzten Bestätigungs-Mail bestätigt wurden. Für einen täglichen Cronjob."
    )

    def handle(self, *args, **options):
        deleted = subscriptions_purge()
        days = settings.NEWS_NEWSLETTER_UNCONFIRMED_DAYS
        self.stdout.write(
            self.style.SUCCESS(
                f"{deleted} unbestätigte Anmeldungen gelöscht (älter als {days} Tage)."
            )
        )
