import getpass
import os

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from news.roles import chief_editor_group, sync_editor_group


class Command(BaseCommand):
    help = (
        "Legt ein Redaktionskonto an: Zugang zum Admin, Mitglied der Gruppe „Redaktion“, "
        "kein Superuser; mit --chief in der „Chefredaktion“, die Artikel freigibt. "
        "Das Passwort wird abgefragt oder aus DJANGO_EDITOR_PASSWORD gelesen."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--email", default="")
        parser.add_argument(
            "--chief",
            action="store_true",
            help="Mitglied der Chefredaktion: gibt Artikel frei, veröffentlicht, zieht zurück.",
        )
        parser.add_argument("--noinput", "--no-input", action="store_false", dest="interactive")

    def handle(self, username, email, interactive, chief=False, **options):
        User = get_user_model()
        if User.objects.filter(username=username).exists():
            raise CommandError(f"Das Konto „{username}“ gibt es schon.")
        user = User(username=username, email=email, is_staff=True)
        user.set_password(self.ask_password(user, interactive))
        user.save()
        user.groups.add(chief_editor_group() if chief else sync_editor_group())
        role = "Chefredaktion" if chief else "Redaktion"
        self.stdout.write(self.style.SUCCESS(f"Konto „{username}“ ({role}) angelegt."))

    def ask_password(self, user, interactive):
        password = os.environ.get("DJANGO_EDITOR_PASSWORD")
        if not password and not interactive:
            raise CommandError("Ohne Eingabe bitte DJANGO_EDITOR_PASSWORD setzen.")
        while not password:
            password = getpass.getpass("Passwort: ")
            if password != getpass.getpass("Passwort (wiederholen): "):
                self.stderr.write("Die Passwörter stimmen nicht überein.")
                password = None
        try:
            validate_password(password, user)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        return password
