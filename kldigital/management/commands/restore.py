from django.core.management.base import BaseCommand, CommandError

from kldigital.backup import BackupError, restore


class Command(BaseCommand):
    help = "Stellt Datenbank und Mediendateien aus einem Sicherungsordner wieder her."

    def add_arguments(self, parser):
        parser.add_argument("folder", help="Ordner, den `manage.py backup` geschrieben hat")
        parser.add_argument(
            "--yes", action="store_true", help="Ohne Rückfrage: die Datenbank wird ersetzt."
        )

    def handle(self, folder, yes=False, **options):
        if not yes and input("Die Datenbank wird ersetzt. Fortfahren? [j/N] ").lower() != "j":
            raise CommandError("Abgebrochen.")
        try:
            restore(folder)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Wiederhergestellt aus {folder}.")
