from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = (
        "Run the worker of the configured task backend (TASKS) in the foreground: "
        "RQ's worker for the rq backend, django-tasks-db's for the database backend."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--until-empty",
            action="store_true",
            help="Run the tasks that are waiting, then stop (for tests and cron).",
        )

    def handle(self, *args, until_empty=False, **options):
        # Loaded once here, so that each render's child process starts with the renderer
        # in memory instead of importing it (about a second) every time.
        import weasyprint  # noqa: F401

        backend = settings.TASKS["default"]["BACKEND"]
        verbosity = options["verbosity"]
        if backend == "django_tasks_rq.RQBackend":
            call_command(
                "rqworker",
                *settings.TASKS["default"]["QUEUES"],
                job_class="django_tasks_rq.Job",
                burst=until_empty,
                verbosity=verbosity,
            )
        elif backend == "django_tasks_db.DatabaseBackend":
            call_command(
                "db_worker",
                batch=until_empty,
                reload=settings.DEBUG and not until_empty,
                startup_delay=not until_empty,
                verbosity=verbosity,
            )
        else:
            raise CommandError(f"The task backend {backend} has no worker to run.")
