from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    # Without Redis the cache lives in the database (shared by all workers: rate limits and
    # page-cache invalidation rely on that). The command does nothing for other backends.
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("news", "0003_newsletter_and_ads")]

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
