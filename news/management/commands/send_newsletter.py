from django.core.management.base import BaseCommand

from news.newsletter import newsletter_send, unconfirmed_deliveries


def masked(email):
    """Return "m…@example.org" for logs: enough to tell addresses apart, not to collect them."""
    local, _, domain = email.partition("@")
    return f"{local[:1]}…@{domain}"


class Command(BaseCommand):
    help = (
        "Schickt jedem bestätigten Abonnenten die seit seiner Bestätigung veröffentlichten "
        "Meldungen seiner Rubriken, die er noch nicht bekommen hat. Keine Meldung geht zweimal "
        "an dieselbe Adresse, auch nicht nach einem Abbruch."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Nur anzeigen, was verschickt würde; nichts senden.",
        )
        parser.add_argument(
            "--release-unconfirmed",
            action="store_true",
            help="Vormerkungen ohne bestätigten Versand (nach einem Abbruch) freigeben, damit "
            "sie erneut verschickt werden. Nur nach Blick ins Log des Mailservers verwenden.",
        )

    def handle(self, *args, dry_run=False, release_unconfirmed=False, **options):
        stuck = unconfirmed_deliveries()
        if release_unconfirmed and not dry_run:
            released, _ = stuck.delete()
            self.stdout.write(f"{released} Vormerkungen ohne bestätigten Versand freigegeben.")
        elif stuck.exists():
            self.stderr.write(
                self.style.WARNING(
                    f"{stuck.count()} Meldungen wurden bei einem früheren Lauf vorgemerkt, "
                    "aber nicht "
                    "als verschickt bestätigt (Abbruch?). Sie werden nicht wiederholt; siehe "
                    "--release-unconfirmed."
                )
            )

        totals = {"sent": 0, "nothing": 0, "skipped": 0, "failed": 0}
        articles_sent = 0
        for delivery in newsletter_send(dry_run=dry_run):
            totals[delivery.outcome] += 1
            if delivery.outcome == "nothing":
                continue
            titles = "; ".join(article.title for article in delivery.articles)
            address = masked(delivery.subscription.email)
            count = len(delivery.articles)
            if delivery.outcome == "sent":
                articles_sent += count
                verb = "würde bekommen" if dry_run else "bekommt"
                self.stdout.write(f"{address} {verb} {count} Meldung(en): {titles}")
            elif delivery.outcome == "skipped":
                self.stdout.write(f"{address}: übersprungen, ein anderer Lauf verschickt gerade.")
            else:
                self.stderr.write(
                    self.style.ERROR(
                        f"{address}: Versand fehlgeschlagen, wird beim nächsten Lauf wiederholt."
                    )
                )

        summary = (
            f"{'Probelauf: ' if dry_run else ''}{totals['sent']} E-Mails mit zusammen "
            f"{articles_sent} Meldungen{' würden verschickt' if dry_run else ' verschickt'}; "
            f"{totals['nothing']} Abonnenten ohne neue Meldungen, "
            f"{totals['skipped']} übersprungen, "
            f"{totals['failed']} fehlgeschlagen."
        )
        style = self.style.ERROR if totals["failed"] else self.style.SUCCESS
        self.stdout.write(style(summary))
