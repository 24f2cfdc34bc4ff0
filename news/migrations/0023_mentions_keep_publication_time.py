"""Article.people gets a link model of its own (Mention) on the table Django made for it, and
each link a copy of its article's time, indexed (as the keyword links in 0022)."""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def copy_publication_times(apps, schema_editor):
    """Give every link of a released article its time (Article.listed_since())."""
    Article = apps.get_model("news", "Article")
    Mention = apps.get_model("news", "Mention")
    released = Article.objects.filter(pk=OuterRef("article_id"), status="published")
    Mention.objects.update(published_at=Subquery(released.values("published_at")[:1]))


class Migration(migrations.Migration):

    dependencies = [
        ("news", "0022_tag_links_keep_publication_time"),
        ("people", "0004_oparl_deleted_objects"),
    ]

    operations = [
        # The table, its columns and constraints stay as they are: only Django's view of them
        # changes from an automatic link model to a declared one.
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Mention",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        (
                            "article",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="mentions",
                                to="news.article",
                            ),
                        ),
                        (
                            "person",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="mentions",
                                to="people.person",
                                verbose_name="Person",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "Genannte Person",
                        "verbose_name_plural": "Genannte Personen",
                        "db_table": "news_article_people",
                        "ordering": ["pk"],
                        "unique_together": {("article", "person")},
                    },
                ),
                migrations.AlterField(
                    model_name="article",
                    name="people",
                    field=models.ManyToManyField(
                        blank=True,
                        related_name="articles",
                        through="news.Mention",
                        to="people.person",
                        verbose_name="Genannte Personen",
                    ),
                ),
            ],
        ),
        migrations.AddField(
            model_name="mention",
            name="published_at",
            field=models.DateTimeField(editable=False, null=True, verbose_name="Erscheint"),
        ),
        migrations.AddIndex(
            model_name="mention",
            index=models.Index(
                fields=["person", "-published_at", "-article"], name="mention_newest"
            ),
        ),
        migrations.RunPython(copy_publication_times, migrations.RunPython.noop),
    ]
