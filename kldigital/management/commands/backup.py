from django.core.management.base import BaseCommand, CommandError

from kldigital.backup import BackupError, backup


class Command(BaseCommand):
    help = "Sichert Datenbank und Mediendateien in einen Ordner, während die Website läuft."

    def add_arguments(self, parser):
        parser.add_argument("folder", help="Zielordner, z. B. /var/backups/kldigital/2026-12-01")

    def handle(self, folder, **options):
        try:
            files = backup(folder)
        except BackupError as error:
            raise CommandError(str(error)) from error
        for path in files:
            self.stdout.write(f"{path} ({path.stat().st_size // 1024} KB)")
